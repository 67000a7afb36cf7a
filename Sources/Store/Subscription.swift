import Foundation

/// A subscription (`tag_update`, `policy_eval`, `vuln_update`, `analysis_update`, `repo_update`).
public struct Subscription: Sendable, Hashable, Codable {
    public var id: String
    public var account: String
    public var key: String
    public var type: String
    public var value: String?
    public var active: Bool
    public var createdAt: Date
    public var lastUpdated: Date

    public init(id: String, account: String, key: String, type: String, value: String? = nil, active: Bool, createdAt: Date, lastUpdated: Date) {
        self.id = id
        self.account = account
        self.key = key
        self.type = type
        self.value = value
        self.active = active
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated
    }

    /// Anchore's subscription id: a digest of account, key and type, so the same subscription is never made twice.
    public static func identifier(account: String, key: String, type: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in "\(account)\u{0}\(key)\u{0}\(type)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return String(hash, radix: 16)
    }
}
