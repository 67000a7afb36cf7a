import Foundation
import GRDB
import Store

extension SQLiteStore {
    static func tags(_ db: Database, account: String, digest: String) throws -> [ImageTag] {
        try Row.fetchAll(db, sql: "SELECT * FROM image_tag WHERE account = ? AND digest = ? ORDER BY detected_at, registry, repository, tag",
                         arguments: [account, digest]).map(SQLiteRows.tag)
    }

    static func image(_ db: Database, account: String, digest: String) throws -> StoredImage? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM image WHERE account = ? AND digest = ?", arguments: [account, digest]) else {
            return nil
        }
        return try SQLiteRows.image(row, tags: try tags(db, account: account, digest: digest))
    }

    /// Images with their tags, read in two queries.
    static func images(_ db: Database, sql: String, arguments: StatementArguments) throws -> [StoredImage] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        guard !rows.isEmpty else { return [] }
        var tagsByImage: [String: [ImageTag]] = [:]
        let accounts = Set(rows.map { $0["account"] as String })
        for account in accounts {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM image_tag WHERE account = ? ORDER BY detected_at, registry, repository, tag",
                                        arguments: [account]) {
                tagsByImage[account + "\u{0}" + (row["digest"] as String), default: []].append(SQLiteRows.tag(row))
            }
        }
        return try rows.map { row in
            try SQLiteRows.image(row, tags: tagsByImage[(row["account"] as String) + "\u{0}" + (row["digest"] as String)] ?? [])
        }
    }

    static func transition(_ db: Database, account: String, digest: String, from: AnalysisStatus?, to: AnalysisStatus, at: Date,
                           detail: String? = nil) throws {
        try db.execute(sql: "INSERT INTO analysis_transition (account, digest, from_status, to_status, at, detail) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [account, digest, from?.rawValue, to.rawValue, at.timeIntervalSince1970, detail])
    }

    public func addImage(_ request: ImageAddRequest) async throws(StoreError) -> ImageAddOutcome {
        try await write("add image") { db in
            let now = request.now.timeIntervalSince1970
            var queue = false
            if let existing = try Self.image(db, account: request.account, digest: request.digest) {
                var annotations = existing.annotations
                annotations.merge(request.annotations) { _, new in new }
                let hasJob = try Bool.fetchOne(db, sql: "SELECT 1 FROM analysis_job WHERE account = ? AND digest = ?",
                                               arguments: [request.account, request.digest]) == true
                queue = !hasJob && (request.force || existing.analysisStatus == .analysisFailed || existing.analysisStatus == .notAnalyzed)
                let status = queue ? AnalysisStatus.notAnalyzed : existing.analysisStatus
                try db.execute(sql: """
                    UPDATE image SET annotations = ?, analysis_status = ?, failure_reason = CASE WHEN ? THEN NULL ELSE failure_reason END,
                    last_updated = ?, record_version = record_version + 1 WHERE account = ? AND digest = ?
                    """, arguments: [try SQLiteRows.json(annotations), status.rawValue, queue, now, request.account, request.digest])
                if queue && status != existing.analysisStatus {
                    try Self.transition(db, account: request.account, digest: request.digest, from: existing.analysisStatus, to: status,
                                        at: request.now, detail: request.force ? "force" : "re-queued")
                }
            } else {
                queue = true
                try db.execute(sql: """
                    INSERT INTO image (account, digest, parent_digest, analysis_status, image_status, failure_reason, annotations, summary,
                    created_at, analyzed_at, last_updated, record_version) VALUES (?, ?, ?, ?, 'active', NULL, ?, ?, ?, NULL, ?, 1)
                    """, arguments: [request.account, request.digest, request.parentDigest, AnalysisStatus.notAnalyzed.rawValue,
                                     try SQLiteRows.json(request.annotations), try SQLiteRows.json(ImageSummary()), now, now])
                try Self.transition(db, account: request.account, digest: request.digest, from: nil, to: .notAnalyzed, at: request.now)
            }
            if let tag = request.tag {
                try db.execute(sql: """
                    INSERT INTO image_tag (account, digest, registry, repository, tag, detected_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """, arguments: [request.account, request.digest, tag.registry, tag.repository, tag.tag, tag.detectedAt.timeIntervalSince1970])
            }
            if queue {
                try db.execute(sql: """
                    INSERT INTO analysis_job (account, digest, pull_string, attempts, lease_owner, lease_expires, dockerfile)
                    VALUES (?, ?, ?, 0, NULL, NULL, ?)
                    """, arguments: [request.account, request.digest, request.pullString, request.dockerfile])
            }
            guard let image = try Self.image(db, account: request.account, digest: request.digest) else {
                throw StoreError.backend(operation: "add image", message: "image vanished inside its transaction")
            }
            return ImageAddOutcome(image: image, queued: queue)
        }
    }

    public func image(account: String, digest: String) async throws(StoreError) -> StoredImage? {
        try await read("read image") { db in try Self.image(db, account: account, digest: digest) }
    }

    public func images(account: String) async throws(StoreError) -> [StoredImage] {
        try await read("list images") { db in
            try Self.images(db, sql: "SELECT * FROM image WHERE account = ? ORDER BY created_at, digest", arguments: [account])
        }
    }

    public func analyzedImages(account: String?) async throws(StoreError) -> [StoredImage] {
        try await read("list analyzed images") { db in
            if let account {
                return try Self.images(db, sql: "SELECT * FROM image WHERE account = ? AND analysis_status = 'analyzed' ORDER BY created_at",
                                       arguments: [account])
            }
            return try Self.images(db, sql: "SELECT * FROM image WHERE analysis_status = 'analyzed' ORDER BY account, created_at", arguments: [])
        }
    }

    public func deleteImage(account: String, digest: String) async throws(StoreError) -> Bool {
        try await write("delete image") { db in
            try db.execute(sql: "DELETE FROM image WHERE account = ? AND digest = ?", arguments: [account, digest])
            return db.changesCount > 0
        }
    }

    public func transitions(account: String, digest: String) async throws(StoreError) -> [AnalysisTransition] {
        try await read("read analysis history") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM analysis_transition WHERE account = ? AND digest = ? ORDER BY id",
                             arguments: [account, digest]).map { row in
                AnalysisTransition(from: (row["from_status"] as String?).flatMap(AnalysisStatus.init(rawValue:)),
                                   to: AnalysisStatus(rawValue: row["to_status"]) ?? .notAnalyzed,
                                   at: Date(timeIntervalSince1970: row["at"]), detail: row["detail"])
            }
        }
    }

    public func document(_ kind: ImageDocumentKind, account: String, digest: String) async throws(StoreError) -> Data? {
        try await read("read \(kind.rawValue) document") { db in
            try Data.fetchOne(db, sql: "SELECT data FROM image_document WHERE account = ? AND digest = ? AND kind = ?",
                              arguments: [account, digest, kind.rawValue])
        }
    }

    public func putDocuments(_ documents: [ImageDocumentKind: Data], account: String, digest: String) async throws(StoreError) {
        try await write("store \(documents.keys.map(\.rawValue).sorted().joined(separator: ", ")) documents") { db in
            for (kind, data) in documents { try Self.putDocument(db, kind, account: account, digest: digest, data: data) }
        }
    }

    static func putDocument(_ db: Database, _ kind: ImageDocumentKind, account: String, digest: String, data: Data) throws {
        try db.execute(sql: """
            INSERT INTO image_document (account, digest, kind, data) VALUES (?, ?, ?, ?)
            ON CONFLICT (account, digest, kind) DO UPDATE SET data = excluded.data
            """, arguments: [account, digest, kind.rawValue, data])
    }
}
