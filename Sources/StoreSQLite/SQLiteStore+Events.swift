import Foundation
import GRDB
import Store

extension SQLiteStore {
    static func insert(_ db: Database, event: StoredEvent) throws {
        try db.execute(sql: """
            INSERT INTO event (id, account, type, level, message, details, resource_type, resource_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [event.id, event.account, event.type, event.level, event.message, event.details,
                             event.resourceType, event.resourceID, event.createdAt.timeIntervalSince1970])
    }

    static func whereClause(account: String, filter: EventFilter, id: String?) -> (String, StatementArguments) {
        var clauses = ["account = ?"]
        var arguments: StatementArguments = [account]
        if let id { clauses.append("id = ?"); arguments += [id] }
        if let type = filter.type { clauses.append("(type = ? OR type LIKE ?)"); arguments += [type, type.replacingOccurrences(of: "*", with: "%")] }
        if let level = filter.level { clauses.append("level = ?"); arguments += [level.lowercased()] }
        if let resourceType = filter.resourceType { clauses.append("resource_type = ?"); arguments += [resourceType] }
        if let resourceID = filter.resourceID { clauses.append("resource_id = ?"); arguments += [resourceID] }
        if let since = filter.since { clauses.append("created_at >= ?"); arguments += [since.timeIntervalSince1970] }
        if let before = filter.before { clauses.append("created_at < ?"); arguments += [before.timeIntervalSince1970] }
        return (clauses.joined(separator: " AND "), arguments)
    }

    public func addEvent(_ event: StoredEvent) async throws(StoreError) {
        try await write("add event") { db in try Self.insert(db, event: event) }
    }

    public func events(account: String, filter: EventFilter, offset: Int, limit: Int) async throws(StoreError) -> [StoredEvent] {
        try await read("list events") { db in
            let (clause, arguments) = Self.whereClause(account: account, filter: filter, id: nil)
            return try Row.fetchAll(db, sql: "SELECT * FROM event WHERE \(clause) ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                                    arguments: arguments + [limit, offset]).map(SQLiteRows.event)
        }
    }

    public func event(account: String, id: String) async throws(StoreError) -> StoredEvent? {
        try await read("read event") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM event WHERE account = ? AND id = ?", arguments: [account, id]).map(SQLiteRows.event)
        }
    }

    public func deleteEvents(account: String, filter: EventFilter, id: String?) async throws(StoreError) -> [String] {
        try await write("delete events") { db in
            let (clause, arguments) = Self.whereClause(account: account, filter: filter, id: id)
            let ids = try String.fetchAll(db, sql: "SELECT id FROM event WHERE \(clause)", arguments: arguments)
            try db.execute(sql: "DELETE FROM event WHERE \(clause)", arguments: arguments)
            return ids
        }
    }
}
