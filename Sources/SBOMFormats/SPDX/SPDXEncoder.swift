import Foundation
import Model

/// SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/): the source as the described package,
/// one package per SBOM package with purl and CPE external references, suppliers from the
/// package metadata or NOASSERTION, and CONTAINS / OTHER relationships.
public struct SPDXEncoder {
    public var timestamp: String
    /// Makes the document namespace unique.
    public var namespaceID: String

    public init(timestamp: String, namespaceID: String) {
        self.timestamp = timestamp
        self.namespaceID = namespaceID
    }

    public func encode(_ sbom: SBOM) throws -> [UInt8] {
        let rootID = "SPDXRef-DocumentRoot-\(sbom.source.kind == "image" ? "Image" : "Directory")-\(Self.identifier(sbom.source.name))"
        var root: [String: Any] = [
            "SPDXID": rootID,
            "name": sbom.source.name,
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "licenseConcluded": "NOASSERTION",
            "licenseDeclared": "NOASSERTION",
            "copyrightText": "NOASSERTION",
            "supplier": "NOASSERTION",
            "primaryPackagePurpose": sbom.source.kind == "image" ? "CONTAINER" : "FILE",
        ]
        if let digest = sbom.source.manifestDigest { root["versionInfo"] = digest.description }
        var packages: [[String: Any]] = [root]
        var relationships: [[String: Any]] = [["spdxElementId": "SPDXRef-DOCUMENT", "relatedSpdxElement": rootID, "relationshipType": "DESCRIBES"]]
        var ids: [String: String] = [:]
        for package in sbom.packages {
            let id = "SPDXRef-Package-\(package.type.rawValue)-\(Self.identifier(package.name))-\(package.id)"
            ids[package.id] = id
            packages.append(spdxPackage(package, id: id))
            relationships.append(["spdxElementId": rootID, "relatedSpdxElement": id, "relationshipType": "CONTAINS"])
        }
        for relationship in sbom.relationships {
            guard let parent = ids[relationship.parent], let child = ids[relationship.child] else { continue }
            relationships.append(["spdxElementId": parent, "relatedSpdxElement": child, "relationshipType": "OTHER",
                                  "comment": relationship.kind.rawValue])
        }
        let document: [String: Any] = [
            "spdxVersion": "SPDX-2.3",
            "dataLicense": "CC0-1.0",
            "SPDXID": "SPDXRef-DOCUMENT",
            "name": sbom.source.name,
            "documentNamespace": "https://hawser.invalid/spdx/\(Self.identifier(sbom.source.name))-\(namespaceID)",
            "creationInfo": ["created": timestamp, "creators": ["Organization: Hawser", "Tool: \(sbom.descriptor.name)-\(sbom.descriptor.version)"],
                             "licenseListVersion": "3.25"] as [String: Any],
            "packages": packages,
            "relationships": relationships,
        ]
        return Array(try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) + [0x0a]
    }

    func spdxPackage(_ package: Package, id: String) -> [String: Any] {
        var references: [[String: String]] = []
        if let purl = package.purl {
            references.append(["referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": purl])
        }
        for cpe in package.cpes {
            references.append(["referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": cpe])
        }
        let declared = package.licenses.compactMap(SPDXLicenses.identifier)
        var entry: [String: Any] = [
            "SPDXID": id,
            "name": package.name,
            "versionInfo": package.version,
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "licenseConcluded": "NOASSERTION",
            "licenseDeclared": declared.isEmpty ? "NOASSERTION" : (declared.count == 1 ? declared[0] : "(" + declared.joined(separator: " AND ") + ")"),
            "copyrightText": "NOASSERTION",
            "supplier": package.supplier.map(Self.supplier) ?? "NOASSERTION",
            "externalRefs": references,
            "sourceInfo": "acquired package info from \(package.foundBy): \(package.locations.map(\.path).joined(separator: ", "))",
        ]
        if !package.licenses.isEmpty && declared.count != package.licenses.count {
            entry["licenseComments"] = "as stated by the package: " + package.licenses.joined(separator: ", ")
        }
        return entry
    }

    /// `Name <email>` → `Person: Name (email)`, SPDX's supplier form.
    static func supplier(_ text: String) -> String {
        var value = text.replacingOccurrences(of: "\n", with: " ")
        if let open = value.firstIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
            let email = value[value.index(after: open)..<close]
            value = value[..<open].trimmingCharacters(in: .whitespaces) + " (\(email))"
        }
        return "Person: " + value.trimmingCharacters(in: .whitespaces)
    }

    /// Letters, digits, `.` and `-` only, as SPDX identifiers require.
    static func identifier(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "-" })
    }
}
