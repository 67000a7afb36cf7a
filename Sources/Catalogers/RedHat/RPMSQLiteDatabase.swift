import HawserSQLite

/// Reads rpm's SQLite `rpmdb.sqlite` (RHEL 9, Fedora ≥ 33, Azure Linux): `SELECT blob FROM Packages ORDER BY hnum`,
/// one header blob per row (rpm's `lib/backend/sqlite.c`).
///
/// The bytes are handed to SQLite in memory (`sqlite3_deserialize`, read-only), so nothing is written
/// to disk. rpm leaves the file in WAL mode, which an in-memory database cannot open, so the copy's
/// header is switched to rollback-journal mode first (bytes 18 and 19, "file format write/read
/// version", https://sqlite.org/fileformat2.html#the_database_header). A `-wal` file beside the
/// database is not read; images normally hold a checkpointed database.
enum RPMSQLiteDatabase {
    static let magic = Array("SQLite format 3\u{0}".utf8)

    static func recognizes(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: magic)
    }

    static func read(_ bytes: [UInt8]) throws(RPMDatabaseError) -> RPMDatabaseBlobs {
        guard bytes.count >= 100, recognizes(bytes) else { throw RPMDatabaseError("not a SQLite database") }
        var connection: OpaquePointer?
        guard sqlite3_open_v2(":memory:", &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nil) == SQLITE_OK, let connection else {
            sqlite3_close(connection)
            throw RPMDatabaseError("cannot open an in-memory SQLite database")
        }
        defer { sqlite3_close(connection) }

        // SQLite owns (and frees) the copy.
        guard let buffer = sqlite3_malloc64(UInt64(bytes.count))?.bindMemory(to: UInt8.self, capacity: bytes.count) else {
            throw RPMDatabaseError("cannot allocate \(bytes.count) bytes for the SQLite database")
        }
        _ = UnsafeMutableBufferPointer(start: buffer, count: bytes.count).initialize(from: bytes)
        if buffer[18] == 2 { buffer[18] = 1 }
        if buffer[19] == 2 { buffer[19] = 1 }
        let flags = UInt32(SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE)
        let size = sqlite3_int64(bytes.count)
        guard sqlite3_deserialize(connection, "main", buffer, size, size, flags) == SQLITE_OK else {
            throw RPMDatabaseError("SQLite cannot load the database: \(message(connection))")
        }

        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, "SELECT blob FROM Packages ORDER BY hnum", -1, &statement, nil) == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw RPMDatabaseError("SQLite cannot read the Packages table: \(message(connection))")
        }
        defer { sqlite3_finalize(statement) }

        var result = RPMDatabaseBlobs()
        if let expected = expectedSize(bytes), expected > bytes.count {
            result.problems.append(RPMDatabaseError("SQLite file is truncated: \(bytes.count) of \(expected) bytes present"))
        }
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                let problem = RPMDatabaseError("SQLite stopped reading Packages after \(result.blobs.count) rows: \(message(connection))")
                if result.blobs.isEmpty { throw problem }
                result.problems.append(problem)
                break
            }
            let length = Int(sqlite3_column_bytes(statement, 0))
            if length > 0, let pointer = sqlite3_column_blob(statement, 0) {
                result.blobs.append(Array(UnsafeRawBufferPointer(start: pointer, count: length)))
            } else {
                result.problems.append(RPMDatabaseError("a Packages row has an empty blob"))
            }
        }
        return result
    }

    /// The size the header says the file has: page size × page count, when the count is valid (its
    /// "version-valid-for" number equals the change counter; https://sqlite.org/fileformat2.html#in_header_database_size).
    static func expectedSize(_ bytes: [UInt8]) -> Int? {
        let header = RPMBytes(bytes, bigEndian: true)
        guard let rawPageSize = header.uint16(at: 16), let pageCount = header.uint32(at: 28), pageCount > 0,
              let changeCounter = header.uint32(at: 24), header.uint32(at: 92) == changeCounter else { return nil }
        let pageSize = rawPageSize == 1 ? 65536 : Int(rawPageSize)
        return pageSize * Int(pageCount)
    }

    static func message(_ connection: OpaquePointer) -> String {
        sqlite3_errmsg(connection).map { String(cString: $0) } ?? "unknown error"
    }
}
