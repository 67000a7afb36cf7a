import Foundation

/// The reference implementations the differential tests compare with, run through
/// ``ReferenceScript`` in one Python process per scheme (all pairs in one batch).
enum ReferenceTool: String, CaseIterable, Sendable {
    /// python3-apt's `apt_pkg.version_compare` (cross-checked with `dpkg --compare-versions`).
    case dpkg
    /// python3-rpm's `rpm.labelCompare`.
    case rpm
    /// `packaging.version.Version`.
    case pep440
    /// npm's node-semver `semver.compare`, over crates.io versions.
    case semver
    /// npm's node-semver `semver.compare`, over Go module versions.
    case go
    /// Maven's own `ComparableVersion` (java), over synthetic versions.
    case maven

    /// Tests that need a missing tool fail instead of being skipped when this is set (CI sets it).
    static let integrationRequired = ProcessInfo.processInfo.environment["HAWSER_REQUIRE_INTEGRATION"] == "1"

    /// `../shared/feeds` beside the repository (or `$HAWSER_SHARED_DIR/feeds`).
    static let feedsDirectory: URL = {
        if let shared = ProcessInfo.processInfo.environment["HAWSER_SHARED_DIR"], !shared.isEmpty {
            return URL(fileURLWithPath: shared).appendingPathComponent("feeds")
        }
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/feeds")
    }()

    /// The feed files this tool's pairs come from.
    var feedFiles: [String] {
        switch self {
        case .dpkg: ["debian/oval/oval-definitions-bookworm.xml.bz2"]
        case .rpm: ["redhat/oval/com.redhat.rhsa-RHEL9.xml.bz2", "rocky/oval/org.rockylinux.rlsa-9.xml.bz2"]
        case .pep440: ["osv/PyPI/all.zip"]
        case .semver: ["osv/crates.io/all.zip"]
        case .go: ["osv/Go/all.zip"]
        case .maven: []
        }
    }

    /// The Python module the helper needs, and the Debian package that provides it.
    var module: (name: String, package: String) {
        switch self {
        case .dpkg: ("apt_pkg", "python3-apt")
        case .rpm: ("rpm", "python3-rpm")
        case .pep440: ("packaging", "python3-packaging (or pip's packaging)")
        case .semver, .go, .maven: ("json", "python3")
        }
    }

    /// Places node-semver and Maven's artifact jar are found (Debian's packages, npm's bundle).
    static let semverModules = [
        "/usr/share/nodejs/semver", "/usr/lib/node_modules/npm/node_modules/semver",
        "/usr/share/nodejs/npm/node_modules/semver", "/usr/local/lib/node_modules/npm/node_modules/semver",
    ]
    static let mavenJars = [
        "/usr/share/java/maven3-artifact.jar", "/usr/share/maven/lib/maven-artifact-3.x.jar", "/usr/share/java/maven-artifact.jar",
    ]

    /// The first `name` executable on PATH.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A Python interpreter that can import `module`: Debian's first for the python3-* bindings,
    /// then whatever `python3` is on PATH (which may be pyenv's, with pip's packaging).
    static func interpreter(importing module: String) -> String? {
        interpreters[module] ?? findInterpreter(importing: module)
    }

    /// Looked up once per test run.
    private static let interpreters: [String: String] = {
        var found: [String: String] = [:]
        for module in ["apt_pkg", "rpm", "packaging", "json"] {
            found[module] = findInterpreter(importing: module)
        }
        return found
    }()

    private static func findInterpreter(importing module: String) -> String? {
        var candidates = ["/usr/bin/python3"]
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") where !directory.isEmpty {
            candidates.append("\(directory)/python3")
        }
        if module == "packaging" { candidates.append(candidates.removeFirst()) }
        var seen = Set<String>()
        for candidate in candidates where seen.insert(candidate).inserted {
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            if (try? run(candidate, ["-c", "import \(module)"]))?.status == 0 { return candidate }
        }
        return nil
    }

    /// Why this tool cannot run here, or nil when it can.
    var unavailableReason: String? {
        for file in feedFiles where !FileManager.default.fileExists(atPath: Self.feedsDirectory.appendingPathComponent(file).path) {
            return "feed file \(Self.feedsDirectory.path)/\(file) is missing"
        }
        if self == .dpkg, Self.interpreter(importing: "apt_pkg") == nil {
            // Fallback: dpkg --compare-versions itself, driven by any python3.
            let dpkg = FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg")
            return dpkg && Self.interpreter(importing: "json") != nil ? nil
                : "neither python3-apt nor dpkg is installed (apt-get install python3-apt)"
        }
        if self != .dpkg, Self.interpreter(importing: module.name) == nil {
            return "no python3 can import \(module.name) (apt-get install \(module.package))"
        }
        switch self {
        case .semver, .go:
            if Self.executable("node") == nil && Self.executable("nodejs") == nil {
                return "node is not installed (apt-get install nodejs node-semver)"
            }
            if !Self.semverModules.contains(where: { FileManager.default.fileExists(atPath: "\($0)/package.json") }) {
                return "node-semver is not installed (apt-get install node-semver)"
            }
        case .maven:
            if Self.executable("java") == nil { return "java is not installed (apt-get install default-jre-headless)" }
            if !Self.mavenJars.contains(where: FileManager.default.fileExists(atPath:)) {
                return "Maven's artifact jar is not installed (apt-get install libmaven3-core-java)"
            }
        case .dpkg, .rpm, .pep440:
            break
        }
        return nil
    }

    /// Whether the test runs: the tool is here, or its absence must fail the run.
    var enabled: Bool { Self.integrationRequired || unavailableReason == nil }

    struct Pair: Decodable, Sendable {
        let a: String
        let b: String
        /// The reference ordering of `a` against `b`: -1, 0 or 1.
        let c: Int
    }

    struct Validity: Decodable, Sendable {
        let v: String
        let ok: Bool
        /// The normalised form (`str(Version(v))`) when valid.
        let n: String
    }

    struct CrossCheck: Decodable, Sendable {
        let checked: Int
        let disagreements: [[Disagreement]]

        enum Disagreement: Decodable, Sendable, CustomStringConvertible {
            case text(String)
            case number(Int)
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
            }
            var description: String {
                switch self {
                case let .text(s): s
                case let .number(n): String(n)
                }
            }
        }
    }

    struct Output: Decodable, Sendable {
        let tool: String
        /// Pairs of versions taken from the feeds.
        let pairs: [Pair]
        /// Pairs of seeded random strings built from the scheme's tricky pieces.
        let synthetic: [Pair]
        let versions: [Validity]
        let crosscheck: CrossCheck
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs the helper for this tool and decodes its batch of reference results.
    func run() throws -> Output {
        if let reason = unavailableReason {
            throw Failure(description: "\(rawValue) reference unavailable: \(reason) (HAWSER_REQUIRE_INTEGRATION=1 makes this fatal)")
        }
        let python = Self.interpreter(importing: self == .dpkg ? "apt_pkg" : module.name)
            ?? Self.interpreter(importing: "json") ?? "/usr/bin/python3"
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hawser-versions-\(rawValue)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("reference_versions.py")
        let output = directory.appendingPathComponent("out.json")
        try ReferenceScript.source.write(to: script, atomically: true, encoding: .utf8)
        let result = try Self.run(python, [script.path, rawValue, Self.feedsDirectory.path, output.path])
        guard result.status == 0 else {
            throw Failure(description: "\(python) reference_versions.py \(rawValue) exited \(result.status): \(result.stderr)")
        }
        return try JSONDecoder().decode(Output.self, from: Data(contentsOf: output))
    }

    /// Runs a program to completion; stdout is discarded, stderr captured (it is small).
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
