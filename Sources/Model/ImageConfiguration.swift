/// The image configuration blob: platform, run settings, the layers' diff IDs and the history.
/// https://github.com/opencontainers/image-spec/blob/main/config.md
public struct ImageConfiguration: Sendable, Hashable, Codable {
    public var architecture: String?
    public var os: String?
    public var variant: String?
    public var created: String?
    public var author: String?
    public var config: RunConfiguration?
    public var rootfs: RootFS?
    public var history: [HistoryEntry]?

    public init(architecture: String? = nil, os: String? = nil, variant: String? = nil, config: RunConfiguration? = nil, rootfs: RootFS? = nil, history: [HistoryEntry]? = nil) {
        self.architecture = architecture
        self.os = os
        self.variant = variant
        self.config = config
        self.rootfs = rootfs
        self.history = history
    }

    public var platform: Platform? {
        guard let os, let architecture else { return nil }
        return Platform(os: os, architecture: architecture, variant: variant)
    }

    /// The uncompressed digests of the layers, bottom first.
    public var diffIDs: [Digest] { rootfs?.diffIDs ?? [] }
}

/// `config` inside the configuration: how a container of this image would be run.
public struct RunConfiguration: Sendable, Hashable, Codable {
    public var user: String?
    public var exposedPorts: [String: EmptyObject]?
    public var env: [String]?
    public var entrypoint: [String]?
    public var cmd: [String]?
    public var volumes: [String: EmptyObject]?
    public var workingDir: String?
    public var labels: [String: String]?
    public var stopSignal: String?
    public var healthcheck: HealthCheck?

    enum CodingKeys: String, CodingKey {
        case user = "User", exposedPorts = "ExposedPorts", env = "Env", entrypoint = "Entrypoint", cmd = "Cmd"
        case volumes = "Volumes", workingDir = "WorkingDir", labels = "Labels", stopSignal = "StopSignal"
        case healthcheck = "Healthcheck"
    }

    public init(user: String? = nil, env: [String]? = nil, entrypoint: [String]? = nil, cmd: [String]? = nil, labels: [String: String]? = nil) {
        self.user = user
        self.env = env
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.labels = labels
    }
}

/// Docker's healthcheck settings (not in the OCI spec, but common in real images).
public struct HealthCheck: Sendable, Hashable, Codable {
    public var test: [String]?
    public var interval: Int64?
    public var timeout: Int64?
    public var retries: Int?

    enum CodingKeys: String, CodingKey { case test = "Test", interval = "Interval", timeout = "Timeout", retries = "Retries" }
}

/// JSON `{}` used as set members (`ExposedPorts`, `Volumes`).
public struct EmptyObject: Sendable, Hashable, Codable {
    public init() {}
}

public struct RootFS: Sendable, Hashable, Codable {
    public var type: String
    public var diffIDs: [Digest]

    enum CodingKeys: String, CodingKey { case type, diffIDs = "diff_ids" }

    public init(type: String = "layers", diffIDs: [Digest]) {
        self.type = type
        self.diffIDs = diffIDs
    }
}

public struct HistoryEntry: Sendable, Hashable, Codable {
    public var created: String?
    public var createdBy: String?
    public var author: String?
    public var comment: String?
    public var emptyLayer: Bool?

    enum CodingKeys: String, CodingKey {
        case created, author, comment
        case createdBy = "created_by", emptyLayer = "empty_layer"
    }

    public init(created: String? = nil, createdBy: String? = nil, comment: String? = nil, emptyLayer: Bool? = nil) {
        self.created = created
        self.createdBy = createdBy
        self.comment = comment
        self.emptyLayer = emptyLayer
    }
}
