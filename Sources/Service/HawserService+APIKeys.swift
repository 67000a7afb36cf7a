import Crypto
import Foundation
import Store

extension HawserService {
    /// Creates an API key for the caller; the key's value is returned once and only its digest is kept.
    public func createAPIKey(by principal: Principal, name: String, expiresAt: Date?) async throws(ServiceError) -> (APIKey, String) {
        try Self.validateName(name, what: "API key name")
        let now = clock()
        let expiry = expiresAt ?? now.addingTimeInterval(365 * 24 * 3600)
        guard expiry > now else { throw .badRequest("expires_at must be in the future") }
        let value = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "=", with: "")
        let key = APIKey(username: principal.username, name: name, keyHash: Authenticator.keyHash(value), createdAt: now, expiresAt: expiry)
        try await storeCall { () async throws(StoreError) in try await store.createAPIKey(key) }
        return (key, value)
    }

    public func apiKeys(by principal: Principal) async throws(ServiceError) -> [APIKey] {
        try await storeCall { () async throws(StoreError) in try await store.apiKeys(username: principal.username) }
    }

    public func revokeAPIKey(by principal: Principal, name: String) async throws(ServiceError) {
        guard try await storeCall({ () async throws(StoreError) in try await store.revokeAPIKey(username: principal.username, name: name) }) else {
            throw .notFound("API key \(name) not found")
        }
        await authenticator.forget(username: "_api_key")
    }
}
