import Foundation

/// An event (Anchore's `event` records), e.g. `user.image.analysis.completed`.
public struct StoredEvent: Sendable, Hashable, Codable {
    public var id: String
    public var account: String
    public var type: String
    /// `info` or `error`.
    public var level: String
    public var message: String
    /// JSON object text.
    public var details: String
    public var resourceType: String
    public var resourceID: String
    public var createdAt: Date

    public init(id: String = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""), account: String, type: String,
                level: String, message: String, details: String = "{}", resourceType: String, resourceID: String, createdAt: Date) {
        self.id = id
        self.account = account
        self.type = type
        self.level = level
        self.message = message
        self.details = details
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.createdAt = createdAt
    }
}
