import Archive
import Model
import Testing
import TestSupport

@Suite("GzipSource")
struct GzipSourceTests {
    /// Decompresses `compressed`, read from a file, with 64 KiB output buffers unless told otherwise.
    static func gunzip(_ compressed: [UInt8], bufferSizes: [Int] = [64 * 1024]) throws -> [UInt8] {
        try withFile(compressed) { region in
            try readAll(try GzipSource(try FileRegionSource(region), what: "layer.tar.gz"), bufferSizes: bufferSizes)
        }
    }

    @Test func singleMember() throws {
        let payload = sampleBytes(count: 100_000, random: false)
        #expect(try Self.gunzip(Compression.gzip(payload)) == payload)
    }

    @Test func memberLargerThanTheInputBuffer() throws {
        let payload = sampleBytes(count: 700 * 1024)  // incompressible: several 256 KiB input reads
        let compressed = Compression.gzip(payload)
        #expect(compressed.count > 512 * 1024)
        #expect(try Self.gunzip(compressed) == payload)
    }

    @Test func concatenatedMembersReadAsOneStream() throws {
        let first = sampleBytes(count: 5000, seed: 1, random: false)
        let second = sampleBytes(count: 7000, seed: 2)
        let third = Array("third".utf8)
        let stream = Compression.gzip(first) + Compression.gzip(second) + Compression.gzip(third, level: 1)
        #expect(try Self.gunzip(stream) == first + second + third)
    }

    @Test func emptyMemberBetweenOthers() throws {
        let stream = Compression.gzip(Array("a".utf8)) + Compression.gzip([]) + Compression.gzip(Array("b".utf8))
        #expect(try Self.gunzip(stream) == Array("ab".utf8))
    }

    @Test(arguments: [1, 511, 4096])
    func trailingZeroPaddingIsIgnored(_ padding: Int) throws {
        let payload = sampleBytes(count: 3000, random: false)
        let stream = Compression.gzip(payload) + [UInt8](repeating: 0, count: padding)
        #expect(try Self.gunzip(stream) == payload)
    }

    @Test(arguments: [[1], [2], [3], [4], [5], [6], [7], [1, 7, 2, 5]])
    func tinyOutputBuffersYieldTheSameBytes(_ sizes: [Int]) throws {
        let payload = sampleBytes(count: 20_000, seed: 3, random: false) + sampleBytes(count: 3000, seed: 4)
        let stream = Compression.gzip(payload) + Compression.gzip(Array("tail".utf8))
        #expect(try Self.gunzip(stream, bufferSizes: sizes) == payload + Array("tail".utf8))
    }

    @Test func innerSourceDribblingOneByteAtATime() throws {
        let payload = sampleBytes(count: 10_000, random: false)
        let source = try GzipSource(MemorySource(Compression.gzip(payload) + Compression.gzip(payload), chunkSizes: [1]), what: "dribble")
        #expect(try readAll(source, bufferSizes: [333]) == payload + payload)
    }

    /// Cut points: inside the header, in the deflate data, just before the trailer, inside the trailer.
    @Test(arguments: [5, 0.5, -8, -3] as [Double])
    func truncatedStreamFails(_ cut: Double) throws {
        let compressed = Compression.gzip(sampleBytes(count: 50_000))
        let keep = cut >= 1 ? Int(cut) : cut > 0 ? Int(Double(compressed.count) * cut) : compressed.count + Int(cut)
        let error = #expect(throws: ArchiveError.self) { try Self.gunzip(Array(compressed[0..<keep])) }
        #expect(error?.caseName == "truncated")
    }

    @Test func emptyInputFails() throws {
        #expect(throws: ArchiveError.self) { try Self.gunzip([]) }
    }

    @Test func garbageIsADecompressionError() throws {
        let error = #expect(throws: ArchiveError.self) { try Self.gunzip(Array("this is plainly not a gzip stream at all".utf8)) }
        guard case .decompression(let what, _)? = error else {
            Issue.record("expected .decompression, got \(String(describing: error))")
            return
        }
        #expect(what == "layer.tar.gz")
    }

    @Test func corruptedDeflateDataFails() throws {
        var compressed = Compression.gzip(sampleBytes(count: 20_000, random: false))
        for index in 20..<60 { compressed[index] ^= 0xa5 }
        #expect(throws: ArchiveError.self) { try Self.gunzip(compressed) }
    }

    @Test func corruptedCRCFails() throws {
        var compressed = Compression.gzip(sampleBytes(count: 2000, random: false))
        compressed[compressed.count - 6] ^= 0xff
        let error = #expect(throws: ArchiveError.self) { try Self.gunzip(compressed) }
        #expect(error?.caseName == "decompression")
    }

    @Test func gzippedTarReadsThroughTarReader() throws {
        var tar = TarBuilder()
        tar.file("etc/os-release", "ID=alpine\n")
        tar.file("big", sampleBytes(count: 300_000))
        tar.file("last", "l")
        let read = try withFile(Compression.gzip(tar.finished())) { region in
            try tarEntriesWithData(try GzipSource(try FileRegionSource(region), what: "layer"))
        }
        #expect(read.map(\.entry.path) == ["etc/os-release", "big", "last"])
        #expect(read[0].data == Array("ID=alpine\n".utf8))
        #expect(read[2].data == Array("l".utf8))
    }
}
