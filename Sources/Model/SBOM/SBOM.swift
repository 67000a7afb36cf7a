/// A software bill of materials: what was analysed, its distro, packages and their relationships.
/// This is the model every output format is written from and read back into.
public struct SBOM: Sendable, Hashable, Codable {
    /// Version of Hawser's native SBOM JSON schema.
    /// Changelog:
    /// - 1.0.0: first version (source, distro, packages with metadata, relationships, files, diagnostics);
    ///   optional `contentMatches` and `packageVerification` were added later without a bump (readers
    ///   of older documents see them absent).
    public static let schemaVersion = "1.0.0"

    public var schemaVersion: String
    public var source: SBOMSource
    public var distro: Distro?
    public var packages: [Package]
    public var relationships: [Relationship]
    public var files: [FileRecord]
    /// Where configured patterns (secrets) matched: file and position only, never the matched text.
    public var secrets: [SecretFinding]
    /// Where the analyzer's content-search patterns matched, each named by its `NAME=REGEX`
    /// entry (Anchore's `content_search`); nil when no content search was configured.
    public var contentMatches: [SecretFinding]?
    /// Package-owned files that differ from their package database's digests or are gone (dpkg
    /// and apk databases); nil when not verified (an imported SBOM, or an older document).
    public var packageVerification: [PackageFileProblem]?
    /// Files kept whole for policy checks (default `/etc/passwd`).
    public var retrievedFiles: [RetrievedFile]
    /// The image's Dockerfile: the one the user supplied, else reconstructed from the history.
    public var dockerfile: Dockerfile?
    /// Problems catalogers met and went past (a corrupt status file, a truncated jar…).
    public var diagnostics: [String]
    public var descriptor: ToolDescriptor

    public init(source: SBOMSource, distro: Distro?, packages: [Package], relationships: [Relationship], files: [FileRecord] = [],
                secrets: [SecretFinding] = [], contentMatches: [SecretFinding]? = nil,
                packageVerification: [PackageFileProblem]? = nil, retrievedFiles: [RetrievedFile] = [],
                dockerfile: Dockerfile? = nil, diagnostics: [String] = [], descriptor: ToolDescriptor = .hawser) {
        self.schemaVersion = Self.schemaVersion
        self.source = source
        self.distro = distro
        self.packages = packages
        self.relationships = relationships
        self.files = files
        self.secrets = secrets
        self.contentMatches = contentMatches
        self.packageVerification = packageVerification
        self.retrievedFiles = retrievedFiles
        self.dockerfile = dockerfile
        self.diagnostics = diagnostics
        self.descriptor = descriptor
    }

    /// Set to `true` in a decoder's `userInfo` to leave `files` empty: its records are most of a
    /// stored image document, and a reader that needs no file list skips building them.
    public static let skipFiles = CodingUserInfoKey(rawValue: "hawser.sbom.skipFiles")!
    /// Set to `true` as well to leave out what policy evaluation never reads (relationships, package
    /// metadata, vulnerability summaries and match explanations), for readers of many stored images.
    public static let policyView = CodingUserInfoKey(rawValue: "hawser.sbom.policyView")!

    enum CodingKeys: String, CodingKey {
        case schemaVersion, source, distro, packages, relationships, files, secrets, contentMatches, packageVerification
        case retrievedFiles, dockerfile, diagnostics, descriptor
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(String.self, forKey: .schemaVersion)
        source = try container.decode(SBOMSource.self, forKey: .source)
        distro = try container.decodeIfPresent(Distro.self, forKey: .distro)
        packages = try container.decode([Package].self, forKey: .packages)
        relationships = decoder.userInfo[Self.policyView] as? Bool == true ? [] : try container.decode([Relationship].self, forKey: .relationships)
        files = decoder.userInfo[Self.skipFiles] as? Bool == true ? [] : try container.decode([FileRecord].self, forKey: .files)
        secrets = try container.decode([SecretFinding].self, forKey: .secrets)
        contentMatches = try container.decodeIfPresent([SecretFinding].self, forKey: .contentMatches)
        packageVerification = try container.decodeIfPresent([PackageFileProblem].self, forKey: .packageVerification)
        retrievedFiles = try container.decode([RetrievedFile].self, forKey: .retrievedFiles)
        dockerfile = try container.decodeIfPresent(Dockerfile.self, forKey: .dockerfile)
        diagnostics = try container.decode([String].self, forKey: .diagnostics)
        descriptor = try container.decode(ToolDescriptor.self, forKey: .descriptor)
    }
}

/// What the SBOM describes.
public struct SBOMSource: Sendable, Hashable, Codable {
    /// `image` or `directory`.
    public var kind: String
    /// The user's source string or the image reference.
    public var name: String
    public var version: String?
    public var manifestDigest: Digest?
    public var configDigest: Digest?
    public var platform: String?
    public var layers: [Digest]
    public var configuration: ImageConfiguration?

    public init(kind: String, name: String, version: String? = nil, manifestDigest: Digest? = nil, configDigest: Digest? = nil,
                platform: String? = nil, layers: [Digest] = [], configuration: ImageConfiguration? = nil) {
        self.kind = kind
        self.name = name
        self.version = version
        self.manifestDigest = manifestDigest
        self.configDigest = configDigest
        self.platform = platform
        self.layers = layers
        self.configuration = configuration
    }
}

/// A file as the SBOM records it.
public struct FileRecord: Sendable, Hashable, Codable {
    public var location: Location
    public var type: FileType
    public var mode: UInt32
    public var uid: Int
    public var gid: Int
    public var size: Int64
    public var linkTarget: String?
    public var sha256: String?
    /// Set-user-ID and set-group-ID executables, called out for policy checks.
    public var setuid: Bool
    public var setgid: Bool

    public init(entry: FileEntry, sha256: String?) {
        location = Location(entry)
        type = entry.type
        mode = entry.mode
        uid = entry.uid
        gid = entry.gid
        size = entry.size
        linkTarget = entry.linkTarget
        self.sha256 = sha256
        setuid = entry.isSetUID
        setgid = entry.isSetGID
    }

    enum CodingKeys: String, CodingKey { case location, type, mode, uid, gid, size, linkTarget, sha256, setuid, setgid }

    /// The flags are derived from `mode` when a document predates them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        location = try container.decode(Location.self, forKey: .location)
        type = try container.decode(FileType.self, forKey: .type)
        mode = try container.decode(UInt32.self, forKey: .mode)
        uid = try container.decode(Int.self, forKey: .uid)
        gid = try container.decode(Int.self, forKey: .gid)
        size = try container.decode(Int64.self, forKey: .size)
        linkTarget = try container.decodeIfPresent(String.self, forKey: .linkTarget)
        sha256 = try container.decodeIfPresent(String.self, forKey: .sha256)
        setuid = try container.decodeIfPresent(Bool.self, forKey: .setuid) ?? (mode & 0o4000 != 0)
        setgid = try container.decodeIfPresent(Bool.self, forKey: .setgid) ?? (mode & 0o2000 != 0)
    }
}

/// The tool that wrote an SBOM.
public struct ToolDescriptor: Sendable, Hashable, Codable {
    public var name: String
    public var version: String

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    public static let hawser = ToolDescriptor(name: "hawser", version: "0.1.0")
}
