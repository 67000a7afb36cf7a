import Foundation

/// A policy bundle of an account as stored: the document as the user sent it, and whether it is
/// the account's active bundle (exactly one is).
public struct StoredPolicy: Sendable, Hashable, Codable {
    public var account: String
    public var id: String
    public var name: String
    public var active: Bool
    /// The bundle JSON as uploaded.
    public var document: Data
    /// `sha256:` of `document`.
    public var digest: String
    /// `local` (uploaded) or `hawser` (the default bundle).
    public var source: String
    public var createdAt: Date
    public var lastUpdated: Date

    public init(account: String, id: String, name: String, active: Bool, document: Data, digest: String, source: String = "local",
                createdAt: Date, lastUpdated: Date) {
        self.account = account
        self.id = id
        self.name = name
        self.active = active
        self.document = document
        self.digest = digest
        self.source = source
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated
    }
}
