import Foundation
import Logging
import PostgresNIO
import Store

/// The store for deployments that run several Hawser instances on one PostgreSQL database.
/// Jobs are claimed with `FOR UPDATE SKIP LOCKED`, so `hawser serve` and `hawser worker`
/// processes on many hosts share one queue without taking the same job.
///
/// The client's connection pool needs `run()` running for as long as the store is used.
public struct PostgresStore: ServiceStore {
    let client: PostgresClient
    let logger: Logger

    /// `postgres://user:password@host:port/database` (TLS off: for a database on the same network).
    public init(url: String, logger: Logger = Logger(label: "hawser.postgres")) throws(StoreError) {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, let user = components.user else {
            throw .invalid("invalid PostgreSQL URL '\(url)': expected postgres://user:password@host:port/database")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let configuration = PostgresClient.Configuration(host: host, port: components.port ?? 5432, username: user,
                                                         password: components.password?.removingPercentEncoding,
                                                         database: database.isEmpty ? nil : database, tls: .disable)
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// Runs the connection pool until cancelled.
    public func run() async { await client.run() }

    // MARK: plumbing

    typealias Row = PostgresRandomAccessRow

    func wrap<T>(_ operation: String, _ body: () async throws -> T) async throws(StoreError) -> T {
        do { return try await body() } catch let error as StoreError { throw error } catch let error as PSQLError {
            throw .backend(operation: operation, message: String(reflecting: error.serverInfo?[.message] ?? "\(error.code)"))
        } catch {
            throw .backend(operation: operation, message: "\(error)")
        }
    }

    static func rows(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> [Row] {
        try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    func rows(_ operation: String, _ query: PostgresQuery) async throws(StoreError) -> [Row] {
        try await rows(operation, query) { $0 }
    }

    /// Runs `query` and converts each row (conversion errors are reported as the operation's).
    func rows<T>(_ operation: String, _ query: PostgresQuery, _ transform: (Row) throws -> T) async throws(StoreError) -> [T] {
        try await wrap(operation) { try await client.query(query, logger: logger).collect().map { try transform($0.makeRandomAccess()) } }
    }

    func transaction<T: Sendable>(_ operation: String, _ body: (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        try await wrap(operation) {
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    public func migrate() async throws(StoreError) {
        let supported = PostgresSchema.migrations.count
        try await transaction("migrate") { connection in
            // One instance migrates; others wait here and find the work done.
            try await connection.query("SELECT pg_advisory_xact_lock(7234001)", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)",
                                       logger: logger)
            let rows = try await Self.rows("SELECT coalesce(max(version), 0) AS v FROM schema_migration", on: connection, logger: logger)
            let applied = try rows.first?["v"].decode(Int.self) ?? 0
            if applied > supported { throw StoreError.schemaTooNew(stored: applied, supported: supported) }
            for version in (applied + 1)...max(applied + 1, supported) where version <= supported {
                for statement in PostgresSchema.migrations[version - 1] {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let now = Date().timeIntervalSince1970
                try await connection.query("INSERT INTO schema_migration (version, applied_at) VALUES (\(version), \(now))", logger: logger)
            }
        }
    }

    // MARK: accounts and users

    public func createAccount(_ account: Account) async throws(StoreError) {
        try await transaction("create account") { connection in
            if try await !Self.rows("SELECT 1 FROM account WHERE name = \(account.name)", on: connection, logger: logger).isEmpty {
                throw StoreError.conflict("account '\(account.name)'")
            }
            try await connection.query("""
                INSERT INTO account (name, email, type, state, created_at, last_updated)
                VALUES (\(account.name), \(account.email), \(account.type.rawValue), \(account.state.rawValue),
                \(account.createdAt.timeIntervalSince1970), \(account.lastUpdated.timeIntervalSince1970))
                """, logger: logger)
        }
    }

    public func account(named name: String) async throws(StoreError) -> Account? {
        try await rows("read account", "SELECT * FROM account WHERE name = \(name)", PostgresRows.account).first
    }

    public func accounts() async throws(StoreError) -> [Account] {
        try await rows("list accounts", "SELECT * FROM account ORDER BY name", PostgresRows.account)
    }

    public func setAccountState(_ name: String, to state: Account.State, at now: Date) async throws(StoreError) -> Account {
        let rows = try await rows("update account", """
            UPDATE account SET state = \(state.rawValue), last_updated = \(now.timeIntervalSince1970) WHERE name = \(name) RETURNING *
            """)
        guard let row = rows.first else { throw .notFound("account '\(name)'") }
        return try await wrap("read account") { try PostgresRows.account(row) }
    }

    public func deleteAccount(_ name: String) async throws(StoreError) {
        if try await rows("delete account", "DELETE FROM account WHERE name = \(name) RETURNING name").isEmpty {
            throw .notFound("account '\(name)'")
        }
    }

    public func createUser(_ user: User) async throws(StoreError) {
        try await transaction("create user") { connection in
            if try await !Self.rows("SELECT 1 FROM app_user WHERE username = \(user.username)", on: connection, logger: logger).isEmpty {
                throw StoreError.conflict("user '\(user.username)'")
            }
            if try await Self.rows("SELECT 1 FROM account WHERE name = \(user.account)", on: connection, logger: logger).isEmpty {
                throw StoreError.notFound("account '\(user.account)'")
            }
            try await connection.query("""
                INSERT INTO app_user (username, account, password_hash, type, created_at, last_updated)
                VALUES (\(user.username), \(user.account), \(user.passwordHash), \(user.type),
                \(user.createdAt.timeIntervalSince1970), \(user.lastUpdated.timeIntervalSince1970))
                """, logger: logger)
        }
    }

    public func user(named username: String) async throws(StoreError) -> User? {
        try await rows("read user", "SELECT * FROM app_user WHERE username = \(username)", PostgresRows.user).first
    }

    public func users(account: String) async throws(StoreError) -> [User] {
        try await rows("list users", "SELECT * FROM app_user WHERE account = \(account) ORDER BY username", PostgresRows.user)
    }

    public func setPasswordHash(username: String, hash: String, at now: Date) async throws(StoreError) {
        if try await rows("update user", """
            UPDATE app_user SET password_hash = \(hash), last_updated = \(now.timeIntervalSince1970) WHERE username = \(username) RETURNING username
            """).isEmpty {
            throw .notFound("user '\(username)'")
        }
    }

    public func deleteUser(_ username: String) async throws(StoreError) {
        if try await rows("delete user", "DELETE FROM app_user WHERE username = \(username) RETURNING username").isEmpty {
            throw .notFound("user '\(username)'")
        }
    }
}
