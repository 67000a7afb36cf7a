/// A Ruby gem as an installed gemspec or a `Gemfile.lock` spec described it (Syft's `RubyGemspec`).
public struct GemMetadata: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    public var authors: [String]
    public var licenses: [String]
    public var homepage: String?
    /// Files the gemspec lists (`s.files`), relative to the gem's directory.
    public var files: [String]
    /// Runtime dependency names (gemspec `add_runtime_dependency`/`add_dependency`, or a lock file spec's nested lines).
    public var dependencies: [String]

    public init(name: String, version: String, authors: [String] = [], licenses: [String] = [], homepage: String? = nil,
                files: [String] = [], dependencies: [String] = []) {
        self.name = name
        self.version = version
        self.authors = authors
        self.licenses = licenses
        self.homepage = homepage
        self.files = files
        self.dependencies = dependencies
    }
}
