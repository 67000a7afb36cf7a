import Archive
import Model

/// How to fetch: the platform wanted, where blobs are cached, how to reach registries.
public struct SourceOptions: Sendable {
    /// The platform to pick from a multi-platform index; `nil` means the host's.
    public var platform: Platform?
    public var cacheDirectory: String
    /// Talk plain HTTP to registries (`--insecure-http`, `HAWSER_REGISTRY_INSECURE_USE_HTTP=true`).
    public var insecureHTTP: Bool
    public var credentials: any CredentialProvider
    public var retry: RetryPolicy
    public var limits: ArchiveLimits

    public init(platform: Platform? = nil, cacheDirectory: String, insecureHTTP: Bool = false,
                credentials: any CredentialProvider = ChainedCredentials([]), retry: RetryPolicy = RetryPolicy(), limits: ArchiveLimits = .default) {
        self.platform = platform
        self.cacheDirectory = cacheDirectory
        self.insecureHTTP = insecureHTTP
        self.credentials = credentials
        self.retry = retry
        self.limits = limits
    }

    /// Options as the environment sets them: cache directory, plain HTTP, and credentials from
    /// `HAWSER_REGISTRY_AUTH_*` then Docker's config.
    public static func fromEnvironment(_ environment: [String: String]) -> SourceOptions {
        SourceOptions(cacheDirectory: BlobCache.defaultDirectory(environment: environment),
                      insecureHTTP: ["true", "1", "yes"].contains(environment["HAWSER_REGISTRY_INSECURE_USE_HTTP"]?.lowercased() ?? ""),
                      credentials: ChainedCredentials([EnvironmentCredentials(environment: environment),
                                                       DockerConfigCredentials(environment: environment)]))
    }
}

/// What a source turned out to be.
public enum LoadedSource: Sendable {
    case image(ImageDescription)
    /// A plain directory to read as an image root.
    case directory(path: String)
}
