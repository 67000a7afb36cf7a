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
    /// with `policyView`), each package is decoded from its own bytes through it.
    public static func decodeWithoutFiles(_ bytes: [UInt8], policyView: Bool = false, memo: PackageDecodingMemo? = nil) throws -> SBOM {
        let decoder = JSONDecoder()
        decoder.userInfo[SBOM.skipFiles] = true
        if policyView { decoder.userInfo[SBOM.policyView] = true }
        guard let memo, !policyView,
              let packages = bytes.withUnsafeBufferPointer({ JSONElementRanges.ofArray(forKey: "packages", in: $0) }) else {
            return try decoder.decode(SBOM.self, from: Data(bytes))
        }
        // The rest of the document is decoded with an empty package list in place, so the decoder
        // does not scan the packages at all.
        var rest = Data(capacity: bytes.count - packages.array.count + 2)
        rest.append(contentsOf: bytes[..<packages.array.lowerBound])
        rest.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
        rest.append(contentsOf: bytes[packages.array.upperBound...])
        var sbom = try decoder.decode(SBOM.self, from: rest)
        sbom.packages = try packages.elements.map { try memo.package(Array(bytes[$0])) }
        return sbom
    }
}
