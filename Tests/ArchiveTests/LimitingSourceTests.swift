import Archive
import Model
import Testing
import TestSupport

@Suite("LimitingSource")
struct LimitingSourceTests {
    /// A gzip bomb: 300 MiB of zeros compress to about 300 KB.
    @Test func gzipBombStopsOnTheCompressionRatio() throws {
        let bomb = Compression.gzip([UInt8](repeating: 0, count: 300 << 20), level: 9)
        #expect(bomb.count < 1 << 20)
        let limits = ArchiveLimits(maxCompressionRatio: 100, ratioGraceBytes: 1 << 20)
        let chunk = 64 * 1024
        let (error, total) = try withFile(bomb) { region in
            let limiter = LimitingSource(try GzipSource(try FileRegionSource(region), what: "bomb"), limits: limits,
                                         compressedBytes: region.length, what: "layer 0")
            let error = #expect(throws: ArchiveError.self) { _ = try readAll(limiter, bufferSizes: [chunk]) }
            return (error, limiter.total)
        }
        guard case .limitExceeded(let layer, let limit, _)? = error else {
            Issue.record("expected .limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(layer == "layer 0")
        #expect(limit == "compression ratio")
        // It fails on the first read past 101:1, having decompressed a bounded amount.
        #expect(total >= Int64(bomb.count) * 101)
        #expect(total <= Int64(bomb.count) * 101 + Int64(chunk))
        #expect(total < 300 << 20 / 5)
    }

    @Test func highRatioWithinTheGraceIsAccepted() throws {
        let zeros = [UInt8](repeating: 0, count: 512 * 1024)
        let compressed = Compression.gzip(zeros)
        let limits = ArchiveLimits(maxCompressionRatio: 2, ratioGraceBytes: 1 << 20)
        let decoded = try withFile(compressed) { region in
            let limiter = LimitingSource(try GzipSource(try FileRegionSource(region), what: "small"), limits: limits,
                                         compressedBytes: region.length, what: "layer")
            return try readAll(limiter, limit: 1 << 20)
        }
        #expect(decoded == zeros)
    }

    @Test func uncompressedSizeLimit() throws {
        let limits = ArchiveLimits(maxUncompressedBytes: 10_000)
        let fits = LimitingSource(MemorySource(sampleBytes(count: 10_000)), limits: limits, compressedBytes: 10_000, what: "ok")
        #expect(try readAll(fits, limit: 1 << 20).count == 10_000)
        let tooBig = LimitingSource(MemorySource(sampleBytes(count: 10_001)), limits: limits, compressedBytes: 10_001, what: "big")
        let error = #expect(throws: ArchiveError.self) { _ = try readAll(tooBig, limit: 1 << 20) }
        #expect(error?.exceededLimit == "uncompressed size")
    }

    @Test func totalCountsEveryByte() throws {
        let source = LimitingSource(MemorySource(sampleBytes(count: 12_345), chunkSizes: [100, 7]), limits: .default,
                                    compressedBytes: 1, what: "counted")
        _ = try readAll(source, limit: 1 << 20)
        #expect(source.total == 12_345)
    }
}
