import Foundation
import GRDB
import Store

extension SQLiteStore {
    public func importImage(_ request: ImageAddRequest, result: AnalysisResult) async throws(StoreError) -> StoredImage {
        try await write("import image") { db in
            let now = request.now.timeIntervalSince1970
            let previous = try Self.image(db, account: request.account, digest: request.digest)
            if let previous {
                var annotations = previous.annotations
                annotations.merge(request.annotations) { _, new in new }
                try db.execute(sql: """
                    UPDATE image SET analysis_status = 'analyzed', failure_reason = NULL, annotations = ?, summary = ?, analyzed_at = ?,
                    last_updated = ?, record_version = record_version + 1 WHERE account = ? AND digest = ?
                    """, arguments: [try SQLiteRows.json(annotations), try SQLiteRows.json(result.summary), now, now, request.account, request.digest])
                try db.execute(sql: "DELETE FROM analysis_job WHERE account = ? AND digest = ?", arguments: [request.account, request.digest])
            } else {
                try db.execute(sql: """
                    INSERT INTO image (account, digest, parent_digest, analysis_status, image_status, failure_reason, annotations, summary,
                    created_at, analyzed_at, last_updated, record_version) VALUES (?, ?, ?, 'analyzed', 'active', NULL, ?, ?, ?, ?, ?, 1)
                    """, arguments: [request.account, request.digest, request.parentDigest, try SQLiteRows.json(request.annotations),
                                     try SQLiteRows.json(result.summary), now, now, now])
            }
            try Self.transition(db, account: request.account, digest: request.digest, from: previous?.analysisStatus, to: .analyzed,
                                at: request.now, detail: "imported")
            if let tag = request.tag {
                try db.execute(sql: """
                    INSERT INTO image_tag (account, digest, registry, repository, tag, detected_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """, arguments: [request.account, request.digest, tag.registry, tag.repository, tag.tag, tag.detectedAt.timeIntervalSince1970])
            }
            for (kind, data) in result.documents.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try Self.putDocument(db, kind, account: request.account, digest: request.digest, data: data)
            }
            try db.execute(sql: "DELETE FROM image_document WHERE account = ? AND digest = ? AND kind = 'vulnerabilities'",
                           arguments: [request.account, request.digest])
            if let data = result.documents[.vulnerabilities] {
                try Self.putDocument(db, .vulnerabilities, account: request.account, digest: request.digest, data: data)
            }
            try Self.insert(db, event: result.event)
            guard let image = try Self.image(db, account: request.account, digest: request.digest) else {
                throw StoreError.backend(operation: "import image", message: "image vanished inside its transaction")
            }
            return image
        }
    }

    public func createAPIKey(_ key: APIKey) async throws(StoreError) {
        try await write("create API key") { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_key WHERE username = ? AND name = ?", arguments: [key.username, key.name]) == true {
                throw StoreError.conflict("API key '\(key.name)'")
            }
            try db.execute(sql: "INSERT INTO api_key (username, name, key_hash, created_at, expires_at, status) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [key.username, key.name, key.keyHash, key.createdAt.timeIntervalSince1970, key.expiresAt.timeIntervalSince1970, key.status])
        }
    }

    static func apiKey(_ row: Row) -> APIKey {
        APIKey(username: row["username"], name: row["name"], keyHash: row["key_hash"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
               expiresAt: Date(timeIntervalSince1970: row["expires_at"]), status: row["status"])
    }

    public func apiKeys(username: String) async throws(StoreError) -> [APIKey] {
        try await read("list API keys") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_key WHERE username = ? ORDER BY name", arguments: [username]).map(Self.apiKey)
        }
    }

    public func apiKey(hash: String) async throws(StoreError) -> APIKey? {
        try await read("read API key") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_key WHERE key_hash = ?", arguments: [hash]).map(Self.apiKey)
        }
    }

    public func revokeAPIKey(username: String, name: String) async throws(StoreError) -> Bool {
        try await write("revoke API key") { db in
            try db.execute(sql: "UPDATE api_key SET status = 'revoked' WHERE username = ? AND name = ?", arguments: [username, name])
            return db.changesCount > 0
        }
    }

    static func operation(_ row: Row) -> ImportOperation {
        ImportOperation(uuid: row["uuid"], account: row["account"], status: row["status"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                        expiresAt: Date(timeIntervalSince1970: row["expires_at"]))
    }

    public func createImportOperation(_ operation: ImportOperation) async throws(StoreError) {
        try await write("create import") { db in
            try db.execute(sql: "INSERT INTO import_operation (uuid, account, status, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [operation.uuid, operation.account, operation.status, operation.createdAt.timeIntervalSince1970,
                                       operation.expiresAt.timeIntervalSince1970])
        }
    }

    public func importOperation(account: String, uuid: String) async throws(StoreError) -> ImportOperation? {
        try await read("read import") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM import_operation WHERE account = ? AND uuid = ?", arguments: [account, uuid]).map(Self.operation)
        }
    }

    public func importOperations(account: String) async throws(StoreError) -> [ImportOperation] {
        try await read("list imports") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM import_operation WHERE account = ? ORDER BY created_at", arguments: [account]).map(Self.operation)
        }
    }

    public func setImportStatus(account: String, uuid: String, status: String) async throws(StoreError) {
        try await write("update import") { db in
            try db.execute(sql: "UPDATE import_operation SET status = ? WHERE account = ? AND uuid = ?", arguments: [status, account, uuid])
            if db.changesCount == 0 { throw StoreError.notFound("import operation \(uuid)") }
        }
    }

    public func putImportContent(uuid: String, kind: String, digest: String, data: Data) async throws(StoreError) {
        try await write("store import content") { db in
            try db.execute(sql: """
                INSERT INTO import_content (uuid, kind, digest, data) VALUES (?, ?, ?, ?) ON CONFLICT (uuid, kind, digest) DO UPDATE SET data = excluded.data
                """, arguments: [uuid, kind, digest, data])
        }
    }

    public func importContent(uuid: String, kind: String, digest: String) async throws(StoreError) -> Data? {
        try await read("read import content") { db in
            try Data.fetchOne(db, sql: "SELECT data FROM import_content WHERE uuid = ? AND kind = ? AND digest = ?", arguments: [uuid, kind, digest])
        }
    }
}
