import Cataloging
import Model

/// npm packages pinned by lock files: `package-lock.json` (v1–v3), `yarn.lock` (classic v1 and berry)
/// and `pnpm-lock.yaml` (v5–v9), as Syft's `javascript-lock-cataloger` reads them.
///
/// Like Syft, the project a lock file belongs to is listed when the lock names it (the root entry of a
/// v2/v3 `package-lock.json`), and development-only dependencies are left out unless asked for:
/// `dev: true` entries in `package-lock.json` and pnpm v5–v8, and for yarn and pnpm v9 whatever is
/// reachable only from the `devDependencies` of the project (yarn: the `package.json` beside the lock;
/// pnpm v9: the importers).
public struct JavaScriptLockCataloger: Cataloger {
    public let name = "javascript-lock-cataloger"
    /// Syft's `javascript.include-dev-dependencies` (off by default).
    public let includeDevDependencies: Bool

    public init(includeDevDependencies: Bool = false) {
        self.includeDevDependencies = includeDevDependencies
    }

    /// One pinned package as a lock file states it.
    struct Entry: Hashable {
        var name: String
        var version: String
        var licenses: [String] = []
        var isDev = false
        /// `name@version` of the entries this one depends on, where the lock says exactly which.
        var dependencies: [String] = []

        var key: String { "\(name)@\(version)" }
    }

    /// What a lock parser hands back: entries plus problems that did not stop it.
    struct Parsed {
        var entries: [Entry] = []
        var problems: [String] = []
    }

    /// A lock file that could not be read at all.
    struct LockError: Error {
        var message: String
    }

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular {
            let parse: (String, any FileResolver, FileEntry) throws(LockError) -> Parsed
            switch ImagePaths.base(entry.path) {
            case "package-lock.json":
                // npm writes `node_modules/.package-lock.json`; a package's own lock describes its
                // development, not what was installed (Syft skips these too).
                if entry.path.contains("/node_modules/") { continue }
                parse = { text, resolver, entry throws(LockError) in try PackageLock.parse(text, resolver: resolver, lockPath: entry.path) }
            case "yarn.lock":
                parse = { text, resolver, entry throws(LockError) in try YarnLock.parse(text, manifest: Self.siblingManifest(of: entry.path, in: resolver)) }
            case "pnpm-lock.yaml":
                parse = { text, _, _ throws(LockError) in try PNPMLock.parse(text) }
            default:
                continue
            }
            guard let text = resolver.text(of: entry, cataloger: name, diagnostics: &result.diagnostics) else { continue }
            let parsed: Parsed
            do { parsed = try parse(text, resolver, entry) } catch {
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

    /// Deduplicates by `name@version` (one lock lists a package once per place it is installed),
    /// drops dev-only entries unless asked, and links `dependency-of` edges.
    func add(_ entries: [Entry], location: Location, to result: inout CatalogResult) {
        var seen: [String: Int] = [:]
        var kept: [Entry] = []
        for entry in entries where includeDevDependencies || !entry.isDev {
            guard !entry.name.isEmpty, !entry.version.isEmpty else { continue }
            if let index = seen[entry.key] {
                kept[index].dependencies += entry.dependencies
                kept[index].licenses += entry.licenses.filter { !kept[index].licenses.contains($0) }
                continue
            }
            seen[entry.key] = kept.count
            kept.append(entry)
        }
        let packages = kept.map { package($0, location: location) }
        for (index, entry) in kept.enumerated() {
            var linked = Set<Int>()
            for dependency in entry.dependencies {
                guard let target = seen[dependency], target != index, linked.insert(target).inserted else { continue }
                result.relationships.append(Relationship(parent: packages[target].id, child: packages[index].id, kind: .dependencyOf))
            }
        }
        result.packages += packages
    }

    func package(_ entry: Entry, location: Location) -> Package {
        let (namespace, bareName) = Self.split(entry.name)
        return Package(
            name: entry.name, version: entry.version, type: .npm, foundBy: name,
            purl: PURL(type: "npm", namespace: namespace, name: bareName, version: entry.version).description,
            cpes: CPE.candidates(vendors: [bareName], products: [bareName], version: entry.version, targetSoftware: "node.js"),
            licenses: entry.licenses, locations: [location], language: "javascript")
    }

    /// `@scope/name` → (`@scope`, `name`).
    static func split(_ packageName: String) -> (namespace: String?, name: String) {
        guard packageName.hasPrefix("@"), let slash = packageName.firstIndex(of: "/") else { return (nil, packageName) }
        return (String(packageName[..<slash]), String(packageName[packageName.index(after: slash)...]))
    }

    /// The `package.json` in the lock file's directory, if readable (yarn needs it to tell dev from prod).
    static func siblingManifest(of lockPath: String, in resolver: any FileResolver) -> ProjectManifest? {
        let path = ImagePaths.join(ImagePaths.parent(lockPath), "package.json")
        guard let bytes = try? resolver.contents(of: path) else { return nil }
        return ProjectManifest.decode(bytes)
    }
}
