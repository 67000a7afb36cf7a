import Cataloging
import Model

/// Debian packages from the dpkg database: `var/lib/dpkg/status` and distroless `status.d/*`,
/// with owned files from `info/*.list` and licenses from `/usr/share/doc/*/copyright`.
/// Format: deb-control(5) and deb-status(5).
public struct DpkgCataloger: Cataloger {
    public let name = "dpkg-db-cataloger"

    public init() {}

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        let databases = resolver.entries.filter { entry in
            (entry.type == .regular || entry.type == .symlink)
                && (entry.path.hasSuffix("/var/lib/dpkg/status") || entry.path.contains("/var/lib/dpkg/status.d/"))
                && ![".md5sums", ".list", ".conffiles"].contains { entry.path.hasSuffix($0) }
        }
        for database in databases {
            guard let text = resolver.text(of: database, cataloger: name, diagnostics: &result.diagnostics) else { continue }
            let paragraphs = DebianControl.paragraphs(text)
            if paragraphs.isEmpty && !text.allSatisfy(\.isWhitespace) {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: database.path, message: "no package paragraphs could be read"))
            }
            let infoDirectory = database.path.hasSuffix("/status")
                ? String(database.path.dropLast("status".count)) + "info"
                : String(database.path[..<database.path.range(of: "/status.d/")!.lowerBound]) + "/status.d"
            for fields in paragraphs {
                guard let package = fields["Package"], let version = fields["Version"] else {
                    result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: database.path,
                                                                message: "paragraph without Package or Version skipped"))
                    continue
                }
                if let status = fields["Status"], !status.hasSuffix(" installed") { continue }
                result.packages.append(makePackage(package: package, version: version, fields: fields, database: database,
                                                   infoDirectory: infoDirectory, resolver: resolver, context: context))
            }
        }
        result.relationships = Self.dependencies(result.packages)
        return result
    }

    /// `dependency-of` edges (the dependency is the parent, as Syft writes them) for every
    /// Depends/Pre-Depends that names an installed package, directly or through `Provides`.
    static func dependencies(_ packages: [Package]) -> [Relationship] {
        var byName: [String: String] = [:]
        for package in packages { byName[package.name] = package.id }
        var edges = Set<Relationship>()
        for package in packages {
            guard case .dpkg(let metadata) = package.metadata else { continue }
            for dependency in metadata.depends {
                if let parent = byName[dependency], parent != package.id {
                    edges.insert(Relationship(parent: parent, child: package.id, kind: .dependencyOf))
                }
            }
        }
        return edges.sorted { ($0.parent, $0.child) < ($1.parent, $1.child) }
    }

    func makePackage(package: String, version: String, fields: [String: String], database: FileEntry, infoDirectory: String,
                     resolver: any FileResolver, context: CatalogContext) -> Package {
        let architecture = fields["Architecture"]
        // `Source: gcc-12 (12.2.0-14)`: the source name and, when it differs, its version.
        var source: String?
        var sourceVersion: String?
        if let value = fields["Source"] {
            let parts = value.split(separator: " ", maxSplits: 1)
            source = parts.first.map(String.init)
            if parts.count > 1 { sourceVersion = parts[1].trimmingCharacters(in: "() ") }
        }
        var locations = [Location(database)]
        var files: [String] = []
        // Owned files: info/PKG.list (full dpkg), else PKG.md5sums and PKG.conffiles (what distroless images keep).
        let names = [package] + (architecture.map { ["\(package):\($0)"] } ?? [])
        for name in names {
            let listPath = "\(infoDirectory)/\(name).list"
            if let entry = resolver.entry(at: listPath), let bytes = try? resolver.contents(of: listPath) {
                files = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { $0 != "/." }
                locations.append(Location(entry))
                break
            }
        }
        if files.isEmpty {
            for name in names {
                let md5Path = "\(infoDirectory)/\(name).md5sums"
                guard let entry = resolver.entry(at: md5Path), let bytes = try? resolver.contents(of: md5Path) else { continue }
                files = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
                    // "<md5>  usr/lib/…": the path is relative to the root.
                    let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
                    guard parts.count == 2 else { return nil }
                    return "/" + parts[1].trimmingCharacters(in: " ")
                }
                let conffiles = "\(infoDirectory)/\(name).conffiles"
                if let bytes = try? resolver.contents(of: conffiles) {
                    for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
                        let path = line.split(separator: " ").first.map(String.init) ?? ""
                        if path.hasPrefix("/") && !files.contains(path) { files.append(path) }
                    }
                }
                locations.append(Location(entry))
                break
            }
        }
        let copyrightPath = "/usr/share/doc/\(package)/copyright"
        var licenses: [String] = []
        if let entry = resolver.entry(at: copyrightPath), let bytes = try? resolver.contents(of: copyrightPath) {
            licenses = DebianCopyright.licenses(String(decoding: bytes, as: UTF8.self))
            locations.append(Location(entry))
        }
        let distro = context.distro
        var qualifiers = ["arch": architecture ?? ""]
        if let distro { qualifiers["distro"] = "\(distro.id)-\(distro.versionID ?? "")" }
        if let source, source != package {
            qualifiers["upstream"] = sourceVersion.map { "\(source)@\($0)" } ?? source
        }
        let purl = PURL(type: "deb", namespace: distro?.id ?? "debian", name: package, version: version, qualifiers: qualifiers)
        let metadata = DpkgMetadata(package: package, source: source, version: version, sourceVersion: sourceVersion, architecture: architecture,
                                    maintainer: fields["Maintainer"], installedSize: fields["Installed-Size"].flatMap { Int($0) },
                                    depends: DebianControl.relations(fields["Depends"]) + DebianControl.relations(fields["Pre-Depends"]),
                                    files: files)
        return Package(name: package, version: version, type: .deb, foundBy: name, purl: purl.description,
                       cpes: CPE.candidates(vendors: [package], products: [package], version: version),
                       licenses: licenses, locations: locations, supplier: fields["Maintainer"], metadata: .dpkg(metadata))
    }
}

/// RFC 822-style control paragraphs (deb-control(5)): `Field: value`, continuation lines start with space.
enum DebianControl {
    static func paragraphs(_ text: String) -> [[String: String]] {
        var paragraphs: [[String: String]] = []
        var current: [String: String] = [:]
        var lastKey: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.isEmpty { paragraphs.append(current) }
                current = [:]
                lastKey = nil
                continue
            }
            if line.first == " " || line.first == "\t" {
                if let lastKey { current[lastKey, default: ""] += "\n" + line.dropFirst() }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            current[key] = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            lastKey = key
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    /// `libc6 (>= 2.34), libgcc-s1 | libgcc1` → package names.
    static func relations(_ value: String?) -> [String] {
        guard let value else { return [] }
        return value.split(separator: ",").flatMap { $0.split(separator: "|") }.compactMap { alternative in
            alternative.split(separator: " ").first.map { String($0.split(separator: ":").first ?? $0) }
        }
    }
}

/// License names from a Debian copyright file: in machine-readable (DEP-5) files the `License:`
/// fields, and in any file the `/usr/share/common-licenses/NAME` it refers to.
enum DebianCopyright {
    static func licenses(_ text: String) -> [String] {
        var found: [String] = []
        func add(_ name: String) {
            let cleaned = name.trimmingCharacters(in: " ,.;")
            guard !cleaned.isEmpty, !cleaned.contains(" "), cleaned.lowercased() != "none", !found.contains(cleaned) else { return }
            found.append(cleaned)
        }
        let lines = text.split(whereSeparator: \.isNewline)
        // DEP-5 files start with `Format:`; older ones still use its `Files:` paragraphs. Free text
        // that merely mentions "License:" is neither.
        let isMachineReadable = lines.contains { $0.hasPrefix("Format:") || $0.hasPrefix("Files:") }
        if isMachineReadable {
            for line in lines where line.hasPrefix("License:") {
                let value = line.dropFirst("License:".count).trimmingCharacters(in: " \t")
                for name in value.components(separatedBy: [" or ", " and ", " | ", ", "]) { add(name) }
            }
        }
        let marker = "/usr/share/common-licenses/"
        var rest = Substring(text)
        while let range = rest.range(of: marker) {
            let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "+" }
            add(String(name))
            rest = rest[range.upperBound...]
        }
        return found
    }
}

extension String {
    func components(separatedBy separators: [String]) -> [String] {
        var parts = [self]
        for separator in separators {
            parts = parts.flatMap { $0.split(separator: separator, omittingEmptySubsequences: false).map(String.init) }
        }
        return parts
    }
}
