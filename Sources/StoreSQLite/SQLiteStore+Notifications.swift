import Foundation
import GRDB
import Store

extension SQLiteStore {
    public func activeSubscriptions(type: String) async throws(StoreError) -> [Subscription] {
        try await read("list active subscriptions") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM subscription WHERE type = ? AND active = 1 ORDER BY account, key", arguments: [type])
                .map(SQLiteRows.subscription)
        }
    }

    public func enqueueNotification(_ notification: StoredNotification) async throws(StoreError) {
        try await write("enqueue notification") { db in
            try db.execute(sql: """
                INSERT INTO notification (id, account, type, subscription_key, destination, payload, created_at, next_attempt_at, deadline, attempts, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [notification.id, notification.account, notification.type, notification.subscriptionKey, notification.destination,
                                 notification.payload,
                                 notification.createdAt.timeIntervalSince1970, notification.nextAttemptAt.timeIntervalSince1970,
                                 notification.deadline.timeIntervalSince1970, notification.attempts, notification.state.rawValue])
        }
    }

    public func claimNotifications(worker: String, now: Date, leaseSeconds: Double, limit: Int) async throws(StoreError) -> [StoredNotification] {
        // Polled several times a second: look before taking the write lock.
        let anyDue = try await read("look for due notifications") { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM notification WHERE state = 'pending' AND next_attempt_at <= ?
                               AND (claimed_until IS NULL OR claimed_until < ?))
                """, arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970]) ?? false
        }
        guard anyDue else { return [] }
        return try await write("claim notifications") { db in
            let due = try Row.fetchAll(db, sql: """
                SELECT * FROM notification WHERE state = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                ORDER BY next_attempt_at, created_at LIMIT ?
                """, arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, limit]).map(Self.notification)
            for notification in due {
                try db.execute(sql: "UPDATE notification SET claimed_by = ?, claimed_until = ? WHERE id = ?",
                               arguments: [worker, now.timeIntervalSince1970 + leaseSeconds, notification.id])
            }
            return due
        }
    }

    public func finishNotification(id: String, outcome: NotificationOutcome) async throws(StoreError) {
        try await write("finish notification") { db in
            switch outcome {
            case .delivered(let at):
                try db.execute(sql: """
                    UPDATE notification SET state = 'delivered', delivered_at = ?, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL
                    WHERE id = ?
                    """, arguments: [at.timeIntervalSince1970, id])
            case .retry(let next, let error):
                try db.execute(sql: """
                    UPDATE notification SET next_attempt_at = ?, last_error = ?, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL
                    WHERE id = ? AND state = 'pending'
                    """, arguments: [next.timeIntervalSince1970, error, id])
            case .failed(let error, let event):
                try db.execute(sql: """
                    UPDATE notification SET state = 'failed', last_error = ?, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL
                    WHERE id = ? AND state = 'pending'
                    """, arguments: [error, id])
                if db.changesCount > 0 { try Self.insert(db, event: event) }
            }
        }
    }

    public func notifications(account: String) async throws(StoreError) -> [StoredNotification] {
        try await read("list notifications") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notification WHERE account = ? ORDER BY created_at DESC, id", arguments: [account])
                .map(Self.notification)
        }
    }

    public func acquireLease(name: String, holder: String, until: Date, now: Date) async throws(StoreError) -> Bool {
        try await write("acquire lease") { db in
            try db.execute(sql: """
                INSERT INTO service_lease (name, holder, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE service_lease.holder = excluded.holder OR service_lease.expires_at < ?
                """, arguments: [name, holder, until.timeIntervalSince1970, now.timeIntervalSince1970])
            return db.changesCount > 0
        }
    }

    static func notification(_ row: Row) -> StoredNotification {
        StoredNotification(id: row["id"], account: row["account"], type: row["type"], subscriptionKey: row["subscription_key"], destination: row["destination"],
                           payload: row["payload"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                           deadline: Date(timeIntervalSince1970: row["deadline"]), nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"]),
                           attempts: row["attempts"], state: StoredNotification.State(rawValue: row["state"]) ?? .pending,
                           lastError: row["last_error"], deliveredAt: (row["delivered_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
