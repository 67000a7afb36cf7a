import Cataloging
import Foundation
import Model
import ZIPFoundation

/// Java archives (jar, war, ear, par, jpi, hpi): `META-INF/MANIFEST.MF`
/// (https://docs.oracle.com/javase/8/docs/technotes/guides/jar/jar.html#JAR_Manifest) and
/// `META-INF/maven/**/pom.properties`, recursing into nested archives (shaded and fat jars).
public struct JavaArchiveCataloger: Cataloger {
    public let name = "java-archive-cataloger"
    static let extensions = [".jar", ".war", ".ear", ".par", ".jpi", ".hpi"]
    static let maxNesting = 3
    static let maxArchiveBytes = 512 << 20

    public init() {}

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && Self.isArchive(entry.path) {
            guard entry.size <= Int64(Self.maxArchiveBytes), let bytes = try? resolver.contents(of: entry.path) else { continue }
            catalogArchive(Data(bytes), virtualPath: entry.path, location: Location(entry), depth: 0, into: &result)
        }
        return result
    }

    static func isArchive(_ path: String) -> Bool {
        let lower = path.lowercased()
        return extensions.contains { lower.hasSuffix($0) }
    }

    func catalogArchive(_ data: Data, virtualPath: String, location: Location, depth: Int, into result: inout CatalogResult) {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: virtualPath, message: "not a readable zip archive: \(error)"))
            return
        }
        var manifest: [String: String] = [:]
        var poms: [[String: String]] = []
        var pomXMLCoordinates: [(group: String, artifact: String)] = []
        var nested: [(String, Entry)] = []
        for entry in archive where entry.type == .file {
            let path = entry.path
            if path == "META-INF/MANIFEST.MF", let text = Self.read(entry, from: archive) {
                manifest = Self.parseManifest(text)
            } else if path.hasPrefix("META-INF/maven/") && path.hasSuffix("/pom.properties"), let text = Self.read(entry, from: archive) {
                poms.append(Self.parseProperties(text))
            } else if path.hasPrefix("META-INF/maven/") && path.hasSuffix("/pom.xml") {
                // META-INF/maven/GROUP/ARTIFACT/pom.xml names the coordinates even without pom.properties.
                let parts = path.split(separator: "/")
                if parts.count == 5 { pomXMLCoordinates.append((String(parts[2]), String(parts[3]))) }
            } else if depth < Self.maxNesting && Self.isArchive(path) {
                nested.append((path, entry))
            }
        }
        // Instrumentation jars (New Relic's weave modules) describe what they patch, not themselves.
        if manifest["Weave-Classes"] != nil { return }
        if poms.isEmpty, let coordinates = pomXMLCoordinates.first, pomXMLCoordinates.count == 1 {
            var derived = ["groupId": coordinates.group, "artifactId": coordinates.artifact]
            if let version = manifest["Implementation-Version"] ?? manifest["Bundle-Version"] { derived["version"] = version }
            poms.append(derived)
        }
        // Jenkins plugins (.hpi/.jpi) name themselves in the manifest.
        if poms.isEmpty, let shortName = manifest["Short-Name"], let pluginVersion = manifest["Plugin-Version"] {
            poms.append(["groupId": manifest["Group-Id"] ?? "", "artifactId": shortName, "version": pluginVersion].filter { !$0.value.isEmpty })
        }
        let fileName = ImagePaths.base(virtualPath.split(separator: ":").last.map(String.init) ?? virtualPath)
        let fromName = Self.nameAndVersion(fromFileName: fileName)
        // The pom.properties whose artifact matches the file name describes the archive itself;
        // the others are shaded-in dependencies.
        // The pom whose artifact is the file's name describes the archive; failing that, the first
        // one does (as Syft decides), and the others are shaded-in dependencies.
        let ownPom = poms.first { $0["artifactId"] == fromName.name } ?? poms.first
        let artifact = ownPom?["artifactId"] ?? manifest["Implementation-Title"].flatMap { $0.contains(" ") ? nil : $0 }
            ?? manifest["Bundle-SymbolicName"]?.split(separator: ";").first.map(String.init) ?? fromName.name
        let version = ownPom?["version"] ?? manifest["Implementation-Version"] ?? manifest["Bundle-Version"] ?? manifest["Specification-Version"] ?? fromName.version
        if let version, !artifact.isEmpty {
            result.packages.append(makePackage(artifact: artifact, group: ownPom?["groupId"], version: version, manifest: manifest,
                                               virtualPath: virtualPath, location: location))
        } else {
            result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: virtualPath, message: "no name and version in manifest, pom.properties or file name"))
        }
        for pom in poms where pom != ownPom {
            guard let artifactID = pom["artifactId"], let pomVersion = pom["version"] else { continue }
            result.packages.append(makePackage(artifact: artifactID, group: pom["groupId"], version: pomVersion, manifest: [:],
                                               virtualPath: "\(virtualPath):\(pom["groupId"] ?? "")/\(artifactID)", location: location))
        }
        for (path, entry) in nested {
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    if data.count > Self.maxArchiveBytes { throw CocoaError(.fileReadTooLarge) }
                }
            } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: "\(virtualPath):\(path)", message: "unreadable nested archive: \(error)"))
                continue
            }
            catalogArchive(data, virtualPath: "\(virtualPath):\(path)", location: location, depth: depth + 1, into: &result)
        }
    }

    func makePackage(artifact: String, group: String?, version: String, manifest: [String: String], virtualPath: String, location: Location) -> Package {
        let vendor = manifest["Implementation-Vendor"] ?? manifest["Bundle-Vendor"] ?? manifest["Specification-Vendor"]
        let groupVendor = group?.split(separator: ".").dropFirst().first.map(String.init)
        return Package(
            name: artifact, version: version, type: .javaArchive, foundBy: name,
            purl: PURL(type: "maven", namespace: group ?? artifact, name: artifact, version: version).description,
            cpes: CPE.candidates(vendors: [groupVendor, artifact, vendor?.lowercased().split(separator: " ").first.map(String.init)].compactMap { $0 },
                                 products: [artifact], version: version),
            licenses: manifest["Bundle-License"].map { [$0] } ?? [], locations: [location], language: "java", supplier: vendor,
            metadata: .javaArchive(JavaArchiveMetadata(virtualPath: virtualPath, manifest: manifest, groupID: group, artifactID: artifact)))
    }

    static func read(_ entry: Entry, from archive: Archive) -> String? {
        guard entry.uncompressedSize < 4 << 20 else { return nil }
        var data = Data()
        guard (try? archive.extract(entry) { data.append($0) }) != nil else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Main-section attributes; a line starting with one space continues the previous value.
    static func parseManifest(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        var lastKey: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { if !fields.isEmpty { break } else { continue } }  // the main section ends at the first blank line
            if line.first == " ", let lastKey { fields[lastKey, default: ""] += line.dropFirst(); continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: " ")
            lastKey = key
        }
        return fields
    }

    static func parseProperties(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[line[..<equals].trimmingCharacters(in: " ")] = line[line.index(after: equals)...].trimmingCharacters(in: " ")
        }
        return fields
    }

    /// `log4j-core-2.14.1.jar` → (`log4j-core`, `2.14.1`).
    static func nameAndVersion(fromFileName fileName: String) -> (name: String, version: String?) {
        var stem = fileName
        if let dot = stem.lastIndex(of: ".") { stem = String(stem[..<dot]) }
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        if let index = parts.firstIndex(where: { $0.first?.isNumber == true }), index > 0 {
            return (parts[..<index].joined(separator: "-"), parts[index...].joined(separator: "-"))
        }
        return (stem, nil)
    }
}
