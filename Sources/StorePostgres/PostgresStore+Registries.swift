import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    public func putRegistry(_ record: RegistryRecord) async throws(StoreError) {
        try await transaction("store registry") { connection in try await connection.query("""
            INSERT INTO registry (account, registry, name, username, secret, type, verify_tls, created_at, last_updated)
            VALUES (\(record.account), \(record.registry), \(record.name), \(record.user), \(record.secret), \(record.type), \(record.verifyTLS),
            \(record.createdAt.timeIntervalSince1970), \(record.lastUpdated.timeIntervalSince1970))
            ON CONFLICT (account, registry) DO UPDATE SET name = excluded.name, username = excluded.username, secret = excluded.secret,
            type = excluded.type, verify_tls = excluded.verify_tls, last_updated = excluded.last_updated
            """, logger: logger) }
    }

    public func registries(account: String) async throws(StoreError) -> [RegistryRecord] {
        try await rows("list registries", "SELECT * FROM registry WHERE account = \(account) ORDER BY registry", PostgresRows.registry)
    }

    public func deleteRegistry(account: String, registry: String) async throws(StoreError) -> Bool {
        try await !rows("delete registry", "DELETE FROM registry WHERE account = \(account) AND registry = \(registry) RETURNING registry").isEmpty
    }

    public func putSubscription(_ subscription: Subscription) async throws(StoreError) {
        _ = try await rows("store subscription", """
            INSERT INTO subscription (id, account, key, type, value, active, created_at, last_updated)
            VALUES (\(subscription.id), \(subscription.account), \(subscription.key), \(subscription.type), \(subscription.value),
            \(subscription.active), \(subscription.createdAt.timeIntervalSince1970), \(subscription.lastUpdated.timeIntervalSince1970))
            ON CONFLICT (id) DO UPDATE SET key = excluded.key, type = excluded.type, value = excluded.value, active = excluded.active,
            last_updated = excluded.last_updated
            """)
    }

    public func subscriptions(account: String) async throws(StoreError) -> [Subscription] {
        try await rows("list subscriptions", "SELECT * FROM subscription WHERE account = \(account) ORDER BY key, type", PostgresRows.subscription)
    }

    public func subscription(account: String, id: String) async throws(StoreError) -> Subscription? {
        try await rows("get subscription", "SELECT * FROM subscription WHERE account = \(account) AND id = \(id)", PostgresRows.subscription).first
    }

    public func deleteSubscription(account: String, id: String) async throws(StoreError) -> Bool {
        try await !rows("delete subscription", "DELETE FROM subscription WHERE account = \(account) AND id = \(id) RETURNING id").isEmpty
    }
}
