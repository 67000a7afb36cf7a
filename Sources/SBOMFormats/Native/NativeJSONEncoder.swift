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
    /// also leaves out what policy evaluation never reads (`SBOM.policyView`). With a `memo` (not
    /// with `policyView`), each package and relationship is decoded from its own bytes through it.
    public static func decodeWithoutFiles(_ bytes: [UInt8], policyView: Bool = false, memo: SBOMDecodingMemo? = nil) throws -> SBOM {
        let decoder = JSONDecoder()
        decoder.userInfo[SBOM.skipFiles] = true
        if policyView { decoder.userInfo[SBOM.policyView] = true }
        return try bytes.withUnsafeBufferPointer { bytes in
            guard let memo, !policyView,
                  let found = JSONElementRanges.ofArrays(forKeys: ["packages", "relationships"], in: bytes), !found.isEmpty else {
                return try decoder.decode(SBOM.self, from: Data(bytes))
            }
            // The rest of the document is decoded with empty lists in their place, so the decoder
            // does not scan them at all.
            let spliced = found.values.map(\.array).sorted { $0.lowerBound < $1.lowerBound }
            var rest = Data(capacity: bytes.count)
            var position = 0
            for array in spliced {
                rest.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<array.lowerBound]))
                rest.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
                position = array.upperBound
            }
            rest.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position...]))
            var sbom = try decoder.decode(SBOM.self, from: rest)
            if let packages = found["packages"] {
                sbom.packages = try packages.elements.map { try memo.package(UnsafeBufferPointer(rebasing: bytes[$0])) }
            }
            if let relationships = found["relationships"] {
                sbom.relationships = try relationships.elements.map { try memo.relationship(UnsafeBufferPointer(rebasing: bytes[$0])) }
            }
            return sbom
        }
    }
}
