import Foundation
import Model

/// Syft's JSON (`syft -o json`, schema 16): for tools that read Syft output, e.g. Grype.
/// Package metadata is written for the types Grype's matchers read (dpkg, apk, python, java, go);
/// other packages carry identity, locations, licenses, CPEs and PURL only.
public struct SyftJSONEncoder {
    public static let schemaVersion = "16.0.18"

    public init() {}

    public func encode(_ sbom: SBOM) throws -> [UInt8] {
        let artifacts: [[String: Any]] = sbom.packages.map(artifact)
        var source: [String: Any] = [
            "id": sbom.source.manifestDigest?.description ?? sbom.source.name,
            "name": sbom.source.name,
            "version": sbom.source.version ?? "",
            "type": sbom.source.kind == "image" ? "image" : "directory",
        ]
        if sbom.source.kind == "image" {
            source["metadata"] = [
                "userInput": sbom.source.name,
                "imageID": sbom.source.configDigest?.description ?? "",
                "manifestDigest": sbom.source.manifestDigest?.description ?? "",
                "layers": sbom.source.layers.map { ["mediaType": MediaType.ociLayer, "digest": $0.description] },
                "architecture": sbom.source.platform?.split(separator: "/").dropFirst().first.map(String.init) ?? "",
                "os": sbom.source.platform?.split(separator: "/").first.map(String.init) ?? "",
            ] as [String: Any]
        }
        var document: [String: Any] = [
            "artifacts": artifacts,
            "artifactRelationships": sbom.relationships.map { ["parent": $0.parent, "child": $0.child, "type": $0.kind.rawValue] },
            "source": source,
            "descriptor": ["name": sbom.descriptor.name, "version": sbom.descriptor.version],
            "schema": ["version": Self.schemaVersion,
                       "url": "https://raw.githubusercontent.com/anchore/syft/main/schema/json/schema-\(Self.schemaVersion).json"],
        ]
        if let distro = sbom.distro {
            var release: [String: Any] = ["id": distro.id]
            if let value = distro.versionID { release["versionID"] = value }
            if let value = distro.versionCodename { release["versionCodename"] = value }
            if let value = distro.prettyName { release["prettyName"] = value }
            if let value = distro.name { release["name"] = value }
            if !distro.idLike.isEmpty { release["idLike"] = distro.idLike }
            document["distro"] = release
        }
        return Array(try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) + [0x0a]
    }

    func artifact(_ package: Package) -> [String: Any] {
        var artifact: [String: Any] = [
            "id": package.id,
            "name": package.name,
            "version": package.version,
            "type": package.type.rawValue,
            "foundBy": package.foundBy,
            "locations": package.locations.map { location -> [String: Any] in
                var item: [String: Any] = ["path": location.path, "accessPath": location.path, "annotations": ["evidence": "primary"]]
                if let layer = location.layer { item["layerID"] = layer.description }
                return item
            },
            "licenses": package.licenses.map { ["value": $0, "spdxExpression": SPDXLicenses.identifier($0) ?? "", "type": "declared",
                                                "urls": [String](), "locations": [[String: Any]]()] as [String: Any] },
            "language": package.language ?? "",
            "cpes": package.cpes.map { ["cpe": $0, "source": "syft-generated"] },
            "purl": package.purl ?? "",
        ]
        if let (type, metadata) = Self.metadata(package.metadata) {
            artifact["metadataType"] = type
            artifact["metadata"] = metadata
        }
        return artifact
    }

    static func metadata(_ metadata: PackageMetadata?) -> (String, [String: Any])? {
        switch metadata {
        case .dpkg(let m):
            return ("dpkg-db-entry", ["package": m.package, "source": m.source ?? "", "version": m.version, "sourceVersion": m.sourceVersion ?? "",
                                      "architecture": m.architecture ?? "", "maintainer": m.maintainer ?? "", "installedSize": m.installedSize ?? 0,
                                      "depends": m.depends, "files": m.files.map { ["path": $0] }])
        case .apk(let m):
            return ("apk-db-entry", ["package": m.package, "originPackage": m.origin ?? "", "version": m.version, "architecture": m.architecture ?? "",
                                     "maintainer": m.maintainer ?? "", "license": m.license ?? "", "pullDependencies": m.dependencies,
                                     "files": m.files.map { ["path": $0] }])
        case .python(let m):
            return ("python-package", ["name": m.name, "version": m.version, "author": m.author ?? "", "authorEmail": m.authorEmail ?? "",
                                       "platform": "", "sitePackagesRootPath": m.sitePackagesRootPath, "files": m.files.map { ["path": $0] }])
        case .javaArchive(let m):
            var pom: [String: Any] = [:]
            if let group = m.groupID { pom["groupId"] = group }
            if let artifact = m.artifactID { pom["artifactId"] = artifact }
            return ("java-archive", ["virtualPath": m.virtualPath, "manifest": ["main": m.manifest.map { ["key": $0.key, "value": $0.value] }],
                                     "pomProperties": pom])
        case .goModule(let m):
            return ("go-module-buildinfo-entry", ["goCompiledVersion": m.goVersion, "mainModule": m.mainModule ?? "", "h1Digest": m.h1Digest ?? "",
                                                  "architecture": m.architecture ?? ""])
        default:
            return nil
        }
    }
}
