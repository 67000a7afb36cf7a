import Archive
import Model
import Testing
import TestSupport

@Suite("FileRegionSource and readAll")
struct FileRegionSourceTests {
    @Test func readsOnlyTheRegion() throws {
        let inside = sampleBytes(count: 70_000, seed: 1)
        let read = try withFile(inside, prefix: sampleBytes(count: 999, seed: 2), suffix: sampleBytes(count: 5000, seed: 3)) { region in
            try readAll(try FileRegionSource(region), bufferSizes: [4096, 1, 65_536])
        }
        #expect(read == inside)
    }

    @Test func emptyRegionIsAnEmptyStream() throws {
        let read = try withFile([], prefix: [1, 2, 3], suffix: [4, 5]) { try readAll(try FileRegionSource($0), limit: 10) }
        #expect(read.isEmpty)
    }

    @Test func skipMovesForward() throws {
        let bytes = Array(0..<200).map { UInt8($0) }
        let read = try withFile(bytes, prefix: [9, 9]) { region in
            let source = try FileRegionSource(region)
            source.skip(150)
            return try readAll(source, limit: 1000)
        }
        #expect(read == Array(bytes[150...]))
    }

    @Test func skipPastTheEndStopsAtTheEnd() throws {
        let read = try withFile(Array("abc".utf8)) { region in
            let source = try FileRegionSource(region)
            source.skip(1000)
            return try readAll(source, limit: 1000)
        }
        #expect(read.isEmpty)
    }

    @Test func regionLongerThanTheFileIsTruncated() throws {
        let error = try withFile(sampleBytes(count: 100)) { region in
            var longer = region
            longer.length = 101
            return #expect(throws: ArchiveError.self) { _ = try readAll(try FileRegionSource(longer), limit: 1000) }
        }
        #expect(error?.caseName == "truncated")
    }

    @Test func missingFileIsAnIOErrorNamingThePath() {
        let path = "/nonexistent/hawser/blob"
        let error = #expect(throws: ArchiveError.self) { _ = try FileRegionSource(HostFileRegion(path: path, length: 1)) }
        guard case .io(let named, _)? = error else {
            Issue.record("expected .io, got \(String(describing: error))")
            return
        }
        #expect(named == path)
    }

    @Test func readAllLimitIsInclusive() throws {
        let bytes = sampleBytes(count: 1000)
        #expect(try readAll(MemorySource(bytes), limit: 1000) == bytes)
        let error = #expect(throws: ArchiveError.self) { _ = try readAll(MemorySource(bytes), limit: 999) }
        #expect(error?.exceededLimit == "content size")
    }
}
