import Foundation
import Model
@testable import SBOMFormats
import Testing

/// A re-match pass decodes stored SBOMs through one `PackageDecodingMemo`: each package entry is
/// decoded from its own bytes once, and every SBOM reads exactly as decoded whole.
struct PackageDecodingMemoTests {
    /// As the service stores an SBOM: without file records, keys sorted.
    static func stored(_ sbom: SBOM) throws -> [UInt8] {
        var slim = sbom
        slim.files = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(slim))
    }

    @Test func sbomsReadTheSameThroughTheMemo() throws {
        let memo = PackageDecodingMemo()
        var other = SampleSBOM.sbom
        other.source.name = "registry.example/other:2"
        other.packages.removeLast()
        for sbom in [SampleSBOM.sbom, other, SampleSBOM.sbom] {
            let bytes = try Self.stored(sbom)
            #expect(try NativeJSONEncoder.decodeWithoutFiles(bytes, memo: memo) == NativeJSONEncoder.decodeWithoutFiles(bytes))
        }
    }

    @Test func elementRangesSkipStringsAndNesting() throws {
        let json = #" { "a" : "x]\"[}" , "n": -1.5e3, "t": true, "o": {"packages": [9]}, "packages" : [ {"k": "[\\\"]"}, [1, [2]], "s", null ] , "z": [] }"#
        let found = try #require(Array(json.utf8).withUnsafeBufferPointer { JSONElementRanges.ofArray(forKey: "packages", in: $0) })
        let bytes = Array(json.utf8)
        #expect(found.elements.map { String(decoding: bytes[$0], as: UTF8.self) } == [#"{"k": "[\\\"]"}"#, "[1, [2]]", #""s""#, "null"])
        #expect(String(decoding: bytes[found.array], as: UTF8.self) == #"[ {"k": "[\\\"]"}, [1, [2]], "s", null ]"#)
    }

    @Test func anythingUnexpectedIsLeftToTheWholeDocumentDecoder() throws {
        for json in [#"["packages"]"#, #"{"packages": {"a": 1}}"#, #"{"packages": [1, 2"#, #"{"other": [1]}"#, #"{"a": "unterminated"#, ""] {
            #expect(Array(json.utf8).withUnsafeBufferPointer { JSONElementRanges.ofArray(forKey: "packages", in: $0) } == nil)
        }
        // A broken document fails through the memo as it does without it.
        var bytes = try Self.stored(SampleSBOM.sbom)
        bytes.removeLast(10)
        #expect(throws: (any Error).self) { try NativeJSONEncoder.decodeWithoutFiles(bytes, memo: PackageDecodingMemo()) }
        // A package entry that is not a package is an error, not a silently different SBOM.
        let mangled = String(decoding: try Self.stored(SampleSBOM.sbom), as: UTF8.self)
            .replacingOccurrences(of: #""packages":["#, with: #""packages":[{"name": 1},"#)
        #expect(throws: (any Error).self) { try NativeJSONEncoder.decodeWithoutFiles(Array(mangled.utf8), memo: PackageDecodingMemo()) }
    }

    @Test func aFullMemoStillDecodes() throws {
        let memo = PackageDecodingMemo(limit: 1)
        let bytes = try Self.stored(SampleSBOM.sbom)
        for _ in 0..<2 { #expect(try NativeJSONEncoder.decodeWithoutFiles(bytes, memo: memo) == NativeJSONEncoder.decodeWithoutFiles(bytes)) }
    }
}
