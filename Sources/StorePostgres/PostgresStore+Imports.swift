import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    public func importImage(_ request: ImageAddRequest, result: AnalysisResult) async throws(StoreError) -> StoredImage {
        try await transaction("import image") { connection in
            let now = request.now.timeIntervalSince1970
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(request.account + "@" + request.digest)))", logger: logger)
            let previous = try await Self.image(connection, account: request.account, digest: request.digest, logger: logger)
            if let previous {
                var annotations = previous.annotations
                annotations.merge(request.annotations) { _, new in new }
                try await connection.query("""
                    UPDATE image SET analysis_status = 'analyzed', failure_reason = NULL, annotations = \(try PostgresRows.json(annotations)),
                    summary = \(try PostgresRows.json(result.summary)), analyzed_at = \(now), last_updated = \(now), record_version = record_version + 1
                    WHERE account = \(request.account) AND digest = \(request.digest)
                    """, logger: logger)
                try await connection.query("DELETE FROM analysis_job WHERE account = \(request.account) AND digest = \(request.digest)", logger: logger)
            } else {
                try await connection.query("""
                    INSERT INTO image (account, digest, parent_digest, analysis_status, image_status, failure_reason, annotations, summary,
                    created_at, analyzed_at, last_updated, record_version)
                    VALUES (\(request.account), \(request.digest), \(request.parentDigest), 'analyzed', 'active', NULL,
                    \(try PostgresRows.json(request.annotations)), \(try PostgresRows.json(result.summary)), \(now), \(now), \(now), 1)
                    """, logger: logger)
            }
            try await Self.transition(connection, account: request.account, digest: request.digest, from: previous?.analysisStatus, to: .analyzed,
                                      at: request.now, detail: "imported", logger: logger)
            if let tag = request.tag {
                try await connection.query("""
                    INSERT INTO image_tag (account, digest, registry, repository, tag, detected_at)
                    VALUES (\(request.account), \(request.digest), \(tag.registry), \(tag.repository), \(tag.tag), \(tag.detectedAt.timeIntervalSince1970))
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            try await connection.query("""
                DELETE FROM image_document WHERE account = \(request.account) AND digest = \(request.digest) AND kind = 'vulnerabilities'
                """, logger: logger)
            for (kind, data) in result.documents.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try await Self.putDocument(connection, kind, account: request.account, digest: request.digest, data: data, logger: logger)
            }
            try await Self.insert(connection, event: result.event, logger: logger)
            guard let image = try await Self.image(connection, account: request.account, digest: request.digest, logger: logger) else {
                throw StoreError.backend(operation: "import image", message: "image vanished inside its transaction")
            }
            return image
        }
    }

    static func apiKey(_ row: PostgresRandomAccessRow) throws -> APIKey {
        APIKey(username: try PostgresRows.string(row, "username"), name: try PostgresRows.string(row, "name"),
               keyHash: try PostgresRows.string(row, "key_hash"), createdAt: try PostgresRows.date(row, "created_at"),
               expiresAt: try PostgresRows.date(row, "expires_at"), status: try PostgresRows.string(row, "status"))
    }

    public func createAPIKey(_ key: APIKey) async throws(StoreError) {
        try await transaction("create API key") { connection in
            if try await !Self.rows("SELECT 1 FROM api_key WHERE username = \(key.username) AND name = \(key.name)", on: connection, logger: logger).isEmpty {
                throw StoreError.conflict("API key '\(key.name)'")
            }
            try await connection.query("""
                INSERT INTO api_key (username, name, key_hash, created_at, expires_at, status)
                VALUES (\(key.username), \(key.name), \(key.keyHash), \(key.createdAt.timeIntervalSince1970), \(key.expiresAt.timeIntervalSince1970), \(key.status))
                """, logger: logger)
        }
    }

    public func apiKeys(username: String) async throws(StoreError) -> [APIKey] {
        try await rows("list API keys", "SELECT * FROM api_key WHERE username = \(username) ORDER BY name", Self.apiKey)
    }

    public func apiKey(hash: String) async throws(StoreError) -> APIKey? {
        try await rows("read API key", "SELECT * FROM api_key WHERE key_hash = \(hash)", Self.apiKey).first
    }

    public func revokeAPIKey(username: String, name: String) async throws(StoreError) -> Bool {
        try await !rows("revoke API key", "UPDATE api_key SET status = 'revoked' WHERE username = \(username) AND name = \(name) RETURNING name").isEmpty
    }

    static func operation(_ row: PostgresRandomAccessRow) throws -> ImportOperation {
        ImportOperation(uuid: try PostgresRows.string(row, "uuid"), account: try PostgresRows.string(row, "account"),
                        status: try PostgresRows.string(row, "status"), createdAt: try PostgresRows.date(row, "created_at"),
                        expiresAt: try PostgresRows.date(row, "expires_at"))
    }

    public func createImportOperation(_ operation: ImportOperation) async throws(StoreError) {
        _ = try await rows("create import", """
            INSERT INTO import_operation (uuid, account, status, created_at, expires_at)
            VALUES (\(operation.uuid), \(operation.account), \(operation.status), \(operation.createdAt.timeIntervalSince1970),
            \(operation.expiresAt.timeIntervalSince1970))
            """)
    }

    public func importOperation(account: String, uuid: String) async throws(StoreError) -> ImportOperation? {
        try await rows("read import", "SELECT * FROM import_operation WHERE account = \(account) AND uuid = \(uuid)", Self.operation).first
    }

    public func importOperations(account: String) async throws(StoreError) -> [ImportOperation] {
        try await rows("list imports", "SELECT * FROM import_operation WHERE account = \(account) ORDER BY created_at", Self.operation)
    }

    public func setImportStatus(account: String, uuid: String, status: String) async throws(StoreError) {
        if try await rows("update import", """
            UPDATE import_operation SET status = \(status) WHERE account = \(account) AND uuid = \(uuid) RETURNING uuid
            """).isEmpty {
            throw .notFound("import operation \(uuid)")
        }
    }

    public func putImportContent(uuid: String, kind: String, digest: String, data: Data) async throws(StoreError) {
        try await transaction("store import content") { connection in
            try await connection.query("""
                INSERT INTO import_content (uuid, kind, digest, data) VALUES (\(uuid), \(kind), \(digest), \(data))
                ON CONFLICT (uuid, kind, digest) DO UPDATE SET data = excluded.data
                """, logger: logger)
        }
    }

    public func importContent(uuid: String, kind: String, digest: String) async throws(StoreError) -> Data? {
        try await rows("read import content", """
            SELECT data FROM import_content WHERE uuid = \(uuid) AND kind = \(kind) AND digest = \(digest)
            """) { try $0["data"].decode(Data.self) }.first
    }
}
