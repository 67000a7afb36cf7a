import Archive
import LayerFS
import Model
import TestSupport
import Testing

/// Blobs that lie about themselves or cost too much fail the read with a clear `ArchiveError`.
@Suite struct LayerLimitTests {
    static let layer = LayerSpec { tar in
        tar.directory("usr/")
        tar.file("usr/big", LayerFixtures.pseudoRandomBytes(200_000, seed: 5))
        tar.file("usr/small", "small")
    }

    @Test func truncatedGzipLayerThrows() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let full = Self.layer.blob
        let truncated = Array(full.prefix(full.count / 2))
        // The descriptor matches the truncated bytes, so the failure is about the stream itself.
        let blob = try LayerFixtures.blob(truncated, mediaType: MediaType.ociLayerGzip, diffID: Self.layer.diffID, at: "truncated", in: directory)
        let error = await #expect(throws: ArchiveError.self) { try await LayeredImage.read([blob]) }
        switch error {
        case .truncated?, .decompression?: break
        default: Issue.record("expected a truncation or decompression error, got \(String(describing: error))")
        }
    }

    @Test(arguments: [LayerCompression.gzip, .zstd, .none])
    func blobNotMatchingItsDescriptorDigestThrowsNamingBoth(_ compression: LayerCompression) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var spec = Self.layer
        spec.compression = compression
        let claimed = Digest.sha256(of: Array("some other blob".utf8))
        let actual = Digest.sha256(of: spec.blob)
        let blob = try LayerFixtures.blob(spec.blob, mediaType: spec.mediaType, diffID: spec.diffID, digest: claimed, at: "lying", in: directory)
        let error = await #expect(throws: ArchiveError.self) { try await LayeredImage.read([blob]) }
        guard case .digestMismatch(let what, let expected, let got)? = error else {
            Issue.record("expected .digestMismatch, got \(String(describing: error))")
            return
        }
        #expect(expected == claimed)
        #expect(got == actual)
        #expect(what.contains("blob"))
        #expect(error?.description.contains(claimed.description) == true)
        #expect(error?.description.contains(actual.description) == true)
    }

    @Test func verifiedBlobSkipsTheBlobDigestButNotTheDiffID() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var blob = try LayerFixtures.blob(Self.layer.blob, mediaType: Self.layer.mediaType, diffID: Self.layer.diffID,
                                          digest: Digest.sha256(of: Array("cache key".utf8)), at: "verified", in: directory)
        blob.digestVerified = true
        let image = try await LayeredImage.read([blob])
        #expect(try image.resolver(scope: .squashed).text(of: "/usr/small") == "small")
    }

    @Test(arguments: [LayerCompression.gzip, .zstd, .none])
    func wrongDiffIDThrowsDigestMismatch(_ compression: LayerCompression) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var spec = Self.layer
        spec.compression = compression
        let wrong = Digest.sha256(of: Array("not this layer".utf8))
        let blob = try LayerFixtures.blob(spec.blob, mediaType: spec.mediaType, diffID: wrong, at: "wrong-diff-id", in: directory)
        let error = await #expect(throws: ArchiveError.self) { try await LayeredImage.read([blob]) }
        guard case .digestMismatch(let what, let expected, let got)? = error else {
            Issue.record("expected .digestMismatch, got \(String(describing: error))")
            return
        }
        #expect(expected == wrong)
        #expect(got == spec.diffID)
        #expect(what.contains("diff ID"))
    }

    @Test func tooManyEntriesThrowsLimitExceeded() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let spec = LayerSpec { tar in
            for index in 0..<20 { tar.file("f\(index)", "\(index)") }
        }
        let limits = ArchiveLimits(maxEntries: 10)
        let error = await #expect(throws: ArchiveError.self) { try await LayerFixtures.read([spec], in: directory, limits: limits) }
        guard case .limitExceeded(_, let limit, _)? = error else {
            Issue.record("expected .limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(limit == "entry count")
        // Exactly at the limit is fine.
        let atLimit = LayerSpec { tar in
            for index in 0..<10 { tar.file("f\(index)", "\(index)") }
        }
        let image = try await LayerFixtures.read([atLimit], in: directory, limits: limits)
        #expect(image.resolver(scope: .squashed).entries.count == 10)
    }

    @Test func gzipBombThrowsLimitExceeded() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bomb = LayerSpec { tar in tar.file("zeros", [UInt8](repeating: 0, count: 64 << 20)) }
        let blob = bomb.blob
        #expect(blob.count < 1 << 20, "the fixture should compress extremely well")
        let layer = try LayerFixtures.blob(blob, mediaType: bomb.mediaType, diffID: bomb.diffID, at: "bomb.gz", in: directory)
        let limits = ArchiveLimits(maxCompressionRatio: 50, ratioGraceBytes: 1 << 20)
        let error = await #expect(throws: ArchiveError.self) { try await LayeredImage.read([layer], limits: limits) }
        guard case .limitExceeded(_, let limit, _)? = error else {
            Issue.record("expected .limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(limit == "compression ratio")
    }

    @Test func uncompressedSizeLimitApplies() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let limits = ArchiveLimits(maxUncompressedBytes: 100_000)
        let error = await #expect(throws: ArchiveError.self) { try await LayerFixtures.read([Self.layer], in: directory, limits: limits) }
        guard case .limitExceeded(_, let limit, _)? = error else {
            Issue.record("expected .limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(limit == "uncompressed size")
    }

    @Test func compressedSizeLimitApplies() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let limits = ArchiveLimits(maxCompressedBytes: 1000)
        let error = await #expect(throws: ArchiveError.self) { try await LayerFixtures.read([Self.layer], in: directory, limits: limits) }
        guard case .limitExceeded(_, let limit, _)? = error else {
            Issue.record("expected .limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(limit == "compressed size")
    }

    @Test func garbageIsNotATar() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let garbage = LayerFixtures.pseudoRandomBytes(4096, seed: 12)
        let blob = try LayerFixtures.blob(garbage, mediaType: MediaType.ociLayer, diffID: nil, at: "garbage", in: directory)
        let error = await #expect(throws: ArchiveError.self) { try await LayeredImage.read([blob]) }
        guard case .corruptArchive? = error else {
            Issue.record("expected .corruptArchive, got \(String(describing: error))")
            return
        }
    }
}
