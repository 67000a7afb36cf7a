/// A .NET library as a `*.deps.json` or NuGet `packages.lock.json` described it
/// (Syft's `DotnetDepsEntry` / `DotnetPackagesLockEntry`).
public struct DotNetMetadata: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    /// deps.json library type (`package`, `project`, `referenceassembly`, `runtimepack`) or
    /// packages.lock.json dependency type (`Direct`, `Transitive`, `CentralTransitive`).
    public var type: String?
    /// deps.json: the package's folder in the NuGet cache (`newtonsoft.json/13.0.1`).
    public var path: String?
    /// deps.json: `sha512-…` of the `.nupkg`.
    public var sha512: String?
    /// deps.json: the file holding that hash (`newtonsoft.json.13.0.1.nupkg.sha512`).
    public var hashPath: String?
    /// packages.lock.json: base64 SHA-512 of the package content.
    public var contentHash: String?
    /// packages.lock.json: the version range the project asked for (`[13.0.1, )`), direct dependencies only.
    public var requested: String?

    public init(name: String, version: String, type: String?, path: String? = nil, sha512: String? = nil, hashPath: String? = nil,
                contentHash: String? = nil, requested: String? = nil) {
        self.name = name
        self.version = version
        self.type = type
        self.path = path
        self.sha512 = sha512
        self.hashPath = hashPath
        self.contentHash = contentHash
        self.requested = requested
    }
}
