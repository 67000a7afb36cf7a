import Foundation
import Logging
import PostgresNIO
import Store

extension PostgresStore {
    static func insert(_ connection: PostgresConnection, event: StoredEvent, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO event (id, account, type, level, message, details, resource_type, resource_id, created_at)
            VALUES (\(event.id), \(event.account), \(event.type), \(event.level), \(event.message), \(event.details),
            \(event.resourceType), \(event.resourceID), \(event.createdAt.timeIntervalSince1970))
            """, logger: logger)
    }

    /// `SQL WHERE …` for the filter, with its binds.
    static func query(_ prefix: String, account: String, filter: EventFilter, id: String?, suffix: String = "") throws -> PostgresQuery {
        var binds = PostgresBindings()
        var clauses: [String] = []
        func bind(_ value: some PostgresEncodable & Sendable) throws -> String {
            try binds.append(value)
            return "$\(binds.count)"
        }
        clauses.append("account = \(try bind(account))")
        if let id { clauses.append("id = \(try bind(id))") }
        if let type = filter.type {
            clauses.append("(type = \(try bind(type)) OR type LIKE \(try bind(type.replacingOccurrences(of: "*", with: "%"))))")
        }
        if let level = filter.level { clauses.append("level = \(try bind(level.lowercased()))") }
        if let resourceType = filter.resourceType { clauses.append("resource_type = \(try bind(resourceType))") }
        if let resourceID = filter.resourceID { clauses.append("resource_id = \(try bind(resourceID))") }
        if let since = filter.since { clauses.append("created_at >= \(try bind(since.timeIntervalSince1970))") }
        if let before = filter.before { clauses.append("created_at < \(try bind(before.timeIntervalSince1970))") }
        return PostgresQuery(unsafeSQL: "\(prefix) WHERE \(clauses.joined(separator: " AND ")) \(suffix)", binds: binds)
    }

    public func addEvent(_ event: StoredEvent) async throws(StoreError) {
        try await transaction("add event") { connection in try await Self.insert(connection, event: event, logger: logger) }
    }

    public func events(account: String, filter: EventFilter, offset: Int, limit: Int) async throws(StoreError) -> [StoredEvent] {
        let query = try await wrap("list events") {
            try Self.query("SELECT * FROM event", account: account, filter: filter, id: nil,
                           suffix: "ORDER BY created_at DESC, id LIMIT \(max(0, limit)) OFFSET \(max(0, offset))")
        }
        return try await rows("list events", query, PostgresRows.event)
    }

    public func event(account: String, id: String) async throws(StoreError) -> StoredEvent? {
        try await rows("read event", "SELECT * FROM event WHERE account = \(account) AND id = \(id)", PostgresRows.event).first
    }

    public func deleteEvents(account: String, filter: EventFilter, id: String?) async throws(StoreError) -> [String] {
        let query = try await wrap("delete events") {
            try Self.query("DELETE FROM event", account: account, filter: filter, id: id, suffix: "RETURNING id")
        }
        return try await rows("delete events", query) { try $0["id"].decode(String.self) }
    }
}
