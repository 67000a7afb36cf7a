import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    public func activeSubscriptions(type: String) async throws(StoreError) -> [Subscription] {
        try await rows("list active subscriptions", "SELECT * FROM subscription WHERE type = \(type) AND active ORDER BY account, key",
                       PostgresRows.subscription)
    }

    public func enqueueNotification(_ notification: StoredNotification) async throws(StoreError) {
        try await transaction("enqueue notification") { connection in
            try await connection.query("""
                INSERT INTO notification (id, account, type, subscription_key, destination, payload, created_at, next_attempt_at, deadline, attempts, state)
                VALUES (\(notification.id), \(notification.account), \(notification.type), \(notification.subscriptionKey), \(notification.destination),
                \(notification.payload), \(notification.createdAt.timeIntervalSince1970), \(notification.nextAttemptAt.timeIntervalSince1970),
                \(notification.deadline.timeIntervalSince1970), \(notification.attempts), \(notification.state.rawValue))
                """, logger: logger)
        }
    }

    public func claimNotifications(worker: String, now: Date, leaseSeconds: Double, limit: Int) async throws(StoreError) -> [StoredNotification] {
        let at = now.timeIntervalSince1970
        // SKIP LOCKED: instances claiming together take different rows.
        return try await rows("claim notifications", """
            UPDATE notification SET claimed_by = \(worker), claimed_until = \(at + leaseSeconds)
            WHERE id IN (SELECT id FROM notification WHERE state = 'pending' AND next_attempt_at <= \(at)
                         AND (claimed_until IS NULL OR claimed_until < \(at))
                         ORDER BY next_attempt_at, created_at LIMIT \(Int64(limit)) FOR UPDATE SKIP LOCKED)
            RETURNING *
            """, Self.notification).sorted { ($0.nextAttemptAt, $0.createdAt) < ($1.nextAttemptAt, $1.createdAt) }
    }

    public func finishNotification(id: String, outcome: NotificationOutcome) async throws(StoreError) {
        try await transaction("finish notification") { connection in
            switch outcome {
            case .delivered(let at):
                try await connection.query("""
                    UPDATE notification SET state = 'delivered', delivered_at = \(at.timeIntervalSince1970), attempts = attempts + 1,
                    claimed_by = NULL, claimed_until = NULL WHERE id = \(id)
                    """, logger: logger)
            case .retry(let next, let error):
                try await connection.query("""
                    UPDATE notification SET next_attempt_at = \(next.timeIntervalSince1970), last_error = \(error), attempts = attempts + 1,
                    claimed_by = NULL, claimed_until = NULL WHERE id = \(id) AND state = 'pending'
                    """, logger: logger)
            case .failed(let error, let event):
                let changed = try await Self.rows("""
                    UPDATE notification SET state = 'failed', last_error = \(error), attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL
                    WHERE id = \(id) AND state = 'pending' RETURNING id
                    """, on: connection, logger: logger)
                if !changed.isEmpty { try await Self.insert(connection, event: event, logger: logger) }
            }
        }
    }

    public func notifications(account: String) async throws(StoreError) -> [StoredNotification] {
        try await rows("list notifications", "SELECT * FROM notification WHERE account = \(account) ORDER BY created_at DESC, id", Self.notification)
    }

    public func acquireLease(name: String, holder: String, until: Date, now: Date) async throws(StoreError) -> Bool {
        try await !rows("acquire lease", """
            INSERT INTO service_lease (name, holder, expires_at) VALUES (\(name), \(holder), \(until.timeIntervalSince1970))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE service_lease.holder = excluded.holder OR service_lease.expires_at < \(now.timeIntervalSince1970)
            RETURNING name
            """).isEmpty
    }

    static func notification(_ row: PostgresRows.Row) throws -> StoredNotification {
        StoredNotification(
            id: try PostgresRows.string(row, "id"), account: try PostgresRows.string(row, "account"), type: try PostgresRows.string(row, "type"),
            subscriptionKey: try PostgresRows.string(row, "subscription_key"),
            destination: try PostgresRows.string(row, "destination"), payload: try row["payload"].decode(Data.self),
            createdAt: try PostgresRows.date(row, "created_at"), deadline: try PostgresRows.date(row, "deadline"),
            nextAttemptAt: try PostgresRows.date(row, "next_attempt_at"), attempts: try row["attempts"].decode(Int.self),
            state: StoredNotification.State(rawValue: try PostgresRows.string(row, "state")) ?? .pending,
            lastError: try PostgresRows.optional(row, "last_error"), deliveredAt: try PostgresRows.optionalDate(row, "delivered_at"))
    }
}
