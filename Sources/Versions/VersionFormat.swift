/// The version schemes Hawser knows, by stable lowercase wire name.
///
/// The raw values are stored in the vulnerability DB and printed in match explanations; never
/// rename one. The order of the cases is the order ``Version`` uses between formats.
public enum VersionFormat: String, CaseIterable, Sendable, Codable, Hashable, CustomStringConvertible {
    /// Debian / dpkg: `[epoch:]upstream[-revision]`.
    case deb
    /// Alpine apk-tools.
    case apk
    /// RPM `[epoch:]version[-release]`.
    case rpm
    /// Semantic Versioning 2.0.0 (npm, crates.io, OSV `SEMVER` ranges).
    case semver
    /// Python PEP 440.
    case pep440
    /// Maven `ComparableVersion`.
    case maven
    /// RubyGems `Gem::Version`.
    case gem
    /// Go modules (semver with `v`, pseudo-versions) and Go toolchains (`go1.21.0`).
    case go
    /// Composer (Packagist), normalised like `composer/semver`.
    case composer
    /// NuGet (`NuGet.Versioning`).
    case nuget
    /// Lenient dotted numbers plus suffix, for NVD CPE ranges and binary-classifier versions
    /// (Grype's `fuzzy`): see ``FuzzyVersion``.
    case fuzzy

    public var description: String { rawValue }

    /// Parses `text` as a version of this format.
    public func parse(_ text: String) throws(VersionError) -> Version {
        switch self {
        case .deb: try DebianVersion(parsing: text).erased
        case .apk: try APKVersion(parsing: text).erased
        case .rpm: try RPMVersion(parsing: text).erased
        case .semver: try SemanticVersion(parsing: text).erased
        case .pep440: try PEP440Version(parsing: text).erased
        case .maven: try MavenVersion(parsing: text).erased
        case .gem: try GemVersion(parsing: text).erased
        case .go: try GoVersion(parsing: text).erased
        case .composer: try ComposerVersion(parsing: text).erased
        case .nuget: try NuGetVersion(parsing: text).erased
        case .fuzzy: try FuzzyVersion(parsing: text).erased
        }
    }

    /// Whether `text` is a valid version of this format.
    public func isValid(_ text: String) -> Bool {
        (try? parse(text)) != nil
    }

    /// The format from its wire name (`"deb"`) or a common alias (`"dpkg"`, `"python"`, `"golang"`, …).
    public init(name: String) throws(VersionError) {
        let key = name.trimmingASCIIWhitespace().lowercased()
        if let format = VersionFormat(rawValue: key) {
            self = format
            return
        }
        switch key {
        case "dpkg", "debian", "ubuntu": self = .deb
        case "alpine", "apk-tools": self = .apk
        case "redhat", "rhel", "centos", "fedora", "rocky", "almalinux", "suse": self = .rpm
        case "sem-ver", "npm", "cargo", "crates.io": self = .semver
        case "python", "pypi", "pep-440", "pep 440": self = .pep440
        case "java", "jvm", "mvn": self = .maven
        case "ruby", "rubygems", "gems": self = .gem
        case "golang", "gomod", "go-module": self = .go
        case "php", "packagist": self = .composer
        case "dotnet", ".net": self = .nuget
        case "cpe", "nvd": self = .fuzzy
        default: throw .unknownFormat(name)
        }
    }

    /// The format of an OSV `affected[].package.ecosystem` (a `:suffix` such as `Debian:12` is ignored).
    ///
    /// Returns nil for ecosystems whose ordering is none of these schemes (e.g. `GIT`-only ones).
    public init?(osvEcosystem: String) {
        let base = osvEcosystem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? osvEcosystem
        switch base {
        case "Debian", "Ubuntu": self = .deb
        case "Alpine", "Chainguard", "Wolfi", "Alpaquita", "MinimOS": self = .apk
        case "AlmaLinux", "Rocky Linux", "Red Hat", "openSUSE", "SUSE", "Mageia", "openEuler", "Photon OS": self = .rpm
        case "npm", "crates.io", "Hex", "Pub", "SwiftURL": self = .semver
        case "PyPI": self = .pep440
        case "Maven": self = .maven
        case "RubyGems": self = .gem
        case "Go": self = .go
        case "Packagist": self = .composer
        case "NuGet": self = .nuget
        default: return nil
        }
    }

    /// The format for a Syft/Grype package type (`deb`, `python`, `go-module`, `java-archive`, …).
    public init?(packageType: String) {
        switch packageType {
        case "deb": self = .deb
        case "apk": self = .apk
        case "rpm": self = .rpm
        case "python": self = .pep440
        case "java-archive", "jenkins-plugin": self = .maven
        case "gem": self = .gem
        case "go-module": self = .go
        case "php-composer", "php-pecl", "php-pear": self = .composer
        case "dotnet": self = .nuget
        case "npm", "rust-crate", "hex", "dart-pub", "swift", "cocoapods": self = .semver
        default: return nil
        }
    }
}
