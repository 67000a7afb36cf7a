import Archive
import Model
import Testing
import TestSupport

@Suite("TarReader: ustar")
struct TarReaderUstarTests {
    static let passwd = Array("root:x:0:0:root:/root:/bin/sh\n".utf8)

    static func kindsArchive() -> TarBuilder {
        var tar = TarBuilder()
        tar.directory("etc/", mode: 0o755)
        tar.file("etc/passwd", passwd, mode: 0o644, uid: 1000, gid: 1001)
        tar.symlink("etc/localtime", to: "/usr/share/zoneinfo/UTC")
        tar.hardLink("etc/passwd-", to: "etc/passwd")
        tar.device("dev/null")
        tar.device("dev/sda", type: .blockDevice)
        tar.entry(name: Array("run/fifo".utf8), type: .fifo, size: 0, mode: 0o600)
        tar.file("usr/bin/su", "#!/bin/sh\n", mode: 0o4755)
        tar.directory("tmp/", mode: 0o1777)
        return tar
    }

    @Test func readsEveryKindWithItsMetadata() throws {
        let entries = try tarEntries(Self.kindsArchive().finished())
        #expect(entries.map(\.path) == ["etc/", "etc/passwd", "etc/localtime", "etc/passwd-", "dev/null", "dev/sda",
                                        "run/fifo", "usr/bin/su", "tmp/"])
        #expect(entries.map(\.kind) == [.directory, .regular, .symlink, .hardLink, .characterDevice, .blockDevice,
                                        .fifo, .regular, .directory])
        #expect(entries.map(\.mode) == [0o755, 0o644, 0o777, 0o644, 0o666, 0o666, 0o600, 0o4755, 0o1777])
        #expect(entries.map(\.size) == [0, Int64(Self.passwd.count), 0, 0, 0, 0, 0, 10, 0])
        #expect(entries[1].uid == 1000)
        #expect(entries[1].gid == 1001)
        #expect(entries[2].link == "/usr/share/zoneinfo/UTC")
        #expect(entries[3].link == "etc/passwd")
        #expect(entries.allSatisfy { $0.modificationTime == 1_700_000_000 })
        #expect(entries.allSatisfy { !$0.isSparse && !$0.binaryName })
    }

    @Test func dataOffsetPointsAtTheContent() throws {
        let archive = Self.kindsArchive().finished()
        let entries = try tarEntries(archive)
        #expect(entries[1].dataOffset == 1024)  // directory header, then this header
        for entry in entries where entry.kind == .regular {
            let start = Int(entry.dataOffset)
            let content = Array(archive[start..<(start + Int(entry.size))])
            #expect(content == (entry.path == "etc/passwd" ? Self.passwd : Array("#!/bin/sh\n".utf8)))
        }
    }

    @Test func readDataReturnsTheContentAndTheNextEntryFollows() throws {
        let read = try withFile(Self.kindsArchive().finished()) { try tarEntriesWithData(try FileRegionSource($0)) }
        #expect(read.map(\.entry.path) == ["etc/", "etc/passwd", "etc/localtime", "etc/passwd-", "dev/null", "dev/sda",
                                           "run/fifo", "usr/bin/su", "tmp/"])
        #expect(read[1].data == Self.passwd)
        #expect(read[7].data == Array("#!/bin/sh\n".utf8))
        #expect(read.filter { $0.entry.kind != .regular }.allSatisfy { $0.data.isEmpty })
    }

    @Test func contentOfExactlyOneBlockAndOfSeveralBlocks() throws {
        let oneBlock = sampleBytes(count: 512)
        let several = sampleBytes(count: 512 * 3 + 1, seed: 7)
        var tar = TarBuilder()
        tar.file("a", oneBlock)
        tar.file("b", several)
        tar.file("c", [])
        tar.file("d", "end")
        let read = try withFile(tar.finished()) { try tarEntriesWithData(try FileRegionSource($0)) }
        #expect(read.map(\.entry.path) == ["a", "b", "c", "d"])
        #expect(read.map(\.data) == [oneBlock, several, [], Array("end".utf8)])
        #expect(read.map(\.entry.dataOffset) == [512, 1536, 4096, 4608] as [Int64])
    }

    @Test func longNameUsesTheUstarPrefix() throws {
        let name = String(repeating: "a", count: 60) + "/" + String(repeating: "b", count: 70) + "/" + String(repeating: "c", count: 80) + ".txt"
        var tar = TarBuilder()
        tar.file(name, "x")
        let archive = tar.finished()
        #expect(archive[345] != 0, "the fixture must put part of the name in the prefix field")
        let entries = try tarEntries(archive)
        #expect(entries.map(\.path) == [name])
    }

    @Test func nameAndLinkFillingTheWholeField() throws {
        let name = String(repeating: "n", count: 100)
        let target = String(repeating: "t", count: 100)
        var tar = TarBuilder()
        tar.symlink(name, to: target)
        tar.file("next", "n")
        let archive = tar.finished()
        #expect(archive[99] != 0 && archive[256] != 0, "both fields are full, with no NUL terminator")
        let entries = try tarEntries(archive)
        #expect(entries.map(\.path) == [name, "next"])
        #expect(entries[0].link == target)
    }

    /// Some historic tars summed the header as signed bytes; both sums are accepted.
    @Test func signedHeaderChecksum() throws {
        let name: [UInt8] = [0x63, 0x61, 0x66, 0xe9, 0xff]
        var tar = TarBuilder()
        tar.entry(name: name, type: .regular, size: 0, mode: 0o644)
        var archive = tar.finished()
        for index in 148..<156 { archive[index] = 0x20 }
        let signed = archive[0..<512].reduce(0) { $0 + Int(Int8(bitPattern: $1)) }
        let digits = Array(String(signed, radix: 8).utf8)
        archive.replaceSubrange(148..<156, with: [UInt8](repeating: 0x30, count: 6 - digits.count) + digits + [0, 0x20])
        #expect(try tarEntries(archive).map(\.name) == [name])
    }

    @Test func oldStyleDirectoryIsARegularEntryWithATrailingSlash() throws {
        var tar = TarBuilder()
        tar.entry(name: Array("var/".utf8), type: .regular, size: 0, mode: 0o755)
        tar.file("var/x", "y")
        let entries = try tarEntries(tar.finished())
        #expect(entries.map(\.kind) == [.directory, .regular])
        #expect(entries[0].size == 0)
    }

    @Test func endsWithoutEndOfArchiveMarker() throws {
        var tar = TarBuilder()
        tar.file("only", "content")
        #expect(try tarEntries(tar.bytes).map(\.path) == ["only"])
    }

    @Test func stopsAtTheEndOfArchiveMarker() throws {
        var tar = TarBuilder()
        tar.file("before", "1")
        var after = TarBuilder()
        after.file("after-marker", "2")
        #expect(try tarEntries(tar.finished() + after.finished()).map(\.path) == ["before"])
    }

    @Test func readsARegionAtAnOffsetInsideABiggerFile() throws {
        let archive = Self.kindsArchive().finished()
        let prefix = sampleBytes(count: 1234, seed: 1)
        let suffix = sampleBytes(count: 4321, seed: 2)
        let read = try withFile(archive, prefix: prefix, suffix: suffix) { region in
            #expect(region.offset == 1234)
            return try tarEntriesWithData(try FileRegionSource(region))
        }
        #expect(read.count == 9)
        #expect(read[1].entry.path == "etc/passwd")
        #expect(read[1].data == Self.passwd)
        #expect(read[1].entry.dataOffset == 1024, "offsets are relative to the stream, not the host file")
    }

    /// The reader's own buffering must not depend on how the source splits the stream.
    @Test(arguments: [[1], [7], [3, 511, 1], [513], [1000, 24]])
    func sameEntriesWhateverTheSourceChunking(_ chunks: [Int]) throws {
        var tar = Self.kindsArchive()
        tar.file("big", sampleBytes(count: 3000, seed: 9))
        let archive = tar.finished()
        let expected = try tarEntriesWithData(MemorySource(archive))
        let chunked = try tarEntriesWithData(MemorySource(archive, chunkSizes: chunks))
        #expect(chunked.map(\.entry.path) == expected.map(\.entry.path))
        #expect(chunked.map(\.data) == expected.map(\.data))
        #expect(chunked.map(\.entry.dataOffset) == expected.map(\.entry.dataOffset))
        // Skipping the data instead of reading it reaches the same entries.
        let reader = TarReader(MemorySource(archive, chunkSizes: chunks), what: "chunked")
        var names: [String] = []
        while let entry = try reader.next() { names.append(entry.path) }
        #expect(names == expected.map(\.entry.path))
    }

    @Test func readDataRefusesAMemberOverTheLimit() throws {
        var tar = TarBuilder()
        tar.file("big", sampleBytes(count: 2000))
        let error = try withFile(tar.finished()) { region in
            let reader = TarReader(try FileRegionSource(region), what: "layer")
            let entry = try #require(try reader.next())
            return #expect(throws: ArchiveError.self) { try reader.readData(entry, limit: 1999) }
        }
        #expect(error?.exceededLimit == "member size")
    }

    /// POSIX: "no data logical records are stored" for symlinks, devices and FIFOs, whatever the
    /// size field says; Go's archive/tar (what Docker writes and reads layers with) agrees, and so
    /// does TarReader's own comment. A reader that skips such "data" loses the next header.
    @Test(arguments: [UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "6")])
    func headerOnlyTypesCarryNoDataWhateverTheSizeField(_ typeFlag: UInt8) throws {
        let type = try #require(TarBuilder.TypeFlag(rawValue: typeFlag))
        var tar = TarBuilder()
        tar.entry(name: Array("odd".utf8), type: type, size: 100, mode: 0o777, linkName: Array("target".utf8))
        tar.file("next", "still here")
        let read = try withFile(tar.finished()) { try tarEntriesWithData(try FileRegionSource($0)) }
        #expect(read.map(\.entry.path) == ["odd", "next"])
        #expect(read.last?.data == Array("still here".utf8))
    }
}
