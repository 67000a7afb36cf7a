/// What a package's own database said about it, one case per ecosystem (no `Any`).
public enum PackageMetadata: Sendable, Hashable, Codable {
    case dpkg(DpkgMetadata)
    case apk(APKMetadata)
    case python(PythonMetadata)
    case npm(NPMMetadata)
    case javaArchive(JavaArchiveMetadata)
    case goModule(GoModuleMetadata)
    case rustCrate(RustCrateMetadata)
    case gem(GemMetadata)
    case phpComposer(ComposerMetadata)
    case dotnet(DotNetMetadata)
    case rpm(RPMMetadata)
}

public struct DpkgMetadata: Sendable, Hashable, Codable {
    public var package: String
    public var source: String?
    public var version: String
    public var sourceVersion: String?
    public var architecture: String?
    public var maintainer: String?
    public var installedSize: Int?
    public var depends: [String]
    public var files: [String]

    public init(package: String, source: String?, version: String, sourceVersion: String?, architecture: String?,
                maintainer: String?, installedSize: Int?, depends: [String], files: [String]) {
        self.package = package
        self.source = source
        self.version = version
        self.sourceVersion = sourceVersion
        self.architecture = architecture
        self.maintainer = maintainer
        self.installedSize = installedSize
        self.depends = depends
        self.files = files
    }
}

public struct APKMetadata: Sendable, Hashable, Codable {
    public var package: String
    public var origin: String?
    public var version: String
    public var architecture: String?
    public var maintainer: String?
    public var license: String?
    public var dependencies: [String]
    public var files: [String]

    public init(package: String, origin: String?, version: String, architecture: String?, maintainer: String?, license: String?,
                dependencies: [String], files: [String]) {
        self.package = package
        self.origin = origin
        self.version = version
        self.architecture = architecture
        self.maintainer = maintainer
        self.license = license
        self.dependencies = dependencies
        self.files = files
    }
}

public struct PythonMetadata: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    public var author: String?
    public var authorEmail: String?
    public var maintainer: String?
    public var license: String?
    public var sitePackagesRootPath: String
    public var files: [String]
    public var requiresDist: [String]

    public init(name: String, version: String, author: String?, authorEmail: String?, maintainer: String?, license: String?,
                sitePackagesRootPath: String, files: [String], requiresDist: [String]) {
        self.name = name
        self.version = version
        self.author = author
        self.authorEmail = authorEmail
        self.maintainer = maintainer
        self.license = license
        self.sitePackagesRootPath = sitePackagesRootPath
        self.files = files
        self.requiresDist = requiresDist
    }
}

public struct NPMMetadata: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    public var author: String?
    public var homepage: String?
    public var license: String?

    public init(name: String, version: String, author: String?, homepage: String?, license: String?) {
        self.name = name
        self.version = version
        self.author = author
        self.homepage = homepage
        self.license = license
    }
}

public struct JavaArchiveMetadata: Sendable, Hashable, Codable {
    /// `path/to/outer.jar:inner.jar` for nested archives.
    public var virtualPath: String
    public var manifest: [String: String]
    public var groupID: String?
    public var artifactID: String?

    public init(virtualPath: String, manifest: [String: String], groupID: String?, artifactID: String?) {
        self.virtualPath = virtualPath
        self.manifest = manifest
        self.groupID = groupID
        self.artifactID = artifactID
    }
}

public struct GoModuleMetadata: Sendable, Hashable, Codable {
    public var goVersion: String
    public var mainModule: String?
    public var h1Digest: String?
    public var architecture: String?

    public init(goVersion: String, mainModule: String?, h1Digest: String?, architecture: String?) {
        self.goVersion = goVersion
        self.mainModule = mainModule
        self.h1Digest = h1Digest
        self.architecture = architecture
    }
}
