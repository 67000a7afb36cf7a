/// A Rust crate as a `Cargo.lock` entry or a cargo-auditable binary's dependency list described it
/// (Syft's `RustCargoLockEntry` / `RustBinaryAuditEntry`).
public struct RustCrateMetadata: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    /// `registry+https://github.com/rust-lang/crates.io-index`, `git+https://…#rev` in a lock file;
    /// `crates.io`, `git`, `local`, `registry` or `other` in an auditable binary; `nil` for a path dependency.
    public var source: String?
    /// SHA-256 of the `.crate` file (lock files only).
    public var checksum: String?
    /// As the source wrote them: `name`, `name version` or `name version (source)` in a lock file,
    /// `name version` in an auditable binary.
    public var dependencies: [String]
    /// Whether the crate is the binary's own root crate (auditable binaries only).
    public var isRoot: Bool

    public init(name: String, version: String, source: String?, checksum: String?, dependencies: [String], isRoot: Bool = false) {
        self.name = name
        self.version = version
        self.source = source
        self.checksum = checksum
        self.dependencies = dependencies
        self.isRoot = isRoot
    }
}
