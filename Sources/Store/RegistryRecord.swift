import Foundation

/// Registry credentials of an account; `secret` is the password sealed by the service (never stored in clear).
public struct RegistryRecord: Sendable, Hashable, Codable {
    public var account: String
    public var registry: String
    public var name: String
    public var user: String
    public var secret: Data
    public var type: String
    public var verifyTLS: Bool
    public var createdAt: Date
    public var lastUpdated: Date

    public init(account: String, registry: String, name: String, user: String, secret: Data, type: String = "docker_v2",
                verifyTLS: Bool = true, createdAt: Date, lastUpdated: Date) {
        self.account = account
        self.registry = registry
        self.name = name
        self.user = user
        self.secret = secret
        self.type = type
        self.verifyTLS = verifyTLS
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated
    }
}
