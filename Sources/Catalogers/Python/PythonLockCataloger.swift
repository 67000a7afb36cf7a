import Cataloging
import Model

/// Python packages declared by requirement and lock files, as Syft's `python-package-cataloger` reads
/// them: pinned `==` lines of `*requirements*.txt` (pip's format,
/// https://pip.pypa.io/en/stable/reference/requirements-file-format/), `Pipfile.lock`, `poetry.lock`,
/// `uv.lock` and `pdm.lock`.
///
/// Names are reported PEP 503-normalized (`FrIeNdLy-_-bArD` → `friendly-bard`), as Syft reports
/// declared packages. Like Syft, `Pipfile.lock`'s `develop` section is read only when development
/// dependencies are asked for; the TOML locks list every locked package.
public struct PythonLockCataloger: Cataloger {
    public let name = "python-package-cataloger"
    /// Whether `Pipfile.lock`'s `develop` packages are listed.
    public let includeDevDependencies: Bool

    public init(includeDevDependencies: Bool = false) {
        self.includeDevDependencies = includeDevDependencies
    }

    /// One locked or pinned package.
    struct Entry {
        var name: String
        var version: String
        /// Names (any spelling) of the packages it depends on, where the lock records them.
        var dependencies: [String] = []
    }

    struct Parsed {
        var entries: [Entry] = []
        var problems: [String] = []
    }

    struct LockError: Error {
        var message: String
    }

    enum Format {
        case requirements, pipfileLock, poetryLock, uvLock, pdmLock
    }

    static func format(of path: String) -> Format? {
        let base = ImagePaths.base(path)
        switch base {
        case "Pipfile.lock": return .pipfileLock
        case "poetry.lock": return .poetryLock
        case "uv.lock": return .uvLock
        case "pdm.lock": return .pdmLock
        default: return base.hasSuffix(".txt") && base.contains("requirements") ? .requirements : nil
        }
    }

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular {
            guard let format = Self.format(of: entry.path) else { continue }
            let bytes: [UInt8]
            do { bytes = try resolver.contents(of: entry.path) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: error.description))
                continue
            }
            let text = Self.decodeText(bytes)
            let parsed: Parsed
            do {
                switch format {
                case .requirements: parsed = Requirements.parse(text)
                case .pipfileLock: parsed = try PipfileLock.parse(text, includeDevelop: includeDevDependencies)
                case .poetryLock: parsed = try TOMLLocks.parse(text, kind: "poetry.lock")
                case .uvLock: parsed = try TOMLLocks.parse(text, kind: "uv.lock")
                case .pdmLock: parsed = try TOMLLocks.parse(text, kind: "pdm.lock")
                }
            } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: error.message))
                continue
            }
            for problem in parsed.problems {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: problem))
            }
            add(parsed.entries, location: Location(entry), to: &result)
        }
        return result
    }

    /// One package per normalized `name@version` and file, with `dependency-of` edges resolved by name.
    func add(_ entries: [Entry], location: Location, to result: inout CatalogResult) {
        var seen: [String: Int] = [:]
        var firstByName: [String: Int] = [:]
        var kept: [Entry] = []
        for entry in entries {
            let normalized = PythonPackageCataloger.normalize(entry.name)
            guard !normalized.isEmpty, !entry.version.isEmpty else { continue }
            let key = "\(normalized)@\(entry.version)"
            if let index = seen[key] {
                kept[index].dependencies += entry.dependencies
                continue
            }
            seen[key] = kept.count
            if firstByName[normalized] == nil { firstByName[normalized] = kept.count }
            kept.append(Entry(name: normalized, version: entry.version, dependencies: entry.dependencies))
        }
        let packages = kept.map { package($0, location: location) }
        for (index, entry) in kept.enumerated() {
            var linked = Set<Int>()
            for dependency in entry.dependencies {
                guard let target = firstByName[PythonPackageCataloger.normalize(dependency)], target != index, linked.insert(target).inserted else { continue }
                result.relationships.append(Relationship(parent: packages[target].id, child: packages[index].id, kind: .dependencyOf))
            }
        }
        result.packages += packages
    }

    func package(_ entry: Entry, location: Location) -> Package {
        Package(
            name: entry.name, version: entry.version, type: .python, foundBy: name,
            purl: PURL(type: "pypi", name: entry.name, version: entry.version).description,
            cpes: CPE.candidates(vendors: [entry.name, "python-" + entry.name], products: [entry.name, "python-" + entry.name],
                                 version: entry.version, targetSoftware: "python"),
            locations: [location], language: "python")
    }

    /// UTF-8 (with or without a byte order mark) or UTF-16 with one, as pip accepts.
    static func decodeText(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 2
            while index + 1 < bytes.count {
                units.append(littleEndian ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8 : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: bytes.dropFirst(3), as: UTF8.self) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
