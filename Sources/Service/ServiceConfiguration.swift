import Foundation

/// How a `hawser serve` / `hawser worker` process runs.
public struct ServiceConfiguration: Sendable {
    /// Where the blob cache, secret key and (by default) the SQLite database live.
    public var dataDirectory: String
    /// The vulnerability DB matched against (`hawser db build|sync` writes it).
    public var vulnerabilityDatabase: String
    public var cacheDirectory: String
    /// Analysis workers in this process (0 for an API-only instance).
    public var workers: Int
    /// How long a worker holds a job without renewing; a job whose worker died is retried after it.
    public var leaseSeconds: Double
    /// How many times a job is tried before the image is marked `analysis_failed`.
    public var maxAttempts: Int
    /// How long a queue poll sleeps when there is no work.
    public var pollInterval: Duration
    /// Plain HTTP to every registry (`HAWSER_REGISTRY_INSECURE_USE_HTTP`); loopback registries always use it, as Docker does.
    public var insecureRegistries: Bool
    public var adminPassword: String
    public var adminEmail: String
    public var passwordRounds: Int
    /// Identifies this process in leases and `/system`.
    public var hostID: String
    /// Content-search entries (`NAME=REGEX`) every analysis runs, for `files.content_regex_match`.
    public var contentSearch: [String] = []
    /// Webhooks and their delivery.
    public var notifications = NotificationSettings()
    /// Registry polling (watch mode).
    public var watch = WatchSettings()
    /// Scheduled feed sync.
    public var feeds = FeedSettings()

    public init(dataDirectory: String, vulnerabilityDatabase: String, cacheDirectory: String? = nil, workers: Int = 2,
                leaseSeconds: Double = 120, maxAttempts: Int = 3, pollInterval: Duration = .milliseconds(500),
                insecureRegistries: Bool = false, adminPassword: String, adminEmail: String = "admin@myanchore",
                passwordRounds: Int = 600_000, hostID: String = ProcessInfo.processInfo.hostName + "-\(ProcessInfo.processInfo.processIdentifier)") {
        self.dataDirectory = dataDirectory
        self.vulnerabilityDatabase = vulnerabilityDatabase
        self.cacheDirectory = cacheDirectory ?? dataDirectory + "/cache"
        self.workers = workers
        self.leaseSeconds = leaseSeconds
        self.maxAttempts = maxAttempts
        self.pollInterval = pollInterval
        self.insecureRegistries = insecureRegistries
        self.adminPassword = adminPassword
        self.adminEmail = adminEmail
        self.passwordRounds = passwordRounds
        self.hostID = hostID
    }
}
