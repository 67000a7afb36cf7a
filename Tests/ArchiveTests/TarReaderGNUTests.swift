import Archive
import Model
import Testing
import TestSupport

@Suite("TarReader: GNU extensions")
struct TarReaderGNUTests {
    @Test func longNameRecord() throws {
        let name = "usr/share/" + String(repeating: "n", count: 200) + "/file"
        let content = sampleBytes(count: 700)
        var tar = TarBuilder()
        tar.gnuLongName(name, content: content)
        tar.file("next", "n")
        let read = try withFile(tar.finished()) { try tarEntriesWithData(try FileRegionSource($0)) }
        #expect(read.map(\.entry.path) == [name, "next"])
        #expect(read[0].entry.kind == .regular)
        #expect(read[0].data == content)
        #expect(read[1].data == Array("n".utf8))
    }

    @Test func longNameAndLongLinkRecords() throws {
        let name = String(repeating: "l", count: 150)
        let target = "/" + String(repeating: "t/", count: 90) + "end"
        var tar = TarBuilder()
        tar.gnuLongName(name, content: [], linkTarget: target)
        tar.symlink("short", to: "short-target")
        let entries = try tarEntries(tar.finished())
        #expect(entries.map(\.path) == [name, "short"])
        #expect(entries.map(\.kind) == [.symlink, .symlink])
        #expect(entries.map(\.link) == [target, "short-target"])
    }

    @Test func base256Size() throws {
        let content = sampleBytes(count: 1025)
        var tar = TarBuilder()
        tar.base256File("binary-size", content: content)
        tar.file("next", "n")
        let archive = tar.finished()
        #expect(archive[124] == 0x80, "the fixture must use base-256")
        let read = try withFile(archive) { try tarEntriesWithData(try FileRegionSource($0)) }
        #expect(read.map(\.entry.path) == ["binary-size", "next"])
        #expect(read[0].entry.size == 1025)
        #expect(read[0].data == content)
    }

    @Test func base256UidAboveTheOctalRange() throws {
        var tar = TarBuilder()
        tar.file("owned", "x")
        var archive = tar.finished()
        // uid field (108, 8 bytes) in base-256: 0x80 then 7 bytes big-endian.
        let uid = 0x0123_4567
        archive.replaceSubrange(108..<116, with: [0x80, 0, 0, 0, 0x01, 0x23, 0x45, 0x67])
        fixChecksum(&archive, header: 0)
        #expect(try tarEntries(archive).map(\.uid) == [uid])
    }

    @Test func oldGNUSparseEntryThenANormalOne() throws {
        let stored = sampleBytes(count: 600)
        var tar = TarBuilder()
        tar.gnuSparse("disk.img", stored: stored, realSize: 10_000_000)
        tar.file("after", "after sparse")
        let archive = tar.finished()
        let read = try withFile(archive) { try tarEntriesWithData(try FileRegionSource($0)) }
        #expect(read.map(\.entry.path) == ["disk.img", "after"])
        let sparse = read[0].entry
        #expect(sparse.isSparse)
        #expect(sparse.kind == .regular)
        #expect(sparse.size == 10_000_000)
        #expect(sparse.storedSize == 600)
        #expect(read[0].data == stored)
        #expect(read[1].data == Array("after sparse".utf8))
        #expect(!read[1].entry.isSparse)
        #expect(try tarEntries(archive).map(\.path) == ["disk.img", "after"])
    }

    @Test func oldGNUSparseWithExtensionBlocks() throws {
        let stored = sampleBytes(count: 100)
        var tar = TarBuilder()
        tar.gnuSparse("ext.img", stored: [], realSize: 5_000)
        var archive = tar.bytes
        // Mark the header as extended and insert two sparse-map extension blocks before the data.
        archive[482] = 1
        archive.replaceSubrange(124..<135, with: Array("00000000144".utf8))  // 100 in octal
        fixChecksum(&archive, header: 0)
        var firstExtension = [UInt8](repeating: 0, count: 512)
        firstExtension[504] = 1
        let secondExtension = [UInt8](repeating: 0, count: 512)
        archive += firstExtension + secondExtension + stored + [UInt8](repeating: 0, count: 412)
        var next = TarBuilder()
        next.file("after", "a")
        archive += next.finished()
        let read = try withFile(archive) { try tarEntriesWithData(try FileRegionSource($0)) }
        #expect(read.map(\.entry.path) == ["ext.img", "after"])
        #expect(read[0].entry.size == 5_000)
        #expect(read[0].entry.dataOffset == 512 * 3)
        #expect(read[0].data == stored)
        #expect(read[1].data == Array("a".utf8))
    }

    @Test func paxGNUSparseKeysMarkTheEntrySparse() throws {
        var tar = TarBuilder()
        tar.paxFile(records: [("GNU.sparse.name", "real/name.img"), ("GNU.sparse.realsize", "123456")],
                    shortName: "GNUSparseFile.0/name.img", content: sampleBytes(count: 64))
        tar.file("after", "a")
        let entries = try tarEntries(tar.finished())
        #expect(entries.map(\.path) == ["real/name.img", "after"])
        #expect(entries[0].isSparse)
        #expect(entries[0].size == 123_456)
        #expect(entries[0].storedSize == 64)
    }
}
