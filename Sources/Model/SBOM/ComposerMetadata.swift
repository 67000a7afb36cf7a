/// A PHP Composer package as `composer.lock` or `vendor/composer/installed.json` described it
/// (Syft's `PhpComposerLockEntry` / `PhpComposerInstalledEntry`).
public struct ComposerMetadata: Sendable, Hashable, Codable {
    /// Where the package came from (`source`) or was downloaded (`dist`).
    public struct Reference: Sendable, Hashable, Codable {
        public var type: String?
        public var url: String?
        public var reference: String?
        public var shasum: String?

        public init(type: String?, url: String?, reference: String?, shasum: String? = nil) {
            self.type = type
            self.url = url
            self.reference = reference
            self.shasum = shasum
        }
    }

    /// `vendor/package`.
    public var name: String
    public var version: String
    public var source: Reference?
    public var dist: Reference?
    public var require: [String: String]
    public var requireDev: [String: String]
    public var licenses: [String]
    /// `library`, `project`, `metapackage`, `composer-plugin`…
    public var type: String?
    /// `Name <email>` for each author.
    public var authors: [String]
    public var description: String?
    public var homepage: String?
    /// The release time Composer recorded.
    public var time: String?
    /// Listed under `packages-dev` (or `dev-package-names`): needed only to develop the project.
    public var isDevelopment: Bool

    public init(name: String, version: String, source: Reference?, dist: Reference?, require: [String: String], requireDev: [String: String],
                licenses: [String], type: String?, authors: [String], description: String?, homepage: String?, time: String?,
                isDevelopment: Bool) {
        self.name = name
        self.version = version
        self.source = source
        self.dist = dist
        self.require = require
        self.requireDev = requireDev
        self.licenses = licenses
        self.type = type
        self.authors = authors
        self.description = description
        self.homepage = homepage
        self.time = time
        self.isDevelopment = isDevelopment
    }
}
