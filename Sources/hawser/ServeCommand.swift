import ArgumentParser
import APIServer
import Catalogers
import Engine
import Foundation
import Hummingbird
import Logging
import Service
import Store
import StorePostgres
import StoreSQLite
import VulnDB

/// Options shared by `serve` and `worker`: where the data lives and how to reach the database.
struct ServiceOptions: ParsableArguments {
    @Option(help: "Service database: sqlite:PATH or postgres://user:password@host:port/database (default: $HAWSER_DATABASE_URL, else sqlite:DATA_DIR/hawser.sqlite).")
    var db: String?

    @Option(help: "Data directory (default: $HAWSER_DATA_DIR, else ~/.local/share/hawser/service).")
    var dataDir: String?

    @Option(help: "Vulnerability DB to match against (default: the one `hawser db` writes).")
    var vulnDB: String?

    @Option(help: "Seconds a worker holds a job before another may take it over.")
    var leaseSeconds: Double = 120

    @Option(help: "Seconds between polls of watched tags (tag_update; default $HAWSER_TAG_POLL_SECONDS, else 3600).")
    var tagPollSeconds: Double?

    @Option(help: "Seconds between polls of watched repositories (repo_update; default $HAWSER_REPO_POLL_SECONDS, else 60).")
    var repoPollSeconds: Double?

    @Option(help: "Seconds between scheduled feed syncs, 0 for none (default $HAWSER_FEED_SYNC_SECONDS, else 21600).")
    var feedSyncSeconds: Double?

    @Option(help: "Fetch feeds from this mirror (<URL>/<host>/<path>) instead of their publishers (default $HAWSER_FEED_MIRROR_URL).")
    var feedMirrorURL: String?

    @Option(name: .customLong("feed-source"), help: "A feed source to sync, repeatable (default $HAWSER_FEED_SOURCES, comma-separated, else the default set).")
    var feedSources: [String] = []

    @Option(name: .customLong("content-search"),
            help: "NAME=REGEX, repeatable: a content-search pattern every analysis runs (Anchore's content_search; also $HAWSER_CONTENT_SEARCH, one per line).")
    var contentSearch: [String] = []

    func configuration(workers: Int) throws -> ServiceConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? NSHomeDirectory()
        let data = dataDir ?? environment["HAWSER_DATA_DIR"] ?? (home + "/.local/share/hawser/service")
        guard let password = environment["HAWSER_ADMIN_PASSWORD"] ?? environment["ANCHORE_ADMIN_PASSWORD"], !password.isEmpty else {
            throw ValidationError("set HAWSER_ADMIN_PASSWORD (or ANCHORE_ADMIN_PASSWORD): the password of the bootstrap admin user")
        }
        let insecure = ["true", "1", "yes"].contains(environment["HAWSER_REGISTRY_INSECURE_USE_HTTP"]?.lowercased() ?? "")
        let rounds = Int(environment["HAWSER_PASSWORD_ROUNDS"] ?? "") ?? 600_000
        let entries = contentSearch + (environment["HAWSER_CONTENT_SEARCH"] ?? "").split(whereSeparator: \.isNewline).map(String.init)
        for entry in entries where SecretPattern(definition: entry) == nil {
            throw ValidationError("--content-search takes NAME=REGEX, got '\(entry)'")
        }
        var configuration = ServiceConfiguration(dataDirectory: data, vulnerabilityDatabase: VulnDBLocation.defaultPath(override: vulnDB), workers: workers,
                                                 leaseSeconds: leaseSeconds, insecureRegistries: insecure, adminPassword: password, passwordRounds: rounds)
        configuration.contentSearch = entries
        do { configuration.notifications = try NotificationSettings.fromEnvironment(environment) } catch {
            throw ValidationError("notification settings: \(error)")
        }
        func seconds(_ option: Double?, _ variable: String, _ fallback: Double) throws -> Duration {
            let value = option ?? environment[variable].flatMap(Double.init) ?? fallback
            guard value >= 0 else { throw ValidationError("\(variable): a number of seconds ≥ 0, got \(value)") }
            return .milliseconds(Int(value * 1000))
        }
        configuration.watch = WatchSettings(tagPollInterval: try seconds(tagPollSeconds, "HAWSER_TAG_POLL_SECONDS", 3600),
                                            repoPollInterval: try seconds(repoPollSeconds, "HAWSER_REPO_POLL_SECONDS", 60))
        let names = feedSources.isEmpty ? (environment["HAWSER_FEED_SOURCES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : feedSources
        var sources = FeedSources.all.filter(\.isDefault)
        if !names.isEmpty {
            sources = try names.map { name in
                guard let source = FeedSources.named(name) else {
                    throw ValidationError("unknown feed source '\(name)'; one of \(FeedSources.all.map(\.name).joined(separator: ", "))")
                }
                return source
            }
        }
        configuration.feeds = FeedSettings(sources: sources, mirrorURL: feedMirrorURL ?? environment["HAWSER_FEED_MIRROR_URL"],
                                           syncInterval: try seconds(feedSyncSeconds, "HAWSER_FEED_SYNC_SECONDS", 21600))
        return configuration
    }

    /// The store, and what must run for as long as it is used (PostgreSQL's connection pool).
    func store(_ configuration: ServiceConfiguration, logger: Logger) throws -> (any ServiceStore, (@Sendable () async -> Void)?) {
        // From the environment too, so a deployment keeps the password out of the process arguments.
        let fromEnvironment = ProcessInfo.processInfo.environment["HAWSER_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let url = db ?? fromEnvironment ?? "sqlite:\(configuration.dataDirectory)/hawser.sqlite"
        if url.hasPrefix("sqlite:") {
            do { return (try SQLiteStore(path: String(url.dropFirst("sqlite:".count))), nil) } catch { throw ValidationError("--db \(url): \(error)") }
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            do {
                let store = try PostgresStore(url: url, logger: logger)
                return (store, { await store.run() })
            } catch { throw ValidationError("--db: \(error)") }
        }
        throw ValidationError("--db \(url): expected sqlite:PATH or postgres://user:password@host:port/database")
    }

    /// Runs `body` with the service ready (store migrated, admin bootstrapped) and its store's pool running.
    func withService(workers: Int, logger: Logger, _ body: @Sendable @escaping (HawserService) async throws -> Void) async throws {
        let configuration = try configuration(workers: workers)
        let (store, runner) = try store(configuration, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let runner { group.addTask { await runner() } }
            let service = try await service(store: store, configuration: configuration, logger: logger)
            try await body(service)
            group.cancelAll()
        }
    }

    func service(store: any ServiceStore, configuration: ServiceConfiguration, logger: Logger) async throws -> HawserService {
        let secrets: SecretBox
        do { secrets = try SecretBox.load(environment: ProcessInfo.processInfo.environment, file: configuration.dataDirectory + "/secret.key") } catch {
            throw ValidationError("\(error)")
        }
        let service = HawserService(store: store, configuration: configuration, secrets: secrets, logger: logger)
        do { try await service.bootstrap() } catch { throw ValidationError("cannot prepare the database: \(error)") }
        return service
    }
}

/// What a `hawser serve` process runs: everything (`all`, one machine), or one part of a
/// scale-out deployment sharing one PostgreSQL — the REST API (`api`), analysis workers (`worker`)
/// or the periodic tasks (`watcher`: registry polls, feed sync with re-matching, notification
/// delivery). Store leases keep each periodic task to one process whatever runs it.
enum ServeRole: String, ExpressibleByArgument, CaseIterable, Sendable {
    case all, api, worker, watcher

    var servesAPI: Bool { self == .all || self == .api }
    var runsWorkers: Bool { self == .all || self == .worker }
    var runsPeriodicTasks: Bool { self == .all || self == .watcher }
}

/// `hawser serve`: the REST API (Anchore Engine v1 compatible), analysis workers and watch mode.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the REST API (Anchore Engine v1 compatible), analysis workers and watch mode, or one of them (--role).")

    @OptionGroup var options: ServiceOptions

    @Option(help: "Address to listen on (host:port); a worker or watcher serves only /health and /version there.")
    var listen: String = "127.0.0.1:8228"

    @Option(help: "Analysis workers in this process (roles all and worker; 0: none).")
    var workers: Int = 2

    @Option(help: "What this process runs: all, api, worker or watcher (default $HAWSER_ROLE, else all).")
    var role: ServeRole?

    func run() async throws {
        var configured = Logger(label: "hawser")
        configured.logLevel = .info
        let logger = configured
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
            throw ValidationError("--listen \(listen): expected host:port")
        }
        let environmentRole = ProcessInfo.processInfo.environment["HAWSER_ROLE"].flatMap { $0.isEmpty ? nil : $0 }
        guard let role = role ?? (environmentRole.map { ServeRole(rawValue: $0) } ?? .all) else {
            throw ValidationError("HAWSER_ROLE=\(environmentRole ?? ""): expected one of \(ServeRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let host = String(listen[..<colon])
        let workers = role.runsWorkers ? self.workers : 0, listen = self.listen
        try await options.withService(workers: workers, logger: logger) { service in
            logger.info("hawser serve (role \(role.rawValue)) on http://\(listen) with \(workers) workers, vulnerability DB \(service.configuration.vulnerabilityDatabase)")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<workers {
                    let worker = AnalysisWorker(service: service, name: "\(service.configuration.hostID)-w\(index)")
                    group.addTask { await worker.run() }
                }
                if role.runsPeriodicTasks {
                    // Watch mode, scheduled feed sync and the notification outbox: store leases keep each
                    // poll and sync to one process at a time, however many run them.
                    let host = service.configuration.hostID
                    let watcher = RegistryWatcher(service: service, holder: host)
                    let updater = FeedUpdater(service: service, holder: host)
                    let deliverer = NotificationDeliverer(service: service, name: host)
                    group.addTask { await watcher.run() }
                    group.addTask { await updater.run() }
                    group.addTask { await deliverer.run() }
                }
                if role.servesAPI {
                    try await HawserAPI.application(service: service, host: host, port: port, version: HawserVersion.current, logger: logger).runService()
                } else {
                    try await HawserAPI.healthApplication(host: host, port: port, version: HawserVersion.current, role: role.rawValue, logger: logger).runService()
                }
                group.cancelAll()
            }
        }
    }
}

/// `hawser worker`: analysis workers only, sharing the server's database.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Run analysis workers against a shared service database.")

    @OptionGroup var options: ServiceOptions

    @Option(help: "Workers in this process.")
    var workers: Int = 2

    func run() async throws {
        let logger = Logger(label: "hawser-worker")
        let workers = self.workers
        try await options.withService(workers: workers, logger: logger) { service in
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<workers {
                    let worker = AnalysisWorker(service: service, name: "\(service.configuration.hostID)-w\(index)")
                    group.addTask { await worker.run() }
                }
            }
        }
    }
}

enum HawserVersion {
    static let current = "0.4.0"
}
