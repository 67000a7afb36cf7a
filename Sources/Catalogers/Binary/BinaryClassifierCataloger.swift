import Cataloging
import Foundation
import Model

/// Runtimes and tools installed as plain binaries — Python, Node.js, Java, the Go toolchain,
/// BusyBox, OpenSSL, nginx, Redis, PostgreSQL and a few more — recognized by the version strings
/// their builds embed, as Syft's `binary-classifier-cataloger` does.
///
/// Each classifier selects files by glob and searches their bytes for a signature; a hit becomes a
/// `binary` package with Syft's `pkg:generic` PURL and NVD CPEs. Hits of the same name and version
/// are one package with several locations (a `python3.11` and its `libpython3.11.so.1.0`, a JDK's
/// `java` and `jdb`). Files an OS package owns are reported too; ownership relationships sort them out.
public struct BinaryClassifierCataloger: Cataloger {
    public let name = "binary-classifier-cataloger"
    let classifiers: [BinaryClassifier]
    let maxFileBytes: Int64

    public init() {
        self.init(classifiers: BinaryClassifier.defaults)
    }

    init(classifiers: [BinaryClassifier], maxFileBytes: Int64 = 512 << 20) {
        self.classifiers = classifiers
        self.maxFileBytes = maxFileBytes
    }

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var run = Run(resolver: resolver, cataloger: name, maxFileBytes: maxFileBytes)
        for classifier in classifiers {
            guard !Task.isCancelled else { break }
            run.apply(classifier)
        }
        return CatalogResult(packages: run.packages, diagnostics: run.diagnostics)
    }
}

extension BinaryClassifierCataloger {
    /// One catalog pass: the packages found so far, compiled expressions, diagnostics.
    struct Run {
        let resolver: any FileResolver
        let cataloger: String
        let maxFileBytes: Int64
        var packages: [Package] = []
        var diagnostics: [CatalogDiagnostic] = []
        var expressions: [String: NSRegularExpression] = [:]

        /// Files and symlinks by base name, computed once: matching every glob against every path costs
        /// seconds on an image of 100k files, a base-name prefix check does not.
        let files: [(name: Substring, entry: FileEntry)]

        init(resolver: any FileResolver, cataloger: String, maxFileBytes: Int64) {
            self.resolver = resolver
            self.cataloger = cataloger
            self.maxFileBytes = maxFileBytes
            files = resolver.entries.compactMap { entry in
                guard entry.type == .regular || entry.type == .hardLink || entry.type == .symlink else { return nil }
                let name = entry.path.lastIndex(of: "/").map { entry.path[entry.path.index(after: $0)...] } ?? entry.path[...]
                return (name, entry)
            }
        }

        /// Files a glob selects: those whose base name starts with the glob's literal base-name prefix,
        /// then the glob itself.
        func files(matching glob: String) -> [FileEntry] {
            let lastComponent = glob.split(separator: "/").last ?? ""
            let prefix = lastComponent.prefix { !"*?[".contains($0) }
            let pattern = Glob(glob)
            return files.filter { $0.name.hasPrefix(prefix) && pattern.matches($0.entry.path) }.map(\.entry)
        }

        /// A hit: the package it means, the named groups of the match, and the files that showed it.
        struct Hit {
            var identity: BinaryClassifier.Identity
            var groups: [String: String]
            var locations: [Location]
        }

        /// Classifies the files the globs select. A symlink the glob selects stands for its target, as
        /// in Syft, where the location is the real path (Debian's `redis-server` → `redis-check-rdb`).
        mutating func apply(_ classifier: BinaryClassifier) {
            var byPath: [String: FileEntry] = [:]
            for glob in classifier.globs {
                for entry in files(matching: glob) {
                    let real: FileEntry? = entry.type == .symlink ? try? resolver.resolve(entry.path) : entry
                    guard let real, real.type == .regular || real.type == .hardLink else { continue }
                    byPath[real.path] = real
                }
            }
            for path in byPath.keys.sorted() {
                guard let entry = byPath[path] else { continue }
                guard !Task.isCancelled else { return }
                let baseName = String(entry.path.split(separator: "/").last ?? "")
                var fileVersion: String?
                if let fileName = classifier.fileName {
                    guard let groups = wholeMatch(fileName, baseName, classifier: classifier) else { continue }
                    fileVersion = groups["version"]
                }
                if !classifier.yieldsTo.isEmpty {
                    let directory = entry.path.split(separator: "/").dropLast().joined(separator: "/")
                    let siblings = Set(classifier.yieldsTo.map { "/" + (directory.isEmpty ? $0 : directory + "/" + $0) })
                    if packages.contains(where: { $0.locations.contains { siblings.contains($0.path) } }) { continue }
                }
                guard let bytes = read(entry) else { continue }
                if let hit = evaluate(classifier.evidence, in: bytes, of: entry, fileVersion: fileVersion, classifier: classifier) {
                    record(hit)
                }
            }
        }

        /// The first evidence that yields a version.
        mutating func evaluate(_ evidence: [BinaryClassifier.Evidence], in bytes: [UInt8], of entry: FileEntry, fileVersion: String?,
                               classifier: BinaryClassifier) -> Hit? {
            for item in evidence {
                switch item {
                case .contents(let pattern, let identity, let unless):
                    if unless.contains(where: { !BinaryPattern.occurrences(of: Array($0.utf8), in: bytes).isEmpty }) { continue }
                    var pattern = pattern
                    if pattern.isTemplate {
                        guard let fileVersion else { continue }
                        pattern = pattern.filled(with: fileVersion)
                    }
                    guard let expression = compiled(pattern.expression, classifier: classifier),
                          let groups = pattern.firstMatch(in: bytes, using: expression) else { continue }
                    return Hit(identity: identity ?? classifier.package, groups: groups, locations: [Location(entry)])
                case .sharedLibrary(let libraryName, let libraryEvidence):
                    for needed in ELFNeededLibraries.read(bytes) {
                        guard let nameGroups = wholeMatch(libraryName, needed, classifier: classifier) else { continue }
                        for library in libraries(named: needed) {
                            guard let libraryBytes = read(library),
                                  let hit = evaluate(libraryEvidence, in: libraryBytes, of: library, fileVersion: nameGroups["version"],
                                                     classifier: classifier) else { continue }
                            return Hit(identity: hit.identity, groups: hit.groups, locations: [Location(entry)] + hit.locations)
                        }
                    }
                }
            }
            return nil
        }

        /// Regular files with this exact name anywhere in the image, symlinks followed to their targets.
        func libraries(named name: String) -> [FileEntry] {
            var seen = Set<String>()
            return resolver.entries
                .filter { $0.type != .directory && $0.path.hasSuffix("/" + name) }
                .compactMap { entry in entry.type == .regular ? entry : try? resolver.resolve(entry.path) }
                .filter { ($0.type == .regular || $0.type == .hardLink) && seen.insert($0.path).inserted }
        }

        /// Adds a hit, or its locations to the package of the same name and version found before.
        mutating func record(_ hit: Hit) {
            guard let version = hit.groups["version"] else { return }
            if let index = packages.firstIndex(where: { $0.name == hit.identity.name && $0.version == version }) {
                for location in hit.locations where !packages[index].locations.contains(location) {
                    packages[index].locations.append(location)
                }
                return
            }
            packages.append(Package(name: hit.identity.name, version: version, type: .binary, foundBy: cataloger,
                                    purl: hit.identity.purl(version: version), cpes: hit.identity.cpes(version: version, groups: hit.groups),
                                    locations: hit.locations))
        }

        mutating func read(_ entry: FileEntry) -> [UInt8]? {
            if entry.type == .regular && entry.size == 0 { return nil }
            if entry.size > maxFileBytes {
                diagnostics.append(CatalogDiagnostic(cataloger: cataloger, path: entry.path,
                                                     message: "not searched: \(entry.size) bytes is more than the \(maxFileBytes)-byte limit"))
                return nil
            }
            do {
                return try resolver.contents(of: entry.path)
            } catch {
                diagnostics.append(CatalogDiagnostic(cataloger: cataloger, path: entry.path, message: error.description))
                return nil
            }
        }

        /// The named groups when `expression` matches all of `text`.
        mutating func wholeMatch(_ expression: String, _ text: String, classifier: BinaryClassifier) -> [String: String]? {
            guard let compiled = compiled("^(?:" + expression + ")$", classifier: classifier),
                  let match = compiled.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
            var groups: [String: String] = [:]
            for name in BinaryPattern.groupNames(in: expression) {
                if let range = Range(match.range(withName: name), in: text) { groups[name] = String(text[range]) }
            }
            return groups
        }

        /// Compiles once per pass; a bad expression is a diagnostic naming its classifier.
        mutating func compiled(_ expression: String, classifier: BinaryClassifier) -> NSRegularExpression? {
            if let cached = expressions[expression] { return cached }
            do {
                let compiled = try NSRegularExpression(pattern: expression)
                expressions[expression] = compiled
                return compiled
            } catch {
                let diagnostic = CatalogDiagnostic(cataloger: cataloger, path: classifier.name, message: "invalid pattern \(expression): \(error)")
                if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
                return nil
            }
        }
    }
}
