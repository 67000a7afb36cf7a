/// What an rpm database header said about an installed package (the tags Syft's `RpmDBEntry` keeps).
public struct RPMMetadata: Sendable, Hashable, Codable {
    public var name: String
    /// `nil` when the header has no EPOCH tag, which rpm treats as 0 but Syft does not print.
    public var epoch: Int?
    public var version: String
    public var release: String
    public var architecture: String?
    /// The source package file, e.g. `util-linux-2.32.1-42.el8_8.src.rpm`.
    public var sourceRPM: String?
    public var vendor: String?
    public var license: String?
    /// The module stream of a modular package (`nodejs:18:8080020230612085214:ad008a3a`).
    public var modularityLabel: String?
    /// Installed size in bytes.
    public var size: Int?
    /// Absolute paths of the files and directories the package installs.
    public var files: [String]

    public init(name: String, epoch: Int?, version: String, release: String, architecture: String?, sourceRPM: String?,
                vendor: String?, license: String?, modularityLabel: String?, size: Int?, files: [String]) {
        self.name = name
        self.epoch = epoch
        self.version = version
        self.release = release
        self.architecture = architecture
        self.sourceRPM = sourceRPM
        self.vendor = vendor
        self.license = license
        self.modularityLabel = modularityLabel
        self.size = size
        self.files = files
    }
}
