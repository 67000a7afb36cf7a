import Foundation
import Model

/// Reads an SBOM made elsewhere (or by Hawser) into the model: Hawser JSON, CycloneDX JSON,
/// SPDX 2.x JSON or Syft JSON, told apart by their marker fields.
public enum SBOMDecoder {
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case notJSON(String)
        case unknownFormat
        case malformed(format: String, reason: String)

        public var description: String {
            switch self {
            case .notJSON(let reason): "the SBOM is not JSON: \(reason)"
            case .unknownFormat: "unrecognised SBOM: expected Hawser JSON, CycloneDX JSON, SPDX JSON or Syft JSON"
            case .malformed(let format, let reason): "malformed \(format) SBOM: \(reason)"
            }
        }
    }

    public static func decode(_ bytes: [UInt8]) throws(Failure) -> SBOM {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { throw Failure.unknownFormat }
            object = parsed
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .notJSON(error.localizedDescription)
        }
        if object["bomFormat"] as? String == "CycloneDX" { return try CycloneDXDecoder.decode(object) }
        if (object["spdxVersion"] as? String)?.hasPrefix("SPDX-2") == true { return try SPDXDecoder.decode(object) }
        if object["artifacts"] != nil, object["schema"] != nil { return try SyftJSONDecoder.decode(object) }
        if object["schemaVersion"] != nil, object["packages"] != nil, object["descriptor"] != nil {
            do { return try NativeJSONEncoder.decode(bytes) } catch { throw .malformed(format: "Hawser JSON", reason: "\(error)") }
        }
        throw .unknownFormat
    }

    /// The package type a purl implies (`pkg:deb/…` → deb), for formats that carry no type of their own.
    static func type(fromPURL purl: String?) -> PackageType? {
        guard let purl, purl.hasPrefix("pkg:") else { return nil }
        let kind = purl.dropFirst(4).prefix { $0 != "/" }
        switch kind {
        case "deb": return .deb
        case "apk": return .apk
        case "rpm": return .rpm
        case "pypi": return .python
        case "npm": return .npm
        case "maven": return .javaArchive
        case "golang": return .goModule
        case "cargo": return .rustCrate
        case "gem": return .gem
        case "composer": return .phpComposer
        case "nuget": return .dotnet
        default: return nil
        }
    }

    static func package(name: String, version: String, type: PackageType?, purl: String?, cpes: [String], licenses: [String],
                        locations: [Location], supplier: String?, foundBy: String?) -> Package {
        Package(name: name, version: version, type: type ?? Self.type(fromPURL: purl) ?? .binary, foundBy: foundBy ?? "sbom-import",
                purl: purl, cpes: cpes, licenses: licenses, locations: locations, supplier: supplier)
    }
}

/// CycloneDX 1.4–1.6 JSON components, with Syft's and Hawser's `syft:*` properties when present.
enum CycloneDXDecoder {
    static func decode(_ object: [String: Any]) throws(SBOMDecoder.Failure) -> SBOM {
        let metadata = object["metadata"] as? [String: Any]
        let root = metadata?["component"] as? [String: Any]
        var packages: [Package] = []
        var distro: Distro?
        var references: [String: String] = [:]
        for component in flatten(object["components"] as? [[String: Any]] ?? []) {
            guard let name = component["name"] as? String else { continue }
            if component["type"] as? String == "operating-system" {
                distro = Distro(id: name, versionID: component["version"] as? String, prettyName: component["description"] as? String)
                continue
            }
            let properties = (component["properties"] as? [[String: Any]] ?? []).compactMap { item -> (String, String)? in
                guard let key = item["name"] as? String, let value = item["value"] as? String else { return nil }
                return (key, value)
            }
            func property(_ key: String) -> String? { properties.first { $0.0 == key }?.1 }
            var locations: [Location] = []
            var index = 0
            while let path = property("syft:location:\(index):path") {
                locations.append(Location(path: path, layer: property("syft:location:\(index):layerID").flatMap { try? Digest(parsing: $0) }))
                index += 1
            }
            let licenses = (component["licenses"] as? [[String: Any]] ?? []).compactMap { item -> String? in
                if let license = item["license"] as? [String: Any] { return (license["id"] ?? license["name"]) as? String }
                return item["expression"] as? String
            }
            let cpes = [component["cpe"] as? String].compactMap { $0 } + properties.filter { $0.0 == "syft:cpe23" }.map(\.1)
            let package = SBOMDecoder.package(
                name: name, version: component["version"] as? String ?? "", type: property("syft:package:type").flatMap(PackageType.init(rawValue:)),
                purl: component["purl"] as? String, cpes: cpes, licenses: licenses, locations: locations,
                supplier: (component["supplier"] as? [String: Any])?["name"] as? String ?? component["author"] as? String,
                foundBy: property("syft:package:foundBy"))
            if let reference = component["bom-ref"] as? String { references[reference] = package.id }
            packages.append(package)
        }
        var relationships: [Relationship] = []
        for dependency in object["dependencies"] as? [[String: Any]] ?? [] {
            guard let parent = (dependency["ref"] as? String).flatMap({ references[$0] }) else { continue }
            for child in (dependency["dependsOn"] as? [String] ?? []).compactMap({ references[$0] }) {
                relationships.append(Relationship(parent: parent, child: child, kind: .ownershipByFileOverlap))
            }
        }
        let source = SBOMSource(kind: root?["type"] as? String == "container" ? "image" : "directory",
                                name: root?["name"] as? String ?? "cyclonedx-import", version: root?["version"] as? String,
                                manifestDigest: (root?["version"] as? String).flatMap { try? Digest(parsing: $0) })
        return SBOM(source: source, distro: distro, packages: packages, relationships: relationships)
    }

    /// Components may nest (`components` inside a component).
    static func flatten(_ components: [[String: Any]]) -> [[String: Any]] {
        components.flatMap { [$0] + flatten($0["components"] as? [[String: Any]] ?? []) }
    }
}

/// SPDX 2.2/2.3 JSON packages with purl and CPE external references.
enum SPDXDecoder {
    static func decode(_ object: [String: Any]) throws(SBOMDecoder.Failure) -> SBOM {
        guard let items = object["packages"] as? [[String: Any]] else { throw .malformed(format: "SPDX", reason: "no packages array") }
        let described = Set((object["relationships"] as? [[String: Any]] ?? []).compactMap { relationship -> String? in
            relationship["relationshipType"] as? String == "DESCRIBES" ? relationship["relatedSpdxElement"] as? String : nil
        } + (object["documentDescribes"] as? [String] ?? []))
        var packages: [Package] = []
        var rootName: String?
        var rootVersion: String?
        for item in items {
            guard let name = item["name"] as? String else { continue }
            let id = item["SPDXID"] as? String ?? ""
            let references = item["externalRefs"] as? [[String: Any]] ?? []
            let purl = references.first { $0["referenceType"] as? String == "purl" }?["referenceLocator"] as? String
            let cpes = references.filter { ($0["referenceType"] as? String)?.hasPrefix("cpe") == true }.compactMap { $0["referenceLocator"] as? String }
            if described.contains(id) && purl == nil {
                rootName = name
                rootVersion = item["versionInfo"] as? String
                continue
            }
            let declared = item["licenseDeclared"] as? String
            var supplier = item["supplier"] as? String
            if supplier == "NOASSERTION" { supplier = nil }
            if let value = supplier, let colon = value.firstIndex(of: ":") {
                supplier = value[value.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            packages.append(SBOMDecoder.package(name: name, version: item["versionInfo"] as? String ?? "", type: nil, purl: purl, cpes: cpes,
                                                licenses: declared.flatMap { ["NOASSERTION", "NONE"].contains($0) ? nil : [$0] } ?? [],
                                                locations: [], supplier: supplier, foundBy: nil))
        }
        let source = SBOMSource(kind: "image", name: rootName ?? object["name"] as? String ?? "spdx-import", version: rootVersion,
                                manifestDigest: rootVersion.flatMap { try? Digest(parsing: $0) })
        return SBOM(source: source, distro: nil, packages: packages, relationships: [])
    }
}

/// Syft's own JSON (`syft -o json`): artifacts with type, purl, cpes, licenses and locations, and the distro.
enum SyftJSONDecoder {
    static func decode(_ object: [String: Any]) throws(SBOMDecoder.Failure) -> SBOM {
        guard let artifacts = object["artifacts"] as? [[String: Any]] else { throw .malformed(format: "Syft JSON", reason: "no artifacts array") }
        var packages: [Package] = []
        var byID: [String: String] = [:]
        for artifact in artifacts {
            guard let name = artifact["name"] as? String else { continue }
            let cpes = (artifact["cpes"] as? [Any] ?? []).compactMap { ($0 as? [String: Any])?["cpe"] as? String ?? $0 as? String }
            let licenses = (artifact["licenses"] as? [Any] ?? []).compactMap { ($0 as? [String: Any])?["value"] as? String ?? $0 as? String }
            let locations = (artifact["locations"] as? [[String: Any]] ?? []).compactMap { location -> Location? in
                guard let path = location["path"] as? String else { return nil }
                return Location(path: path, layer: (location["layerID"] as? String).flatMap { try? Digest(parsing: $0) })
            }
            let package = SBOMDecoder.package(name: name, version: artifact["version"] as? String ?? "",
                                              type: (artifact["type"] as? String).flatMap(PackageType.init(rawValue:)),
                                              purl: artifact["purl"] as? String, cpes: cpes, licenses: licenses, locations: locations,
                                              supplier: nil, foundBy: artifact["foundBy"] as? String)
            if let id = artifact["id"] as? String { byID[id] = package.id }
            packages.append(package)
        }
        var relationships: [Relationship] = []
        for relationship in object["artifactRelationships"] as? [[String: Any]] ?? [] {
            guard relationship["type"] as? String == Relationship.Kind.ownershipByFileOverlap.rawValue,
                  let parent = (relationship["parent"] as? String).flatMap({ byID[$0] }),
                  let child = (relationship["child"] as? String).flatMap({ byID[$0] }) else { continue }
            relationships.append(Relationship(parent: parent, child: child, kind: .ownershipByFileOverlap))
        }
        var distro: Distro?
        if let release = object["distro"] as? [String: Any], let id = release["id"] as? String {
            distro = Distro(id: id, versionID: release["versionID"] as? String, versionCodename: release["versionCodename"] as? String,
                            idLike: release["idLike"] as? [String] ?? [], prettyName: release["prettyName"] as? String, name: release["name"] as? String)
        }
        let target = (object["source"] as? [String: Any])
        let metadata = target?["metadata"] as? [String: Any]
        let source = SBOMSource(kind: target?["type"] as? String == "image" ? "image" : "directory",
                                name: target?["name"] as? String ?? metadata?["userInput"] as? String ?? "syft-import",
                                version: target?["version"] as? String,
                                manifestDigest: (metadata?["manifestDigest"] as? String).flatMap { try? Digest(parsing: $0) })
        return SBOM(source: source, distro: distro, packages: packages, relationships: relationships)
    }
}
