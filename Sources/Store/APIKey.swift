import Foundation

/// A named API key of a user: `value` is shown once; only its SHA-256 (`keyHash`) is stored.
/// Clients send it as HTTP basic with the user name `_api_key`, as Anchore Enterprise does.
public struct APIKey: Sendable, Hashable, Codable {
    public var username: String
    public var name: String
    public var keyHash: String
    public var createdAt: Date
    public var expiresAt: Date
    /// `active` or `revoked`; `expired` is derived from `expiresAt`.
    public var status: String

    public init(username: String, name: String, keyHash: String, createdAt: Date, expiresAt: Date, status: String = "active") {
        self.username = username
        self.name = name
        self.keyHash = keyHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.status = status
    }
}
