import Foundation
import Logging
import PostgresNIO
import Store

extension PostgresStore {
    static func image(_ connection: PostgresConnection, account: String, digest: String, logger: Logger) async throws -> StoredImage? {
        guard let row = try await rows("SELECT * FROM image WHERE account = \(account) AND digest = \(digest)", on: connection, logger: logger).first else {
            return nil
        }
        let tags = try await rows("""
            SELECT * FROM image_tag WHERE account = \(account) AND digest = \(digest) ORDER BY detected_at, registry, repository, tag
            """, on: connection, logger: logger).map(PostgresRows.tag)
        return try PostgresRows.image(row, tags: tags)
    }

    /// Images with their tags, in two queries.
    func images(_ operation: String, where clause: PostgresQuery, accounts: [String]?) async throws(StoreError) -> [StoredImage] {
        try await wrap(operation) {
            try await client.withConnection { connection in
                let rows = try await Self.rows(clause, on: connection, logger: logger)
                guard !rows.isEmpty else { return [] }
                var tags: [String: [ImageTag]] = [:]
                let owners = try accounts ?? Array(Set(rows.map { try $0["account"].decode(String.self) }))
                for account in owners {
                    for row in try await Self.rows("SELECT * FROM image_tag WHERE account = \(account) ORDER BY detected_at, registry, repository, tag",
                                                   on: connection, logger: logger) {
                        tags[account + "\u{0}" + (try row["digest"].decode(String.self)), default: []].append(try PostgresRows.tag(row))
                    }
                }
                return try rows.map { row in
                    try PostgresRows.image(row, tags: tags[(try row["account"].decode(String.self)) + "\u{0}" + (try row["digest"].decode(String.self))] ?? [])
                }
            }
        }
    }

    static func transition(_ connection: PostgresConnection, account: String, digest: String, from: AnalysisStatus?, to: AnalysisStatus,
                           at: Date, detail: String? = nil, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO analysis_transition (account, digest, from_status, to_status, at, detail)
            VALUES (\(account), \(digest), \(from?.rawValue), \(to.rawValue), \(at.timeIntervalSince1970), \(detail))
            """, logger: logger)
    }

    public func addImage(_ request: ImageAddRequest) async throws(StoreError) -> ImageAddOutcome {
        try await transaction("add image") { connection in
            let now = request.now.timeIntervalSince1970
            var queue = false
            // Serialise adds of one digest: the row lock makes the second add see the first's job.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(request.account + "@" + request.digest)))", logger: logger)
            if let existing = try await Self.image(connection, account: request.account, digest: request.digest, logger: logger) {
                var annotations = existing.annotations
                annotations.merge(request.annotations) { _, new in new }
                let hasJob = try await !Self.rows("SELECT 1 FROM analysis_job WHERE account = \(request.account) AND digest = \(request.digest)",
                                                  on: connection, logger: logger).isEmpty
                queue = !hasJob && (request.force || existing.analysisStatus == .analysisFailed || existing.analysisStatus == .notAnalyzed)
                let status = queue ? AnalysisStatus.notAnalyzed : existing.analysisStatus
                try await connection.query("""
                    UPDATE image SET annotations = \(try PostgresRows.json(annotations)), analysis_status = \(status.rawValue),
                    failure_reason = CASE WHEN \(queue) THEN NULL ELSE failure_reason END, last_updated = \(now),
                    record_version = record_version + 1 WHERE account = \(request.account) AND digest = \(request.digest)
                    """, logger: logger)
                if queue && status != existing.analysisStatus {
                    try await Self.transition(connection, account: request.account, digest: request.digest, from: existing.analysisStatus, to: status,
                                              at: request.now, detail: request.force ? "force" : "re-queued", logger: logger)
                }
            } else {
                queue = true
                try await connection.query("""
                    INSERT INTO image (account, digest, parent_digest, analysis_status, image_status, failure_reason, annotations, summary,
                    created_at, analyzed_at, last_updated, record_version)
                    VALUES (\(request.account), \(request.digest), \(request.parentDigest), \(AnalysisStatus.notAnalyzed.rawValue), 'active', NULL,
                    \(try PostgresRows.json(request.annotations)), \(try PostgresRows.json(ImageSummary())), \(now), NULL, \(now), 1)
                    """, logger: logger)
                try await Self.transition(connection, account: request.account, digest: request.digest, from: nil, to: .notAnalyzed,
                                          at: request.now, logger: logger)
            }
            if let tag = request.tag {
                try await connection.query("""
                    INSERT INTO image_tag (account, digest, registry, repository, tag, detected_at)
                    VALUES (\(request.account), \(request.digest), \(tag.registry), \(tag.repository), \(tag.tag), \(tag.detectedAt.timeIntervalSince1970))
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            if queue {
                try await connection.query("""
                    INSERT INTO analysis_job (account, digest, pull_string, attempts, lease_owner, lease_expires, dockerfile)
                    VALUES (\(request.account), \(request.digest), \(request.pullString), 0, NULL, NULL, \(request.dockerfile))
                    """, logger: logger)
            }
            guard let image = try await Self.image(connection, account: request.account, digest: request.digest, logger: logger) else {
                throw StoreError.backend(operation: "add image", message: "image vanished inside its transaction")
            }
            return ImageAddOutcome(image: image, queued: queue)
        }
    }

    public func image(account: String, digest: String) async throws(StoreError) -> StoredImage? {
        try await wrap("read image") {
            try await client.withConnection { connection in try await Self.image(connection, account: account, digest: digest, logger: logger) }
        }
    }

    public func images(account: String) async throws(StoreError) -> [StoredImage] {
        try await images("list images", where: "SELECT * FROM image WHERE account = \(account) ORDER BY created_at, digest", accounts: [account])
    }

    public func analyzedImages(account: String?) async throws(StoreError) -> [StoredImage] {
        if let account {
            return try await images("list analyzed images", where: """
                SELECT * FROM image WHERE account = \(account) AND analysis_status = 'analyzed' ORDER BY created_at
                """, accounts: [account])
        }
        return try await images("list analyzed images", where: "SELECT * FROM image WHERE analysis_status = 'analyzed' ORDER BY account, created_at",
                                accounts: nil)
    }

    public func deleteImage(account: String, digest: String) async throws(StoreError) -> Bool {
        try await !rows("delete image", "DELETE FROM image WHERE account = \(account) AND digest = \(digest) RETURNING digest").isEmpty
    }

    public func transitions(account: String, digest: String) async throws(StoreError) -> [AnalysisTransition] {
        try await rows("read analysis history", "SELECT * FROM analysis_transition WHERE account = \(account) AND digest = \(digest) ORDER BY id") { row in
            AnalysisTransition(from: try PostgresRows.optional(row, "from_status").flatMap(AnalysisStatus.init(rawValue:)),
                               to: AnalysisStatus(rawValue: try PostgresRows.string(row, "to_status")) ?? .notAnalyzed,
                               at: try PostgresRows.date(row, "at"), detail: try PostgresRows.optional(row, "detail"))
        }
    }

    public func document(_ kind: ImageDocumentKind, account: String, digest: String) async throws(StoreError) -> Data? {
        try await rows("read \(kind.rawValue) document", """
            SELECT data FROM image_document WHERE account = \(account) AND digest = \(digest) AND kind = \(kind.rawValue)
            """) { try $0["data"].decode(Data.self) }.first
    }

    public func putDocuments(_ documents: [ImageDocumentKind: Data], account: String, digest: String) async throws(StoreError) {
        try await transaction("store \(documents.keys.map(\.rawValue).sorted().joined(separator: ", ")) documents") { connection in
            for (kind, data) in documents {
                try await Self.putDocument(connection, kind, account: account, digest: digest, data: data, logger: logger)
            }
        }
    }

    static func putDocument(_ connection: PostgresConnection, _ kind: ImageDocumentKind, account: String, digest: String, data: Data,
                            logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO image_document (account, digest, kind, data) VALUES (\(account), \(digest), \(kind.rawValue), \(data))
            ON CONFLICT (account, digest, kind) DO UPDATE SET data = excluded.data
            """, logger: logger)
    }
}
