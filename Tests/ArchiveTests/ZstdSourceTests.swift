import Archive
import Model
import Testing
import TestSupport

@Suite("ZstdSource")
struct ZstdSourceTests {
    static func unzstd(_ compressed: [UInt8], bufferSizes: [Int] = [64 * 1024]) throws -> [UInt8] {
        try withFile(compressed) { region in
            try readAll(try ZstdSource(try FileRegionSource(region), what: "layer.tar.zst"), bufferSizes: bufferSizes)
        }
    }

    @Test func roundTrip() throws {
        let payload = sampleBytes(count: 200_000, random: false)
        #expect(try Self.unzstd(Compression.zstd(payload)) == payload)
    }

    @Test func largeIncompressiblePayload() throws {
        let payload = sampleBytes(count: 1 << 20)
        #expect(try Self.unzstd(Compression.zstd(payload, level: 1)) == payload)
    }

    @Test func concatenatedFrames() throws {
        let first = sampleBytes(count: 9000, seed: 1, random: false)
        let second = sampleBytes(count: 4000, seed: 2)
        #expect(try Self.unzstd(Compression.zstd(first) + Compression.zstd(second)) == first + second)
    }

    @Test(arguments: [[1], [2], [3], [4], [5], [6], [7], [7, 1, 3]])
    func tinyOutputBuffersYieldTheSameBytes(_ sizes: [Int]) throws {
        let payload = sampleBytes(count: 20_000, seed: 5, random: false) + sampleBytes(count: 2000, seed: 6)
        let stream = Compression.zstd(payload) + Compression.zstd(Array("tail".utf8))
        #expect(try Self.unzstd(stream, bufferSizes: sizes) == payload + Array("tail".utf8))
    }

    @Test func innerSourceDribblingOneByteAtATime() throws {
        let payload = sampleBytes(count: 10_000, random: false)
        let source = try ZstdSource(MemorySource(Compression.zstd(payload), chunkSizes: [1]), what: "dribble")
        #expect(try readAll(source, bufferSizes: [333]) == payload)
    }

    @Test(arguments: [2, 0.5, -1] as [Double])
    func truncatedStreamFails(_ cut: Double) throws {
        let compressed = Compression.zstd(sampleBytes(count: 100_000))
        let keep = cut >= 1 ? Int(cut) : cut > 0 ? Int(Double(compressed.count) * cut) : compressed.count + Int(cut)
        let error = #expect(throws: ArchiveError.self) { try Self.unzstd(Array(compressed[0..<keep])) }
        #expect(error?.caseName == "truncated")
    }

    @Test func garbageIsADecompressionError() throws {
        let error = #expect(throws: ArchiveError.self) { try Self.unzstd(Array("definitely not a zstd frame, just text".utf8)) }
        #expect(error?.caseName == "decompression")
    }

    @Test func zstdTarReadsThroughTarReader() throws {
        var tar = TarBuilder()
        tar.file("a", sampleBytes(count: 200_000))
        tar.file("b", "b")
        let read = try withFile(Compression.zstd(tar.finished())) { region in
            try tarEntriesWithData(try ZstdSource(try FileRegionSource(region), what: "layer"))
        }
        #expect(read.map(\.entry.path) == ["a", "b"])
        #expect(read[1].data == Array("b".utf8))
    }
}
