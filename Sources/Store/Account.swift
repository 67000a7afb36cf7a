import Foundation

/// An account: the unit of isolation. Every image, registry, subscription and event belongs to one.
public struct Account: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case user, admin, service }
    public enum State: String, Sendable, Codable, CaseIterable { case enabled, disabled, deleting }

    public var name: String
    public var email: String?
    public var type: Kind
    public var state: State
    public var createdAt: Date
    public var lastUpdated: Date

    public init(name: String, email: String?, type: Kind, state: State = .enabled, createdAt: Date, lastUpdated: Date) {
        self.name = name
        self.email = email
        self.type = type
        self.state = state
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated
    }
}
