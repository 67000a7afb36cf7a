import Foundation

/// Which events to list.
public struct EventFilter: Sendable, Hashable {
    public var type: String?
    public var level: String?
    public var resourceType: String?
    public var resourceID: String?
    public var since: Date?
    public var before: Date?

    public init(type: String? = nil, level: String? = nil, resourceType: String? = nil, resourceID: String? = nil, since: Date? = nil, before: Date? = nil) {
        self.type = type
        self.level = level
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.since = since
        self.before = before
    }
}
