import Archive
import Model
import Testing
import TestSupport

@Suite("TarReader: pax extended headers")
struct TarReaderPaxTests {
    @Test func pathLinkpathUidGidAndFractionalMtime() throws {
        let longPath = (0..<30).map { "directory\($0)" }.joined(separator: "/") + "/file.txt"
        let longTarget = "/" + (0..<25).map { "target\($0)" }.joined(separator: "/")
        var tar = TarBuilder()
        tar.paxFile(records: [("path", longPath), ("uid", "4000000"), ("gid", "3000000"), ("mtime", "1700000123.75")],
                    shortName: "short", content: Array("payload".utf8))
        tar.paxHeader(records: [("linkpath", longTarget)], global: false)
        tar.symlink("link", to: "short-target")
        tar.file("plain", "p", uid: 5, gid: 6)
        let read = try withFile(tar.finished()) { try tarEntriesWithData(try FileRegionSource($0)) }
        #expect(longPath.utf8.count > 255 && longTarget.utf8.count > 100)
        #expect(read.map(\.entry.path) == [longPath, "link", "plain"])
        let file = read[0].entry
        #expect(file.uid == 4_000_000)
        #expect(file.gid == 3_000_000)
        #expect(file.modificationTime == 1_700_000_123)
        #expect(read[0].data == Array("payload".utf8))
        #expect(read[1].entry.link == longTarget)
        // Extended header records apply to the next entry only.
        #expect(read[2].entry.uid == 5 && read[2].entry.gid == 6)
        #expect(read[2].entry.modificationTime == 1_700_000_000)
        #expect(read[2].data == Array("p".utf8))
    }

    @Test func paxSizeOverridesTheHeaderSize() throws {
        let content = sampleBytes(count: 1500)
        var tar = TarBuilder()
        tar.paxHeader(records: [("size", "1500")], global: false)
        tar.entry(name: Array("sized".utf8), type: .regular, size: 0, mode: 0o644)
        tar.appendData(content)
        tar.file("next", "n")
        let archive = tar.finished()
        let read = try withFile(archive) { try tarEntriesWithData(try FileRegionSource($0)) }
        #expect(read.map(\.entry.path) == ["sized", "next"])
        #expect(read[0].entry.size == 1500)
        #expect(read[0].entry.storedSize == 1500)
        #expect(read[0].data == content)
        #expect(read[1].data == Array("n".utf8))
        // The same archive with the data skipped instead of read.
        #expect(try tarEntries(archive).map(\.path) == ["sized", "next"])
    }

    @Test func globalHeaderAppliesToEveryLaterEntry() throws {
        var tar = TarBuilder()
        tar.file("before", "0")
        tar.paxHeader(records: [("uid", "42"), ("gid", "43")], global: true)
        tar.file("first", "1")
        tar.paxFile(records: [("uid", "7")], shortName: "overridden", content: Array("2".utf8))
        tar.file("last", "3")
        let entries = try tarEntries(tar.finished())
        #expect(entries.map(\.path) == ["before", "first", "overridden", "last"])
        #expect(entries.map(\.uid) == [0, 42, 7, 42])
        #expect(entries.map(\.gid) == [0, 43, 43, 43])
    }

    @Test func nonUTF8NameKeepsItsRawBytes() throws {
        let rawName: [UInt8] = [0x75, 0x73, 0x72, 0x2f, 0x66, 0xff, 0xfe, 0x80, 0x2e, 0x62, 0x69, 0x6e]  // "usr/f\xff\xfe\x80.bin"
        var tar = TarBuilder()
        tar.paxRawPath(rawName, content: Array("bin".utf8))
        tar.file("utf8", "u")
        let read = try withFile(tar.finished()) { try tarEntriesWithData(try FileRegionSource($0)) }
        #expect(read.count == 2)
        #expect(read[0].entry.name == rawName)
        #expect(read[0].entry.binaryName)
        #expect(read[0].data == Array("bin".utf8))
        #expect(read[1].entry.path == "utf8")
        #expect(!read[1].entry.binaryName)
    }

    @Test func multibyteRecordLengthsAreCountedInBytes() throws {
        let name = "données/" + String(repeating: "é", count: 80) + "/文件.txt"
        var tar = TarBuilder()
        tar.paxFile(records: [("path", name), ("comment", String(repeating: "ü", count: 600))], shortName: "x", content: [1, 2, 3])
        tar.file("next", "n")
        let entries = try tarEntries(tar.finished())
        #expect(entries.map(\.path) == [name, "next"])
    }

    /// POSIX pax: a record with an empty value deletes the keyword, so the ustar field stands
    /// (Go's archive/tar and libarchive both keep the header name).
    @Test func emptyPathRecordKeepsTheHeaderName() throws {
        var tar = TarBuilder()
        tar.paxFile(records: [("path", "")], shortName: "header-name", content: Array("x".utf8))
        let entries = try tarEntries(tar.finished())
        #expect(entries.map(\.path) == ["header-name"])
    }
}
