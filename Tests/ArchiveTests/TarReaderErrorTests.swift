import Archive
import Model
import Testing
import TestSupport

@Suite("TarReader: damaged and hostile archives")
struct TarReaderErrorTests {
    /// Reads every entry and its data; returns the error that stopped it.
    static func failure(_ archive: [UInt8], limits: ArchiveLimits = .default) throws -> ArchiveError? {
        try withFile(archive) { region in
            #expect(throws: ArchiveError.self) { _ = try tarEntriesWithData(try FileRegionSource(region), limits: limits) }
        }
    }

    @Test func truncatedInTheMiddleOfData() throws {
        var tar = TarBuilder()
        tar.file("whole", "fine")
        tar.file("cut", sampleBytes(count: 2000))
        let archive = Array(tar.bytes[0..<(1024 + 512 + 1000)])
        let error = try Self.failure(archive)
        #expect(error?.caseName == "truncated")
        // Skipping over the missing data fails the same way.
        let skipped = try withFile(archive) { region in
            let reader = TarReader(try FileRegionSource(region), what: "layer.tar")
            #expect(try reader.next()?.path == "whole")
            #expect(try reader.next()?.path == "cut")
            return #expect(throws: ArchiveError.self) { _ = try reader.next() }
        }
        guard case .truncated(let what, _)? = skipped else {
            Issue.record("expected .truncated, got \(String(describing: skipped))")
            return
        }
        #expect(what == "layer.tar")
    }

    /// A stream that stops right after the last entry's data, without its padding or the
    /// end-of-archive blocks (umoci 0.4's `insert` writes such layers), ends the archive as it does
    /// for Go's archive/tar; the data itself must be whole.
    @Test func missingPaddingAfterTheLastDataEndsTheArchive() throws {
        var tar = TarBuilder()
        tar.file("a", "first")
        tar.file("etc/fixture-bump.txt", "bumped at 20261203T073045.123456789Z\n")
        for cut in [1024 + 512 + 37, 1024 + 512 + 100] {
            let entries = try withFile(Array(tar.bytes[0..<cut])) { region in
                try tarEntriesWithData(try FileRegionSource(region), limits: .default)
            }
            #expect(entries.map(\.0.path) == ["a", "etc/fixture-bump.txt"])
            #expect(entries.last.map { String(decoding: $0.1, as: UTF8.self) } == "bumped at 20261203T073045.123456789Z\n")
        }
        // One byte of the data missing is still a truncated archive.
        #expect(try Self.failure(Array(tar.bytes[0..<(1024 + 512 + 36)]))?.caseName == "truncated")
    }

    @Test func truncatedInsideAHeader() throws {
        var tar = TarBuilder()
        tar.file("whole", "fine")
        tar.file("cut", "x")
        let error = try Self.failure(Array(tar.bytes[0..<(1024 + 300)]))
        #expect(error?.caseName == "truncated")
    }

    @Test func truncatedInsideAPaxHeader() throws {
        var tar = TarBuilder()
        tar.paxFile(records: [("path", String(repeating: "p", count: 400))], shortName: "p", content: [1])
        let error = try Self.failure(Array(tar.bytes[0..<(512 + 200)]))
        #expect(error?.caseName == "truncated")
    }

    @Test(arguments: [0, 1])
    func corruptedChecksum(_ damagedHeader: Int) throws {
        var tar = TarBuilder()
        tar.file("first", "1")
        tar.file("second", "2")
        var archive = tar.finished()
        let headerOffset = damagedHeader * 1024
        archive[headerOffset + 2] ^= 0x01  // a name byte; the checksum is left as it was
        let error = try Self.failure(archive)
        guard case .corruptArchive(_, let offset, let reason)? = error else {
            Issue.record("expected .corruptArchive, got \(String(describing: error))")
            return
        }
        #expect(offset == Int64(headerOffset))
        #expect(reason.contains("checksum"))
    }

    @Test func garbageInsteadOfAHeader() throws {
        let error = try Self.failure(sampleBytes(count: 4096))
        #expect(error?.caseName == "corruptArchive")
    }

    @Test func nonOctalSizeField() throws {
        var tar = TarBuilder()
        tar.file("f", "x")
        var archive = tar.finished()
        archive.replaceSubrange(124..<136, with: Array("0000000001x\0".utf8))
        fixChecksum(&archive, header: 0)
        let error = try Self.failure(archive)
        #expect(error?.caseName == "corruptArchive")
    }

    static func paxHeader(_ data: [UInt8]) -> [UInt8] {
        var tar = TarBuilder()
        tar.entry(name: Array("PaxHeaders/f".utf8), type: .paxExtended, size: data.count, mode: 0o644)
        tar.appendData(data)
        tar.file("f", "x")
        return tar.finished()
    }

    @Test(arguments: [
        "99 path=too long\n",      // length runs past the data
        "11 path=abc\n",           // length one short: record does not end in a newline
        "x path=abc\n",            // length is not a number
        "0 path=abc\n",            // length zero
        "13 path=abc \n 13 x=y\n", // second record's length field starts with a space
        "11 pathabc\n",            // no '='
        "12 path=abc",             // missing the newline at the end of the data
    ])
    func malformedPaxRecord(_ text: String) throws {
        let error = try Self.failure(Self.paxHeader(Array(text.utf8)))
        #expect(error?.caseName == "corruptArchive")
    }

    @Test func wellFormedPaxRecordIsAcceptedByTheSameFixture() throws {
        let entries = try tarEntries(Self.paxHeader(Array("12 path=abc\n".utf8)))
        #expect(entries.map(\.path) == ["abc"])
    }

    @Test func nonNumericPaxSize() throws {
        var tar = TarBuilder()
        tar.paxFile(records: [("size", "12z")], shortName: "f", content: [1])
        let error = try Self.failure(tar.finished())
        #expect(error?.caseName == "corruptArchive")
    }

    @Test func oversizedPaxHeader() throws {
        var tar = TarBuilder()
        tar.paxFile(records: [("path", String(repeating: "p", count: 2000))], shortName: "f", content: [1])
        let error = try Self.failure(tar.finished(), limits: ArchiveLimits(maxHeaderBytes: 1024))
        #expect(error?.exceededLimit == "extension header size")
    }

    @Test func oversizedGlobalPaxHeader() throws {
        var tar = TarBuilder()
        tar.paxHeader(records: [("comment", String(repeating: "c", count: 5000))], global: true)
        tar.file("f", "x")
        let error = try Self.failure(tar.finished(), limits: ArchiveLimits(maxHeaderBytes: 4096))
        #expect(error?.exceededLimit == "extension header size")
    }

    @Test func oversizedGNULongName() throws {
        var tar = TarBuilder()
        tar.gnuLongName(String(repeating: "n", count: 3000), content: [1])
        let error = try Self.failure(tar.finished(), limits: ArchiveLimits(maxHeaderBytes: 1024))
        #expect(error?.exceededLimit == "extension header size")
    }

    @Test func headerLimitIsInclusive() throws {
        let data = Array("1024 comment=".utf8) + [UInt8](repeating: 0x63, count: 1024 - 14) + [0x0a]
        #expect(data.count == 1024)
        let entries = try tarEntries(Self.paxHeader(data), limits: ArchiveLimits(maxHeaderBytes: 1024))
        #expect(entries.map(\.path) == ["f"])
    }

    @Test func regionPastTheEndOfTheFile() throws {
        var tar = TarBuilder()
        tar.file("f", sampleBytes(count: 3000))
        let archive = tar.bytes  // no end marker: the reader asks for more than the file holds
        let error = try withFile(archive) { region in
            var longer = region
            longer.length += 10_000
            return #expect(throws: ArchiveError.self) { _ = try tarEntriesWithData(try FileRegionSource(longer)) }
        }
        #expect(error?.caseName == "truncated")
    }
}
