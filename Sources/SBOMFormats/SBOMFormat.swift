import Model

/// The output formats `hawser sbom` writes, with Syft's names.
public enum SBOMFormat: String, Sendable, CaseIterable {
    case hawserJSON = "hawser-json"
    case cyclonedxJSON = "cyclonedx-json"
    case spdxJSON = "spdx-json"
    case syftJSON = "syft-json"
    case table

    /// Encodes `sbom`; `timestamp` and `serial` are parameters so output can be reproduced (golden files).
    public func encode(_ sbom: SBOM, timestamp: String, serial: String) throws -> [UInt8] {
        switch self {
        case .hawserJSON: try NativeJSONEncoder.encode(sbom)
        case .cyclonedxJSON: try CycloneDXEncoder(timestamp: timestamp, serial: serial).encode(sbom)
        case .spdxJSON: try SPDXEncoder(timestamp: timestamp, namespaceID: serial).encode(sbom)
        case .syftJSON: try SyftJSONEncoder().encode(sbom)
        case .table: Array(SBOMTable.render(sbom).utf8)
        }
    }
}
