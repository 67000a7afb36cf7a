import Crypto
import Foundation
import Store

/// Who is calling: the user, its account, and whether that account may act for others.
public struct Principal: Sendable, Hashable {
    public var username: String
    public var account: String
    public var isAdmin: Bool

    public init(username: String, account: String, isAdmin: Bool) {
        self.username = username
        self.account = account
        self.isAdmin = isAdmin
    }
}

/// Checks basic-auth passwords and bearer tokens. A password hash is deliberately slow, so a
/// verified (user, password digest) pair is remembered for a minute: CI clients send basic auth
/// on every request.
public actor Authenticator {
    let store: any ServiceStore
    let hasher: PasswordHasher
    private var verified: [String: (principal: Principal, until: Date)] = [:]
    private var tokens: [String: (principal: Principal, until: Date)] = [:]
    static let cacheSeconds: Double = 60
    public static let tokenSeconds: Double = 3600

    init(store: any ServiceStore, hasher: PasswordHasher) {
        self.store = store
        self.hasher = hasher
    }

    /// The stored form of an API key's value.
    static func keyHash(_ value: String) -> String {
        SHA256.hash(data: Data(value.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public func authenticate(username: String, password: String, now: Date = Date()) async throws(ServiceError) -> Principal {
        let key = username + "\u{0}" + Self.keyHash(password)
        if let cached = verified[key], cached.until > now { return cached.principal }
        if username == "_api_key" { return try await authenticate(apiKey: password, cacheKey: key, now: now) }
        guard let user = try await storeCall({ () async throws(StoreError) in try await store.user(named: username) }),
              hasher.verify(password, against: user.passwordHash),
              let account = try await storeCall({ () async throws(StoreError) in try await store.account(named: user.account) }) else {
            throw .unauthorized("wrong username or password")
        }
        guard account.state == .enabled else { throw .unauthorized("account \(account.name) is \(account.state.rawValue)") }
        let principal = Principal(username: user.username, account: account.name, isAdmin: account.type == .admin)
        if verified.count > 10_000 { verified.removeAll() }
        verified[key] = (principal, now.addingTimeInterval(Self.cacheSeconds))
        return principal
    }

    /// Basic auth with user `_api_key` and the key as password (Anchore Enterprise's convention).
    private func authenticate(apiKey: String, cacheKey: String, now: Date) async throws(ServiceError) -> Principal {
        let hash = Self.keyHash(apiKey)
        guard let key = try await storeCall({ () async throws(StoreError) in try await store.apiKey(hash: hash) }),
              key.status == "active", key.expiresAt > now,
              let user = try await storeCall({ () async throws(StoreError) in try await store.user(named: key.username) }),
              let account = try await storeCall({ () async throws(StoreError) in try await store.account(named: user.account) }),
              account.state == .enabled else {
            throw .unauthorized("invalid, revoked or expired API key")
        }
        let principal = Principal(username: user.username, account: account.name, isAdmin: account.type == .admin)
        verified[cacheKey] = (principal, min(now.addingTimeInterval(Self.cacheSeconds), key.expiresAt))
        return principal
    }

    /// Issues an opaque bearer token for `principal` (`POST /oauth/token`).
    public func issueToken(for principal: Principal, now: Date = Date()) -> String {
        let token = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
        tokens = tokens.filter { $0.value.until > now }
        tokens[token] = (principal, now.addingTimeInterval(Self.tokenSeconds))
        return token
    }

    public func principal(forToken token: String, now: Date = Date()) throws(ServiceError) -> Principal {
        guard let entry = tokens[token], entry.until > now else { throw .unauthorized("invalid or expired token") }
        return entry.principal
    }

    /// Forgets cached verifications, after a password change or a user's removal.
    public func forget(username: String) {
        verified = verified.filter { !$0.key.hasPrefix(username + "\u{0}") && (username != "_api_key" || !$0.key.hasPrefix("_api_key")) }
        tokens = tokens.filter { $0.value.principal.username != username }
    }
}
