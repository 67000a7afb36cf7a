import Foundation
import Model
@testable import SBOMFormats
import Testing

/// A re-match pass decodes stored SBOMs through one `SBOMDecodingMemo`: each package and
/// relationship entry is decoded from its own bytes once, and every SBOM reads exactly as decoded whole.
struct SBOMDecodingMemoTests {
    /// As the service stores an SBOM: without file records, keys sorted.
    static func stored(_ sbom: SBOM) throws -> [UInt8] {
        var slim = sbom
        slim.files = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(slim))
    }

    @Test func sbomsReadTheSameThroughTheMemo() throws {
        let memo = SBOMDecodingMemo()
        var other = SampleSBOM.sbom
        other.source.name = "registry.example/other:2"
        other.packages.removeLast()
        other.relationships = other.relationships.map { Relationship(parent: $0.child, child: $0.parent, kind: $0.kind) }
        #expect(!other.relationships.isEmpty)
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
        // Several arrays in one pass; a key the object lacks is simply not found.
        let both = try #require(bytes.withUnsafeBufferPointer { JSONElementRanges.ofArrays(forKeys: ["z", "packages", "missing"], in: $0) })
        #expect(both["packages"] == found && both["z"]?.elements == [] && both["missing"] == nil)
        #expect(Array("{ }".utf8).withUnsafeBufferPointer { JSONElementRanges.ofArrays(forKeys: ["packages"], in: $0) } == [:])
    }

    @Test func anythingUnexpectedIsLeftToTheWholeDocumentDecoder() throws {
        for json in [#"["packages"]"#, #"{"packages": {"a": 1}}"#, #"{"packages": [1, 2"#, #"{"other": [1]}"#, #"{"a": "unterminated"#, ""] {
            #expect(Array(json.utf8).withUnsafeBufferPointer { JSONElementRanges.ofArray(forKey: "packages", in: $0) } == nil)
        }
        // A broken document fails through the memo as it does without it.
        var bytes = try Self.stored(SampleSBOM.sbom)
        bytes.removeLast(10)
        #expect(throws: (any Error).self) { try NativeJSONEncoder.decodeWithoutFiles(bytes, memo: SBOMDecodingMemo()) }
        // A package entry that is not a package is an error, not a silently different SBOM.
        let mangled = String(decoding: try Self.stored(SampleSBOM.sbom), as: UTF8.self)
            .replacingOccurrences(of: #""packages":["#, with: #""packages":[{"name": 1},"#)
        #expect(throws: (any Error).self) { try NativeJSONEncoder.decodeWithoutFiles(Array(mangled.utf8), memo: SBOMDecodingMemo()) }
    }

    @Test func equalEntriesAreFoundAndOthersAreNot() throws {
        var values = ByteKeyedValues<Int>()
        let keys = ["", "a", "abcdefgh", "abcdefghi", "abcdefgj", String(repeating: "x", count: 1000), String(repeating: "x", count: 999) + "y"]
        for (index, key) in keys.enumerated() {
            Array(key.utf8).withUnsafeBufferPointer { values.insert(index, for: $0, hash: ByteKeyedValues<Int>.hash($0)) }
        }
        #expect(values.count == keys.count)
        for (index, key) in keys.enumerated() {
            // Looked up from a copy: equal bytes at another address.
            let copy = Array(key.utf8)
            #expect(copy.withUnsafeBufferPointer { values.value(for: $0, hash: ByteKeyedValues<Int>.hash($0)) } == index)
        }
        // Keys that share a hash stay apart: a hit compares the bytes.
        var colliding = ByteKeyedValues<String>()
        for key in ["one", "two"] { Array(key.utf8).withUnsafeBufferPointer { colliding.insert(key, for: $0, hash: 7) } }
        #expect(Array("two".utf8).withUnsafeBufferPointer { colliding.value(for: $0, hash: 7) } == "two")
        #expect(Array("three".utf8).withUnsafeBufferPointer { colliding.value(for: $0, hash: 7) } == nil)
    }

    @Test func aFullMemoStillDecodes() throws {
        let memo = SBOMDecodingMemo(limit: 1)
        let bytes = try Self.stored(SampleSBOM.sbom)
        for _ in 0..<2 { #expect(try NativeJSONEncoder.decodeWithoutFiles(bytes, memo: memo) == NativeJSONEncoder.decodeWithoutFiles(bytes)) }
    }
}
