import Foundation

/// An account: the unit of isolation. Every image, registry, subscription and event belongs to one.
public struct Account: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case user, admin, service }
    public enum State: String, Sendable, Codable, CaseIterable { case enabled, disabled, deleting }

    public var name: String
    public var email: String?
    public var type: Kind
    public var state: State
    public var createdAt: Date
    public var lastUpdated: Date

    public init(name: String, email: String?, type: Kind, state: State = .enabled, createdAt: Date, lastUpdated: Date) {
        self.name = name
        self.email = email
        self.type = type
        self.state = state
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated
    }
}

/// A user of an account; `passwordHash` is a self-describing slow salted hash (see Service's `PasswordHasher`).
public struct User: Sendable, Hashable, Codable {
    public var username: String
    public var account: String
    public var passwordHash: String
    /// Anchore's `native` (password) or `internal` (service) users.
    public var type: String
    public var createdAt: Date
    public var lastUpdated: Date

    public init(username: String, account: String, passwordHash: String, type: String = "native", createdAt: Date, lastUpdated: Date) {
        self.username = username
        self.account = account
        self.passwordHash = passwordHash
        self.type = type
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated
    }
}

/// Anchore's analysis states (`taskstate.py`, graph `analyze`).
public enum AnalysisStatus: String, Sendable, Codable, CaseIterable {
    case notAnalyzed = "not_analyzed"
    case analyzing
    case analyzed
    case analysisFailed = "analysis_failed"
}

/// What the analysis learnt of an image, shown in `image_content.metadata`.
public struct ImageSummary: Sendable, Hashable, Codable {
    public var arch: String?
    public var distro: String?
    public var distroVersion: String?
    /// `Actual` when the user supplied the Dockerfile, `Guessed` when reconstructed from the history.
    public var dockerfileMode: String?
    public var imageSize: Int64
    public var layerCount: Int
    public var imageID: String?

    public init(arch: String? = nil, distro: String? = nil, distroVersion: String? = nil, dockerfileMode: String? = nil,
                imageSize: Int64 = 0, layerCount: Int = 0, imageID: String? = nil) {
        self.arch = arch
        self.distro = distro
        self.distroVersion = distroVersion
        self.dockerfileMode = dockerfileMode
        self.imageSize = imageSize
        self.layerCount = layerCount
        self.imageID = imageID
    }
}

/// An image of an account, identified by its manifest digest.
public struct StoredImage: Sendable, Hashable, Codable {
    public var account: String
    public var digest: String
    public var parentDigest: String?
    public var analysisStatus: AnalysisStatus
    /// `active` or `deleting`.
    public var imageStatus: String
    /// Why the last analysis failed, shown to the user.
    public var failureReason: String?
    public var annotations: [String: String]
    public var summary: ImageSummary
    public var createdAt: Date
    public var analyzedAt: Date?
    public var lastUpdated: Date
    /// Bumped on every change; Anchore's `record_version`.
    public var recordVersion: Int
    public var tags: [ImageTag]

    public init(account: String, digest: String, parentDigest: String? = nil, analysisStatus: AnalysisStatus = .notAnalyzed,
                imageStatus: String = "active", failureReason: String? = nil, annotations: [String: String] = [:],
                summary: ImageSummary = ImageSummary(), createdAt: Date, analyzedAt: Date? = nil, lastUpdated: Date,
                recordVersion: Int = 1, tags: [ImageTag] = []) {
        self.account = account
        self.digest = digest
        self.parentDigest = parentDigest
        self.analysisStatus = analysisStatus
        self.imageStatus = imageStatus
        self.failureReason = failureReason
        self.annotations = annotations
        self.summary = summary
        self.createdAt = createdAt
        self.analyzedAt = analyzedAt
        self.lastUpdated = lastUpdated
        self.recordVersion = recordVersion
        self.tags = tags
    }
}

/// A tag that pointed at an image, with when Hawser saw it do so.
public struct ImageTag: Sendable, Hashable, Codable {
    public var registry: String
    public var repository: String
    public var tag: String
    public var detectedAt: Date

    public init(registry: String, repository: String, tag: String, detectedAt: Date) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.detectedAt = detectedAt
    }

    /// `registry/repository:tag`, Anchore's `fulltag`.
    public var fullTag: String { "\(registry)/\(repository):\(tag)" }
}

/// One change of an image's analysis state, kept for audit.
public struct AnalysisTransition: Sendable, Hashable, Codable {
    public var from: AnalysisStatus?
    public var to: AnalysisStatus
    public var at: Date
    public var detail: String?

    public init(from: AnalysisStatus?, to: AnalysisStatus, at: Date, detail: String? = nil) {
        self.from = from
        self.to = to
        self.at = at
        self.detail = detail
    }
}

/// The documents kept per image.
public enum ImageDocumentKind: String, Sendable, Codable, CaseIterable {
    /// The manifest as Hawser read it (JSON).
    case manifest
    /// The image configuration (JSON).
    case config
    /// The SBOM in Hawser's native JSON: packages, files, secrets, retrieved files, Dockerfile.
    case sbom
    /// The latest vulnerability report (a `ScanReport` JSON) with the DB build it came from.
    case vulnerabilities
}

/// Work for an analysis worker: pull `pullString` and analyze it into image `digest`.
public struct AnalysisJob: Sendable, Hashable, Codable {
    public var id: Int64
    public var account: String
    public var digest: String
    /// The reference to pull: `registry/repo@sha256:…` (pinned), or the tag for a first look.
    public var pullString: String
    public var attempts: Int
    public var leaseOwner: String?
    public var leaseExpires: Date?
    public var dockerfile: String?

    public init(id: Int64, account: String, digest: String, pullString: String, attempts: Int = 0, leaseOwner: String? = nil,
                leaseExpires: Date? = nil, dockerfile: String? = nil) {
        self.id = id
        self.account = account
        self.digest = digest
        self.pullString = pullString
        self.attempts = attempts
        self.leaseOwner = leaseOwner
        self.leaseExpires = leaseExpires
        self.dockerfile = dockerfile
    }
}

/// An event (Anchore's `event` records), e.g. `user.image.analysis.completed`.
public struct StoredEvent: Sendable, Hashable, Codable {
    public var id: String
    public var account: String
    public var type: String
    /// `info` or `error`.
    public var level: String
    public var message: String
    /// JSON object text.
    public var details: String
    public var resourceType: String
    public var resourceID: String
    public var createdAt: Date

    public init(id: String = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""), account: String, type: String,
                level: String, message: String, details: String = "{}", resourceType: String, resourceID: String, createdAt: Date) {
        self.id = id
        self.account = account
        self.type = type
        self.level = level
        self.message = message
        self.details = details
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.createdAt = createdAt
    }
}

/// Which events to list.
public struct EventFilter: Sendable, Hashable {
    public var type: String?
    public var level: String?
    public var resourceType: String?
    public var resourceID: String?
    public var since: Date?
    public var before: Date?

    public init(type: String? = nil, level: String? = nil, resourceType: String? = nil, resourceID: String? = nil, since: Date? = nil, before: Date? = nil) {
        self.type = type
        self.level = level
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.since = since
        self.before = before
    }
}

/// Registry credentials of an account; `secret` is the password sealed by the service (never stored in clear).
public struct RegistryRecord: Sendable, Hashable, Codable {
    public var account: String
    public var registry: String
    public var name: String
    public var user: String
    public var secret: Data
    public var type: String
    public var verifyTLS: Bool
    public var createdAt: Date
    public var lastUpdated: Date

    public init(account: String, registry: String, name: String, user: String, secret: Data, type: String = "docker_v2",
                verifyTLS: Bool = true, createdAt: Date, lastUpdated: Date) {
        self.account = account
        self.registry = registry
        self.name = name
        self.user = user
        self.secret = secret
        self.type = type
        self.verifyTLS = verifyTLS
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated
    }
}

/// A subscription (`tag_update`, `policy_eval`, `vuln_update`, `analysis_update`, `repo_update`).
public struct Subscription: Sendable, Hashable, Codable {
    public var id: String
    public var account: String
    public var key: String
    public var type: String
    public var value: String?
    public var active: Bool
    public var createdAt: Date
    public var lastUpdated: Date

    public init(id: String, account: String, key: String, type: String, value: String? = nil, active: Bool, createdAt: Date, lastUpdated: Date) {
        self.id = id
        self.account = account
        self.key = key
        self.type = type
        self.value = value
        self.active = active
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated
    }

    /// Anchore's subscription id: a digest of account, key and type, so the same subscription is never made twice.
    public static func identifier(account: String, key: String, type: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in "\(account)\u{0}\(key)\u{0}\(type)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return String(hash, radix: 16)
    }
}
