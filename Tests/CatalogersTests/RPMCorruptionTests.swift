@testable import Catalogers
import Cataloging
import Foundation
import Model
import Testing

/// Damaged copies of the real databases and header blobs: every one must give diagnostics naming the
/// database (or fewer packages with a diagnostic), never a crash, a hang or garbage packages.
@Suite struct RPMCorruptionTests {
    let cataloger = RPMCataloger()

    /// Truncated copies, written to disk and read through `DirectoryTree` like any image.
    @Test(arguments: RPMFixtures.databases.map(\.folder))
    func truncatedDatabase(folder: String) throws {
        let path = try #require(RPMFixtures.databases.first { $0.folder == folder }).path
        let bytes = try RPMFixtures.bytes(folder + path)
        let expected = try RPMFixtures.expectedRows(folder)
        let lengths = Set([1, 15, 16, 100, 511, 4096, 4097, bytes.count / 3, bytes.count / 2, bytes.count - 4096, bytes.count - 1])
            .filter { $0 > 0 && $0 < bytes.count }.sorted()
        for length in lengths {
            let root = try RPMTestRoot(database: path, bytes: Array(bytes.prefix(length)))
            defer { root.remove() }
            let result = try root.catalog()
            let rows = result.packages.compactMap(\.rpmMetadata?.expectedRow)
            // Whatever is read is right, and anything missing is reported.
            #expect(rows.allSatisfy(expected.contains), "\(folder) cut to \(length) bytes")
            if rows.count < expected.count {
                #expect(!result.diagnostics.isEmpty, "\(folder) cut to \(length) bytes lost packages silently")
            }
            #expect(result.diagnostics.allSatisfy { $0.path == path && $0.cataloger == "rpm-db-cataloger" })
        }
    }

    /// Random byte damage (a seeded generator, so a failure replays): flipped bytes and words set to
    /// extreme values. Only the absence of traps, hangs and unbounded output is asserted.
    @Test(arguments: RPMFixtures.databases.map(\.folder))
    func randomlyDamagedDatabase(folder: String) throws {
        let path = try #require(RPMFixtures.databases.first { $0.folder == folder }).path
        let bytes = try RPMFixtures.bytes(folder + path)
        let database = FileEntry(path: path, type: .regular, mode: 0o644, size: Int64(bytes.count))
        var random = RPMSplitMix(state: UInt64(bytes.count))
        let rounds = bytes.count > 1_000_000 ? 24 : 150
        for _ in 0..<rounds {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let offset = Int.random(in: 0..<(damaged.count - 4), using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: damaged[offset] ^= UInt8.random(in: 1...255, using: &random)
                case 1: damaged.replaceSubrange(offset..<(offset + 4), with: [0xFF, 0xFF, 0xFF, 0xFF])
                case 2: damaged.replaceSubrange(offset..<(offset + 4), with: [0x7F, 0xFF, 0xFF, 0xFF])
                default: damaged.replaceSubrange(offset..<(offset + 4), with: [0, 0, 0, 0])
                }
            }
            let result = cataloger.catalogDatabase(damaged, at: database, distro: nil)
            #expect(result.diagnostics.count <= RPMCataloger.maximumDiagnosticsPerDatabase + 1)
            #expect(result.diagnostics.allSatisfy { $0.path == path })
        }
    }

    @Test func overflowChainThatLoops() throws {
        var bytes = try RPMFixtures.bytes("bdb-dive/var/lib/rpm/Packages")
        // Page 3 is dive's only overflow page; make it its own successor.
        #expect(bytes[3 * 4096 + 25] == RPMBerkeleyDB.PageType.overflow)
        bytes.replaceSubrange((3 * 4096 + 16)..<(3 * 4096 + 20), with: [3, 0, 0, 0])
        let result = cataloger.catalogDatabase(bytes, at: FileEntry(path: "/var/lib/rpm/Packages", type: .regular, mode: 0o644), distro: nil)
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.path == "/var/lib/rpm/Packages")
    }

    /// A header that still parses but was altered fails its SHA256 header digest, as rpm would say.
    @Test func alteredHeaderFailsItsDigest() throws {
        var bytes = try RPMFixtures.bytes("bdb-dive/var/lib/rpm/Packages")
        let overflowPage = 3 * 4096
        let license = Array("MIT\0".utf8)
        let offset = try #require((overflowPage..<(overflowPage + 4096 - 4)).first { Array(bytes[$0..<($0 + 4)]) == license })
        bytes[offset] = UInt8(ascii: "X")
        let result = cataloger.catalogDatabase(bytes, at: FileEntry(path: "/var/lib/rpm/Packages", type: .regular, mode: 0o644), distro: nil)
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("SHA256 digest mismatch") == true)
    }

    @Test func berkeleyDBBtreeAndOtherFilesAreNotRead() throws {
        var btree = [UInt8](repeating: 0, count: 4096)
        btree.replaceSubrange(12..<16, with: [0x62, 0x31, 0x05, 0x00])
        #expect(throws: RPMDatabaseError.self) { try RPMCataloger.blobs(of: btree) }
        #expect(throws: RPMDatabaseError.self) { try RPMCataloger.blobs(of: Array("not an rpm database\n".utf8)) }
        let notRPM = try RPMFixtures.bytes("not-an-rpm/bad.rpm")
        #expect(throws: RPMDatabaseError.self) { try RPMCataloger.blobs(of: notRPM) }
    }

    @Test func ndbSlotPointingPastTheEnd() throws {
        var bytes = try RPMFixtures.bytes("ndb-sle15-bci/usr/lib/sysimage/rpm/Packages.db")
        // Slot 2 (the first after the header) gets a block offset far past the end of the file.
        bytes.replaceSubrange(40..<44, with: [0xFF, 0xFF, 0xFF, 0x0F])
        let result = cataloger.catalogDatabase(bytes, at: FileEntry(path: "/usr/lib/sysimage/rpm/Packages.db", type: .regular, mode: 0o644),
                                               distro: nil)
        #expect(result.packages.count == 34)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("past the end") == true)
    }
}

/// The header blob parser on its own: the two bare blobs of the fixtures, and crafted damage.
@Suite struct RPMHeaderTests {
    @Test(arguments: [("header-blob", "package.header"), ("nevra-blob", "blob.bin")])
    func bareHeaderBlob(folder: String, file: String) throws {
        let header = try RPMHeader(try RPMFixtures.bytes(folder + "/" + file))
        let metadata = try header.metadata().metadata
        #expect([metadata.expectedRow] == (try RPMFixtures.expectedRows(folder)))
    }

    @Test func headerDigests() throws {
        try RPMHeader(try RPMFixtures.bytes("header-blob/package.header")).verifyDigest()
        // go-rpmdb's TestNevra blob was edited (its file list is broken on purpose), so its digest no longer matches.
        let edited = try RPMHeader(try RPMFixtures.bytes("nevra-blob/blob.bin"))
        #expect(throws: RPMDatabaseError.self) { try edited.verifyDigest() }
        #expect(throws: RPMDatabaseError.self) { try edited.fileNames() }
        #expect(try RPMHeader(try RPMFixtures.bytes("header-blob/package.header")).fileNames().count == 152)
    }

    /// Every 4-byte word of the index set to extreme values, one at a time: throws or parses, never traps.
    @Test func everyIndexWordDamaged() throws {
        let blob = try RPMFixtures.bytes("header-blob/package.header")
        let indexEnd = 8 + 16 * Int(try #require(RPMBytes(blob, bigEndian: true).uint32(at: 0)))
        var parsed = 0
        for offset in stride(from: 0, to: indexEnd, by: 4) {
            for word: [UInt8] in [[0xFF, 0xFF, 0xFF, 0xFF], [0x7F, 0xFF, 0xFF, 0xFF], [0, 1, 0, 0], [0, 0, 0, 0]] {
                var damaged = blob
                damaged.replaceSubrange(offset..<(offset + 4), with: word)
                if let header = try? RPMHeader(damaged), (try? header.metadata()) != nil { parsed += 1 }
            }
        }
        #expect(parsed > 0)
    }

    @Test func impossibleCountsThrowBeforeAllocating() throws {
        // il = 0xFFFFFFFF, dl = 0xFFFFFFFF.
        #expect(throws: RPMDatabaseError.self) { try RPMHeader([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]) }
        #expect(throws: RPMDatabaseError.self) { try RPMHeader([0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF]) }
        #expect(throws: RPMDatabaseError.self) { try RPMHeader([0, 0, 0, 1]) }
        // One BASENAMES entry claiming 2^31 strings in a 4-byte data store.
        let huge = Self.header([(RPMTag.baseNames, RPMTag.stringArrayType, 0, 0x8000_0000)], data: Array("a\0b\0".utf8))
        #expect(throws: RPMDatabaseError.self) { try RPMHeader(huge).fileNames() }
        // A string without its NUL.
        let open = Self.header([(RPMTag.name, RPMTag.stringType, 0, 1)], data: Array("abcd".utf8))
        #expect(throws: RPMDatabaseError.self) { try RPMHeader(open).metadata() }
        // An offset past the data store.
        #expect(throws: RPMDatabaseError.self) { try RPMHeader(Self.header([(RPMTag.name, RPMTag.stringType, 9, 1)], data: [0, 0, 0, 0])) }
    }

    @Test func badFileListKeepsThePackage() throws {
        var data: [UInt8] = []
        var entries: [(UInt32, UInt32, UInt32, UInt32)] = []
        func add(_ tag: UInt32, _ type: UInt32, _ count: UInt32, _ bytes: [UInt8]) {
            while type == RPMTag.int32Type && data.count % 4 != 0 { data.append(0) }
            entries.append((tag, type, UInt32(data.count), count))
            data += bytes
        }
        add(RPMTag.name, RPMTag.stringType, 1, Array("pkg\0".utf8))
        add(RPMTag.version, RPMTag.stringType, 1, Array("1.0\0".utf8))
        add(RPMTag.release, RPMTag.stringType, 1, Array("1\0".utf8))
        add(RPMTag.baseNames, RPMTag.stringArrayType, 1, Array("file\0".utf8))
        add(RPMTag.dirNames, RPMTag.stringArrayType, 1, Array("/usr/\0".utf8))
        add(RPMTag.dirIndexes, RPMTag.int32Type, 1, [0, 0, 0, 7])
        let (metadata, fileError) = try RPMHeader(Self.header(entries, data: data)).metadata()
        #expect(metadata.name == "pkg")
        #expect(metadata.version == "1.0")
        #expect(metadata.files.isEmpty)
        #expect(fileError?.message.contains("directory index 7") == true)
    }

    /// A header blob from (tag, type, offset, count) entries and a data store.
    static func header(_ entries: [(UInt32, UInt32, UInt32, UInt32)], data: [UInt8]) -> [UInt8] {
        func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        var blob = bigEndian(UInt32(entries.count)) + bigEndian(UInt32(data.count))
        for (tag, type, offset, count) in entries { blob += bigEndian(tag) + bigEndian(type) + bigEndian(offset) + bigEndian(count) }
        return blob + data
    }
}
