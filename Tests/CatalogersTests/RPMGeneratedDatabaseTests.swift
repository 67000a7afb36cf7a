@testable import Catalogers
import Cataloging
import Foundation
import LayerFS
import Model
import TestSupport
import Testing

/// The 129 headers of the Mariner 2 SQLite fixture rewritten into the other two backends, so that
/// NDB and BerkeleyDB are tested with many packages, several page sizes, inline and overflow values
/// and both byte orders. NDB is written here (the layout of `shared/fixtures/MAKING.md` §5);
/// BerkeleyDB needs `db5.3_load` (Debian's db5.3-util, MAKING.md §4) and is compared with
/// `rpm -qa` (bdb_ro backend) when rpm is installed too.
@Suite struct RPMGeneratedDatabaseTests {
    static let sqlite = "sqlite-mariner2/var/lib/rpm/rpmdb.sqlite"
    static let dbLoad = "/usr/bin/db5.3_load"
    static let rpm = "/usr/bin/rpm"

    static func mariner() throws -> [[UInt8]] {
        try RPMCataloger.blobs(of: try RPMFixtures.bytes(sqlite)).blobs
    }

    @Test func ndbWithManyPackages() throws {
        let blobs = try Self.mariner()
        let root = try RPMTestRoot(database: "/usr/lib/sysimage/rpm/Packages.db", bytes: Self.ndb(blobs))
        defer { root.remove() }
        let result = try root.catalog()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.packages.compactMap(\.rpmMetadata?.expectedRow) == (try RPMFixtures.expectedRows("sqlite-mariner2")))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: dbLoad), "needs db5.3_load (apt-get install db-util)"),
          arguments: [(4096, false), (4096, true), (65536, false), (512, true)])
    func berkeleyDBWrittenByLibdb(pageSize: Int, bigEndian: Bool) throws {
        let blobs = try Self.mariner()
        let directory = try TemporaryDirectory("hawser-rpm")
        defer { directory.remove() }
        let dump = directory.path + "/packages.dump"
        try Self.dbDump(blobs, pageSize: pageSize, bigEndian: bigEndian).write(toFile: dump, atomically: true, encoding: .utf8)
        let databaseDirectory = directory.path + "/root/var/lib/rpm"
        try FileManager.default.createDirectory(atPath: databaseDirectory, withIntermediateDirectories: true)
        _ = try Self.run(Self.dbLoad, (bigEndian ? ["-c", "db_lorder=4321"] : []) + ["-f", dump, databaseDirectory + "/Packages"])

        let result = RPMCataloger().catalog(try DirectoryTree.read(root: directory.path + "/root"), context: CatalogContext(distro: nil))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let rows = result.packages.compactMap(\.rpmMetadata?.expectedRow)
        let expected = try RPMFixtures.expectedRows("sqlite-mariner2")
        #expect(rows.count == expected.count)
        #expect(rows.sorted { $0.lexicographicallyPrecedes($1) } == expected.sorted { $0.lexicographicallyPrecedes($1) })

        // Hash pages are read in file order (as go-rpmdb and Syft do); rpm walks bucket chains, which
        // is the same order unless a bucket spilled onto a later page (seen with 64 KiB pages).
        if FileManager.default.isExecutableFile(atPath: Self.rpm), pageSize == 4096 {
            let output = try Self.run(Self.rpm, ["--dbpath", databaseDirectory, "-D", "_db_backend bdb_ro", "-qa",
                                                 "--qf", "%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{EPOCH}\\t%{ARCH}\\t%{SOURCERPM}\\n"])
            #expect(rows == output.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) })
        }
    }

    /// NDB as rpm's `rpmpkg.c` lays it out (MAKING.md §5): header, slot pages, 16-byte-block blobs.
    static func ndb(_ blobs: [[UInt8]]) -> [UInt8] {
        func le(_ values: UInt32...) -> [UInt8] { values.flatMap { value in [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: value >> $0) } } }
        let slotsPerPage = 4096 / 16
        let slotPages = max(1, (blobs.count + 2 + slotsPerPage - 1) / slotsPerPage)
        var block = UInt32(slotPages * 4096 / 16)
        var slots: [UInt8] = []
        var data: [UInt8] = []
        for (index, blob) in blobs.enumerated() {
            let packageIndex = UInt32(index + 1)
            var record = le(0x5362_6C42, packageIndex, 1, UInt32(blob.count)) + blob + le(0, UInt32(blob.count), 0x4562_6C42)
            record += [UInt8](repeating: 0, count: (16 - record.count % 16) % 16)
            slots += le(0x746F_6C53, packageIndex, block, UInt32(record.count / 16))
            block += UInt32(record.count / 16)
            data += record
        }
        for _ in 0..<(slotPages * slotsPerPage - 2 - blobs.count) { slots += le(0x746F_6C53, 0, 0, 0) }
        return le(0x506D_7052, 0, 1, UInt32(slotPages), UInt32(blobs.count + 1), 0, 0, 0) + slots + data
    }

    /// `db_dump`'s "bytevalue" text, which `db5.3_load` turns into a hash database; key 0 holds the
    /// highest instance number, as rpm writes it.
    static func dbDump(_ blobs: [[UInt8]], pageSize: Int, bigEndian: Bool) -> String {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
        func key(_ value: Int) -> String {
            let bytes = [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: value >> $0) }
            return hex(bigEndian ? bytes.reversed() : bytes)
        }
        var text = "VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=\(pageSize)\nHEADER=END\n"
        text += " \(key(0))\n \(key(blobs.count))\n"
        for (index, blob) in blobs.enumerated() { text += " \(key(index + 1))\n \(hex(blob))\n" }
        return text + "DATA=END\n"
    }

    /// Runs a tool and returns its standard output; throws when it fails.
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RPMDatabaseError("\(executable) exited with \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}
