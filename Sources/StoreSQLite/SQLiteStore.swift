import Foundation
import GRDB
import Store

/// The embedded default store: one SQLite file (WAL) under the data directory.
///
/// Every write runs in an IMMEDIATE transaction, so several processes on one host (`hawser serve`
/// and `hawser worker`) can share the file: the writer lock is taken up front and waited for.
public struct SQLiteStore: ServiceStore {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating when missing) the database at `path`; call `migrate()` before use.
    public init(path: String) throws(StoreError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "HawserStore"
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Documents of hundreds of kB (SBOMs, reports) span 4 times fewer overflow pages, hence
            // WAL frames and read/write calls, than at the default 4 kB. Takes effect only when the
            // database is created (before WAL mode is set); an existing one keeps its page size.
            try db.execute(sql: "PRAGMA page_size = 16384")
        }
        do { pool = try DatabasePool(path: path, configuration: configuration) } catch {
            throw .backend(operation: "open \(path)", message: "\(error)")
        }
    }

    // MARK: plumbing

    func write<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError.backend(operation: operation, message: "transaction produced no result") }
                return result
            }
        } catch let error as StoreError { throw error } catch { throw .backend(operation: operation, message: "\(error)") }
    }

    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.read(body) } catch let error as StoreError { throw error } catch {
            throw .backend(operation: operation, message: "\(error)")
        }
    }

    public func migrate() async throws(StoreError) {
        let migrator = SQLiteSchema.migrator
        do {
            try await pool.read { db in
                if try migrator.hasBeenSuperseded(db) {
                    let applied = try migrator.appliedIdentifiers(db)
                    throw StoreError.schemaTooNew(stored: applied.count, supported: SQLiteSchema.migrations.count)
                }
            }
            try migrator.migrate(pool)
        } catch let error as StoreError { throw error } catch { throw .backend(operation: "migrate", message: "\(error)") }
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`: "ok" or the problems found.
    public func integrityCheck() async throws(StoreError) -> [String] {
        try await read("integrity check") { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let foreign = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return (integrity == ["ok"] ? [] : integrity) + foreign
        }
    }

    // MARK: accounts and users

    public func createAccount(_ account: Account) async throws(StoreError) {
        try await write("create account") { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [account.name]) == true {
                throw StoreError.conflict("account '\(account.name)'")
            }
            try db.execute(sql: "INSERT INTO account (name, email, type, state, created_at, last_updated) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [account.name, account.email, account.type.rawValue, account.state.rawValue,
                                       account.createdAt.timeIntervalSince1970, account.lastUpdated.timeIntervalSince1970])
        }
    }

    public func account(named name: String) async throws(StoreError) -> Account? {
        try await read("read account") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ?", arguments: [name]).map(SQLiteRows.account)
        }
    }

    public func accounts() async throws(StoreError) -> [Account] {
        try await read("list accounts") { db in try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY name").map(SQLiteRows.account) }
    }

    public func setAccountState(_ name: String, to state: Account.State, at now: Date) async throws(StoreError) -> Account {
        try await write("update account") { db in
            try db.execute(sql: "UPDATE account SET state = ?, last_updated = ? WHERE name = ?",
                           arguments: [state.rawValue, now.timeIntervalSince1970, name])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ?", arguments: [name]) else {
                throw StoreError.notFound("account '\(name)'")
            }
            return SQLiteRows.account(row)
        }
    }

    public func deleteAccount(_ name: String) async throws(StoreError) {
        try await write("delete account") { db in
            try db.execute(sql: "DELETE FROM account WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw StoreError.notFound("account '\(name)'") }
        }
    }

    public func createUser(_ user: User) async throws(StoreError) {
        try await write("create user") { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM app_user WHERE username = ?", arguments: [user.username]) == true {
                throw StoreError.conflict("user '\(user.username)'")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [user.account]) != true {
                throw StoreError.notFound("account '\(user.account)'")
            }
            try db.execute(sql: "INSERT INTO app_user (username, account, password_hash, type, created_at, last_updated) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [user.username, user.account, user.passwordHash, user.type,
                                       user.createdAt.timeIntervalSince1970, user.lastUpdated.timeIntervalSince1970])
        }
    }

    public func user(named username: String) async throws(StoreError) -> User? {
        try await read("read user") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM app_user WHERE username = ?", arguments: [username]).map(SQLiteRows.user)
        }
    }

    public func users(account: String) async throws(StoreError) -> [User] {
        try await read("list users") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM app_user WHERE account = ? ORDER BY username", arguments: [account]).map(SQLiteRows.user)
        }
    }

    public func setPasswordHash(username: String, hash: String, at now: Date) async throws(StoreError) {
        try await write("update user") { db in
            try db.execute(sql: "UPDATE app_user SET password_hash = ?, last_updated = ? WHERE username = ?",
                           arguments: [hash, now.timeIntervalSince1970, username])
            if db.changesCount == 0 { throw StoreError.notFound("user '\(username)'") }
        }
    }

    public func deleteUser(_ username: String) async throws(StoreError) {
        try await write("delete user") { db in
            try db.execute(sql: "DELETE FROM app_user WHERE username = ?", arguments: [username])
            if db.changesCount == 0 { throw StoreError.notFound("user '\(username)'") }
        }
    }
}
