import Foundation
import Model

/// CycloneDX 1.6 JSON (https://cyclonedx.org/docs/1.6/json/): one component a package, the
/// image as the metadata component, the distro as an operating-system component, Syft-style
/// properties for type and locations, and a dependency graph rooted at the image. With matches
/// (`hawser scan -o cyclonedx-json`) the BOM also carries a `vulnerabilities` array.
public struct CycloneDXEncoder {
    public var timestamp: String
    /// A UUID for `serialNumber`.
    public var serial: String

    public init(timestamp: String, serial: String) {
        self.timestamp = timestamp
        self.serial = serial
    }

    /// The BOM; `vulnerabilities` adds one entry per match (see `CycloneDXEncoder+Vulnerabilities`).
    public func encode(_ sbom: SBOM, vulnerabilities matches: [Match] = []) throws -> [UInt8] {
        let rootReference = "hawser-source-" + String(Digest.sha256(of: Array(sbom.source.name.utf8)).encoded.prefix(16))
        var root: [String: Any] = [
            "bom-ref": rootReference,
            "type": sbom.source.kind == "image" ? "container" : "file",
            "name": sbom.source.name,
        ]
        if let version = sbom.source.version ?? sbom.source.manifestDigest?.description { root["version"] = version }
        var components: [[String: Any]] = sbom.packages.map(component)
        if let distro = sbom.distro {
            var os: [String: Any] = ["bom-ref": "os-\(distro.id)", "type": "operating-system", "name": distro.id]
            if let version = distro.versionID { os["version"] = version }
            if let pretty = distro.prettyName { os["description"] = pretty }
            components.append(os)
        }
        let childrenByParent = Dictionary(grouping: sbom.relationships.filter { $0.kind == .ownershipByFileOverlap }, by: \.parent)
        var dependencies: [[String: Any]] = [["ref": rootReference, "dependsOn": sbom.packages.map(\.id)]]
        for package in sbom.packages {
            dependencies.append(["ref": package.id, "dependsOn": (childrenByParent[package.id] ?? []).map(\.child)])
        }
        var document: [String: Any] = [
            "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
            "bomFormat": "CycloneDX",
            "specVersion": "1.6",
            "serialNumber": "urn:uuid:\(serial)",
            "version": 1,
            "metadata": [
                "timestamp": timestamp,
                "tools": ["components": [["type": "application", "author": "Hawser", "name": sbom.descriptor.name, "version": sbom.descriptor.version]]],
                "authors": [["name": "Hawser"]],
                "component": root,
            ] as [String: Any],
            "components": components,
            "dependencies": dependencies,
        ]
        if !matches.isEmpty {
            document["vulnerabilities"] = matches.enumerated().map { index, match in vulnerability(match, index: index) }
        }
        return Array(try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) + [0x0a]
    }

    func component(_ package: Package) -> [String: Any] {
        var component: [String: Any] = [
            "bom-ref": package.id,
            "type": "library",
            "name": package.name,
            "version": package.version,
        ]
        if let supplier = package.supplier { component["supplier"] = ["name": supplier] }
        if let purl = package.purl { component["purl"] = purl }
        if let cpe = package.cpes.first { component["cpe"] = cpe }
        if !package.licenses.isEmpty {
            component["licenses"] = package.licenses.map { name in
                ["license": SPDXLicenses.identifier(name).map { ["id": $0] } ?? ["name": name]]
            }
        }
        var properties: [[String: String]] = [
            ["name": "syft:package:foundBy", "value": package.foundBy],
            ["name": "syft:package:type", "value": package.type.rawValue],
        ]
        if let language = package.language { properties.append(["name": "syft:package:language", "value": language]) }
        for (index, cpe) in package.cpes.dropFirst().enumerated() {
            properties.append(["name": "syft:cpe23", "value": cpe])
            _ = index
        }
        for (index, location) in package.locations.enumerated() {
            properties.append(["name": "syft:location:\(index):path", "value": location.path])
            if let layer = location.layer { properties.append(["name": "syft:location:\(index):layerID", "value": layer.description]) }
        }
        component["properties"] = properties
        return component
    }
}
