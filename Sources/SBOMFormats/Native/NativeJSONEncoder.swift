import Foundation
import Model

/// Hawser's own SBOM JSON: the `SBOM` model as it is, lossless, with its schema version
/// (`SBOM.schemaVersion`, changelog beside it).
public enum NativeJSONEncoder {
    public static func encode(_ sbom: SBOM) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(sbom)) + [0x0a]
    }

    public static func decode(_ bytes: [UInt8]) throws -> SBOM {
        try JSONDecoder().decode(SBOM.self, from: Data(bytes))
    }

    /// `decode` without the file list (`SBOM.skipFiles`), for readers that need none; `policyView`
    /// also leaves out what policy evaluation never reads (`SBOM.policyView`).
    public static func decodeWithoutFiles(_ bytes: [UInt8], policyView: Bool = false) throws -> SBOM {
        let decoder = JSONDecoder()
        decoder.userInfo[SBOM.skipFiles] = true
        if policyView { decoder.userInfo[SBOM.policyView] = true }
        return try decoder.decode(SBOM.self, from: Data(bytes))
    }
}
