import Foundation
import GRDB
import Store

extension SQLiteStore {
    public func putRegistry(_ record: RegistryRecord) async throws(StoreError) {
        try await write("store registry") { db in
            try db.execute(sql: """
                INSERT INTO registry (account, registry, name, username, secret, type, verify_tls, created_at, last_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account, registry) DO UPDATE SET name = excluded.name, username = excluded.username, secret = excluded.secret,
                type = excluded.type, verify_tls = excluded.verify_tls, last_updated = excluded.last_updated
                """, arguments: [record.account, record.registry, record.name, record.user, record.secret, record.type, record.verifyTLS,
                                 record.createdAt.timeIntervalSince1970, record.lastUpdated.timeIntervalSince1970])
        }
    }

    public func registries(account: String) async throws(StoreError) -> [RegistryRecord] {
        try await read("list registries") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM registry WHERE account = ? ORDER BY registry", arguments: [account]).map(SQLiteRows.registry)
        }
    }

    public func deleteRegistry(account: String, registry: String) async throws(StoreError) -> Bool {
        try await write("delete registry") { db in
            try db.execute(sql: "DELETE FROM registry WHERE account = ? AND registry = ?", arguments: [account, registry])
            return db.changesCount > 0
        }
    }

    public func putSubscription(_ subscription: Subscription) async throws(StoreError) {
        try await write("store subscription") { db in
            try db.execute(sql: """
                INSERT INTO subscription (id, account, key, type, value, active, created_at, last_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET key = excluded.key, type = excluded.type, value = excluded.value, active = excluded.active,
                last_updated = excluded.last_updated
                """, arguments: [subscription.id, subscription.account, subscription.key, subscription.type, subscription.value,
                                 subscription.active, subscription.createdAt.timeIntervalSince1970, subscription.lastUpdated.timeIntervalSince1970])
        }
    }

    public func subscriptions(account: String) async throws(StoreError) -> [Subscription] {
        try await read("list subscriptions") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM subscription WHERE account = ? ORDER BY key, type", arguments: [account])
                .map(SQLiteRows.subscription)
        }
    }

    public func subscription(account: String, id: String) async throws(StoreError) -> Subscription? {
        try await read("get subscription") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM subscription WHERE account = ? AND id = ?", arguments: [account, id]).map(SQLiteRows.subscription)
        }
    }

    public func deleteSubscription(account: String, id: String) async throws(StoreError) -> Bool {
        try await write("delete subscription") { db in
            try db.execute(sql: "DELETE FROM subscription WHERE account = ? AND id = ?", arguments: [account, id])
            return db.changesCount > 0
        }
    }
}
