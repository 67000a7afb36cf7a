import Foundation

/// A user of an account; `passwordHash` is a self-describing slow salted hash (see Service's `PasswordHasher`).
public struct User: Sendable, Hashable, Codable {
    public var username: String
    public var account: String
    public var passwordHash: String
    /// Anchore's `native` (password) or `internal` (service) users.
    public var type: String
    public var createdAt: Date
    public var lastUpdated: Date

    public init(username: String, account: String, passwordHash: String, type: String = "native", createdAt: Date, lastUpdated: Date) {
        self.username = username
        self.account = account
        self.passwordHash = passwordHash
        self.type = type
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated
    }
}
