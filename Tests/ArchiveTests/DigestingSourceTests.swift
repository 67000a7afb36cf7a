import Archive
import Model
import Testing
import TestSupport

@Suite("DigestingSource")
struct DigestingSourceTests {
    static let content = sampleBytes(count: 150_000)

    @Test func matchingDigestPassesTheBytesThrough() throws {
        let expected = Digest.sha256(of: Self.content)
        let (bytes, source) = try withFile(Self.content) { region in
            let source = DigestingSource(try FileRegionSource(region), expected: expected, what: "blob")
            return (try readAll(source, bufferSizes: [4096, 7]), source)
        }
        #expect(bytes == Self.content)
        #expect(source.computed == expected)
        #expect(source.byteCount == Int64(Self.content.count))
    }

    @Test func mismatchNamesBothDigests() throws {
        let claimed = Digest.sha256(of: Array("something else".utf8))
        let error = try withFile(Self.content) { region in
            let source = DigestingSource(try FileRegionSource(region), expected: claimed, what: "layer 3 blob")
            return #expect(throws: ArchiveError.self) { _ = try readAll(source, limit: 1 << 20) }
        }
        guard case .digestMismatch(let what, let expected, let actual)? = error else {
            Issue.record("expected .digestMismatch, got \(String(describing: error))")
            return
        }
        #expect(what == "layer 3 blob")
        #expect(expected == claimed)
        #expect(actual == Digest.sha256(of: Self.content))
        let message = error?.description ?? ""
        #expect(message.contains(claimed.description) && message.contains(actual.description))
    }

    @Test func mismatchIsReportedOnlyAtTheEndOfTheStream() throws {
        let source = DigestingSource(MemorySource(Self.content), expected: Digest.sha256(of: []), what: "blob")
        var buffer = [UInt8](repeating: 0, count: 1000)
        let first = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        #expect(first == 1000)
        #expect(source.computed == nil)
        #expect(throws: ArchiveError.self) { try source.drain() }
    }

    @Test func drainChecksWhatTheConsumerLeftUnread() throws {
        var tar = TarBuilder()
        tar.file("f", "x")
        let blob = tar.finished() + [UInt8](repeating: 0, count: 10_240)  // tar blocking padding after the end marker
        let source = DigestingSource(MemorySource(blob), expected: Digest.sha256(of: blob), what: "blob")
        let reader = TarReader(source, what: "layer")
        while try reader.next() != nil {}
        #expect(source.computed == nil)
        try source.drain()
        #expect(source.computed == Digest.sha256(of: blob))
        #expect(source.byteCount == Int64(blob.count))
    }

    @Test func withoutExpectedDigestItOnlyComputes() throws {
        let source = DigestingSource(MemorySource(Self.content, chunkSizes: [1000, 1]), expected: nil, what: "blob")
        #expect(try readAll(source, limit: 1 << 20) == Self.content)
        #expect(source.computed == Digest.sha256(of: Self.content))
    }

    /// `Digest` accepts sha512 and LayerIndexer passes a descriptor's digest straight in, so a
    /// sha512-addressed blob must be verified too (or refused), never silently trusted.
    @Test func sha512MismatchIsNotSilentlyAccepted() throws {
        let claimed = try Digest(parsing: "sha512:" + String(repeating: "ab", count: 64))
        let source = DigestingSource(MemorySource(Self.content), expected: claimed, what: "blob")
        #expect(throws: ArchiveError.self) { _ = try readAll(source, limit: 1 << 20) }
    }
}
