import Foundation
import Logging
import PostgresNIO
import Store
import StorePostgres
import StoreSQLite
import TestSupport
import Testing

/// The backends the contract suite runs on: SQLite in a temporary file, and PostgreSQL in a fresh
/// database of the test cluster `scripts/test-env.sh` starts (`HAWSER_TEST_POSTGRES_URL`).
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var required: Bool { environment["HAWSER_REQUIRE_INTEGRATION"] == "1" }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "HAWSER_TEST_POSTGRES_URL is not set: run the tests through scripts/test.sh" }
    }

    /// Runs `body` with a migrated, empty store of this backend.
    func withStore(_ body: @Sendable (any ServiceStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = try TemporaryDirectory("hawser-store")
            let store = try SQLiteStore(path: directory.path + "/hawser.sqlite")
            try await store.migrate()
            try await body(store)
        case .postgres:
            guard let server = Self.environment["HAWSER_TEST_POSTGRES_URL"] else {
                if Self.required { throw Missing() }
                return
            }
            let database = "hawser_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
            // Test cases create their databases side by side on a loaded CI machine, where a
            // CREATE DATABASE can fail for a moment (template1 busy, a slow connection): retried.
            try await Self.retrying("CREATE DATABASE \(database)") {
                try await Self.admin(server) { client in
                    try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"))
                }
            }
            var url = URLComponents(string: server)!
            url.path = "/" + database
            let store = try PostgresStore(url: url.string!)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await store.run() }
                try await store.migrate()
                try await body(store)
                group.cancelAll()
            }
            // A database left behind only takes space in the throwaway test cluster.
            try? await Self.retrying("DROP DATABASE \(database)") {
                try await Self.admin(server) { client in
                    try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"))
                }
            }
        }
    }

    struct AdminFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// `body`, tried up to five times a second or more apart; the last failure in full (PSQLError's
    /// own description hides the server's message).
    static func retrying(_ what: String, _ body: () async throws -> Void) async throws {
        for attempt in 1...5 {
            do { return try await body() } catch {
                guard attempt < 5 else { throw AdminFailed(description: "\(what) failed 5 times, last: \(String(reflecting: error))") }
                try await Task.sleep(for: .seconds(attempt))
            }
        }
    }

    /// A client on the server's maintenance database, for creating and dropping test databases.
    static func admin(_ url: String, _ body: @Sendable (PostgresClient) async throws -> Void) async throws {
        let components = URLComponents(string: url)!
        let client = PostgresClient(configuration: .init(host: components.host!, port: components.port ?? 5432, username: components.user!,
                                                         password: components.password, database: "postgres", tls: .disable),
                                    backgroundLogger: Logger(label: "store-tests"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await body(client)
            group.cancelAll()
        }
    }
}
