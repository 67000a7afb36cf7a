import Engine
import Foundation
import ImageSource
import Logging
import Model
import Store

/// The service's use cases over a store: accounts, images and their analysis, reports, events.
/// The REST API and the client CLI are shells over this; workers run `AnalysisWorker` with it.
public struct HawserService: Sendable {
    public let store: any ServiceStore
    public let configuration: ServiceConfiguration
    public let secrets: SecretBox
    public let authenticator: Authenticator
    public let matchingDatabase: MatchingDatabase
    /// Rung when this process queues a notification (`NotificationDeliverer` waits on it).
    public let notificationDoorbell = Doorbell()
    let logger: Logger
    let clock: @Sendable () -> Date

    public init(store: any ServiceStore, configuration: ServiceConfiguration, secrets: SecretBox, logger: Logger,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.configuration = configuration
        self.secrets = secrets
        self.logger = logger
        self.clock = clock
        authenticator = Authenticator(store: store, hasher: PasswordHasher(rounds: configuration.passwordRounds))
        matchingDatabase = MatchingDatabase(path: configuration.vulnerabilityDatabase)
    }

    /// Migrates the store and creates the `admin` account and user on first start.
    public func bootstrap() async throws(ServiceError) {
        try await storeCall { () async throws(StoreError) in try await store.migrate() }
        let now = clock()
        if try await storeCall({ () async throws(StoreError) in try await store.account(named: "admin") }) == nil {
            try await storeCall { () async throws(StoreError) in
                try await store.createAccount(Account(name: "admin", email: configuration.adminEmail, type: .admin, createdAt: now, lastUpdated: now))
            }
            logger.info("created the admin account")
        }
        if try await storeCall({ () async throws(StoreError) in try await store.user(named: "admin") }) == nil {
            let hash = PasswordHasher(rounds: configuration.passwordRounds).hash(configuration.adminPassword)
            try await storeCall { () async throws(StoreError) in
                try await store.createUser(User(username: "admin", account: "admin", passwordHash: hash, createdAt: now, lastUpdated: now))
            }
        }
    }

    /// Source options for pulls and registry checks on behalf of `account`: its stored registry credentials.
    func sourceOptions(account: String, registry: String) async throws(ServiceError) -> SourceOptions {
        let records = try await storeCall { () async throws(StoreError) in try await store.registries(account: account) }
        var credentials: [String: RegistryCredential] = [:]
        var insecure = configuration.insecureRegistries || Self.isLoopback(registry)
        for record in records {
            credentials[record.registry] = .basic(username: record.user, password: try secrets.open(record.secret))
            if record.registry == registry && !record.verifyTLS { insecure = true }
        }
        return SourceOptions(cacheDirectory: configuration.cacheDirectory, insecureHTTP: insecure,
                             credentials: StoredCredentials(byRegistry: credentials))
    }

    /// Docker talks plain HTTP to registries on loopback addresses; so does Hawser.
    static func isLoopback(_ registry: String) -> Bool {
        let host = registry.split(separator: ":").first.map(String.init) ?? registry
        return host == "localhost" || host.hasPrefix("127.") || registry.hasPrefix("[::1]")
    }
}

/// An account's registry credentials, by registry host.
struct StoredCredentials: CredentialProvider {
    var byRegistry: [String: RegistryCredential]

    func credential(for authority: String) -> RegistryCredential? { byRegistry[authority] }
}
