import Foundation
import StoreSQLite
import Testing
import TestSupport

/// A new SQLite store is created with 16 kB pages (documents of hundreds of kB span fewer overflow
/// pages); the page size is read from the database file's header (bytes 16–17, big-endian).
struct SQLitePageSizeTests {
    @Test func aNewStoreHasSixteenKilobytePages() async throws {
        let directory = try TemporaryDirectory("hawser-page-size")
        let path = directory.path + "/hawser.sqlite"
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        #expect(try await store.integrityCheck().isEmpty)
        let header = try #require(FileManager.default.contents(atPath: path)?.prefix(100))
        #expect(header.count == 100 && header.starts(with: Array("SQLite format 3\u{0}".utf8)))
        #expect(Int(header[header.startIndex + 16]) << 8 | Int(header[header.startIndex + 17]) == 16384)
    }
}
