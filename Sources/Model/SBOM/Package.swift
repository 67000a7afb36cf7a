/// A software package found in an image: the unit SBOMs list and vulnerability matching keys on.
public struct Package: Sendable, Hashable, Codable, Identifiable {
    /// Stable across runs: derived from type, name, version and where it was found.
    public var id: String
    public var name: String
    public var version: String
    public var type: PackageType
    /// The cataloger that reported it (Syft's names, e.g. `dpkg-db-cataloger`).
    public var foundBy: String
    public var purl: String?
    public var cpes: [String]
    /// License expressions or names as the package metadata states them.
    public var licenses: [String]
    public var locations: [Location]
    public var language: String?
    /// Who supplies the package, from its own metadata (dpkg Maintainer, Python Author…); `nil` when it says nothing.
    public var supplier: String?
    public var metadata: PackageMetadata?

    public init(name: String, version: String, type: PackageType, foundBy: String, purl: String? = nil, cpes: [String] = [],
                licenses: [String] = [], locations: [Location], language: String? = nil, supplier: String? = nil,
                metadata: PackageMetadata? = nil) {
        self.name = name
        self.version = version
        self.type = type
        self.foundBy = foundBy
        self.purl = purl
        self.cpes = cpes
        self.licenses = licenses
        self.locations = locations
        self.language = language
        self.supplier = supplier
        self.metadata = metadata
        self.id = Package.identifier(type: type, name: name, version: version, location: locations.first)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, version, type, foundBy, purl, cpes, licenses, locations, language, supplier, metadata
    }

    /// Synthesized decoding, except that `SBOM.policyView` leaves `metadata` out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decode(String.self, forKey: .version)
        type = try container.decode(PackageType.self, forKey: .type)
        foundBy = try container.decode(String.self, forKey: .foundBy)
        purl = try container.decodeIfPresent(String.self, forKey: .purl)
        cpes = try container.decode([String].self, forKey: .cpes)
        licenses = try container.decode([String].self, forKey: .licenses)
        locations = try container.decode([Location].self, forKey: .locations)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        supplier = try container.decodeIfPresent(String.self, forKey: .supplier)
        metadata = decoder.userInfo[SBOM.policyView] as? Bool == true ? nil : try container.decodeIfPresent(PackageMetadata.self, forKey: .metadata)
    }

    /// 16 hex characters of SHA-256 over the identifying fields.
    public static func identifier(type: PackageType, name: String, version: String, location: Location?) -> String {
        let key = [type.rawValue, name, version, location?.path ?? "", location?.layer?.description ?? ""].joined(separator: "\u{0}")
        return String(Digest.sha256(of: Array(key.utf8)).encoded.prefix(16))
    }
}

/// Package types, with Syft's spellings on the wire.
public enum PackageType: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case deb, apk, rpm, python, npm
    case javaArchive = "java-archive"
    case goModule = "go-module"
    case rustCrate = "rust-crate"
    case gem
    case phpComposer = "php-composer"
    case dotnet, binary

    public static func < (lhs: PackageType, rhs: PackageType) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where something was found: a path in the image and the layer (diff ID) that holds it.
public struct Location: Sendable, Hashable, Codable, Comparable {
    public var path: String
    public var layer: Digest?

    public init(path: String, layer: Digest?) {
        self.path = path
        self.layer = layer
    }

    public init(_ entry: FileEntry) {
        self.init(path: entry.path, layer: entry.layer)
    }

    public static func < (lhs: Location, rhs: Location) -> Bool { (lhs.path, lhs.layer?.description ?? "") < (rhs.path, rhs.layer?.description ?? "") }
}
