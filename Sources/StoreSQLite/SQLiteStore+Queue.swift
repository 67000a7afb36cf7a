import Foundation
import GRDB
import Store

extension SQLiteStore {
    public func claimJob(worker: String, leaseSeconds: Double, now: Date) async throws(StoreError) -> AnalysisJob? {
        try await write("claim analysis job") { db in
            let nowSeconds = now.timeIntervalSince1970
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM analysis_job WHERE lease_expires IS NULL OR lease_expires < ? ORDER BY id LIMIT 1
                """, arguments: [nowSeconds]) else { return nil }
            var job = SQLiteRows.job(row)
            job.attempts += 1
            job.leaseOwner = worker
            job.leaseExpires = now.addingTimeInterval(leaseSeconds)
            try db.execute(sql: "UPDATE analysis_job SET attempts = ?, lease_owner = ?, lease_expires = ? WHERE id = ?",
                           arguments: [job.attempts, worker, job.leaseExpires?.timeIntervalSince1970, job.id])
            let previous = try String.fetchOne(db, sql: "SELECT analysis_status FROM image WHERE account = ? AND digest = ?",
                                               arguments: [job.account, job.digest]).flatMap(AnalysisStatus.init(rawValue:))
            try db.execute(sql: """
                UPDATE image SET analysis_status = 'analyzing', last_updated = ?, record_version = record_version + 1
                WHERE account = ? AND digest = ?
                """, arguments: [nowSeconds, job.account, job.digest])
            try Self.transition(db, account: job.account, digest: job.digest, from: previous, to: .analyzing, at: now,
                                detail: "worker \(worker), attempt \(job.attempts)")
            return job
        }
    }

    public func renewLease(jobID: Int64, worker: String, until: Date) async throws(StoreError) -> Bool {
        try await write("renew lease") { db in
            try db.execute(sql: "UPDATE analysis_job SET lease_expires = ? WHERE id = ? AND lease_owner = ?",
                           arguments: [until.timeIntervalSince1970, jobID, worker])
            return db.changesCount > 0
        }
    }

    static func holds(_ db: Database, job: AnalysisJob, worker: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM analysis_job WHERE id = ? AND lease_owner = ?", arguments: [job.id, worker]) == true
    }

    public func completeJob(_ job: AnalysisJob, worker: String, result: AnalysisResult, now: Date) async throws(StoreError) -> Bool {
        try await write("store analysis") { db in
            guard try Self.holds(db, job: job, worker: worker) else { return false }
            for (kind, data) in result.documents.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try Self.putDocument(db, kind, account: job.account, digest: job.digest, data: data)
            }
            try db.execute(sql: """
                UPDATE image SET analysis_status = 'analyzed', failure_reason = NULL, summary = ?, analyzed_at = ?, last_updated = ?,
                record_version = record_version + 1 WHERE account = ? AND digest = ?
                """, arguments: [try SQLiteRows.json(result.summary), now.timeIntervalSince1970, now.timeIntervalSince1970, job.account, job.digest])
            try Self.transition(db, account: job.account, digest: job.digest, from: .analyzing, to: .analyzed, at: now)
            try db.execute(sql: "DELETE FROM analysis_job WHERE id = ?", arguments: [job.id])
            try Self.insert(db, event: result.event)
            return true
        }
    }

    public func failJob(_ job: AnalysisJob, worker: String, reason: String, event: StoredEvent, now: Date) async throws(StoreError) {
        try await write("record failed analysis") { db in
            guard try Self.holds(db, job: job, worker: worker) else { return }
            try db.execute(sql: """
                UPDATE image SET analysis_status = 'analysis_failed', failure_reason = ?, last_updated = ?, record_version = record_version + 1
                WHERE account = ? AND digest = ?
                """, arguments: [reason, now.timeIntervalSince1970, job.account, job.digest])
            try Self.transition(db, account: job.account, digest: job.digest, from: .analyzing, to: .analysisFailed, at: now, detail: reason)
            try db.execute(sql: "DELETE FROM analysis_job WHERE id = ?", arguments: [job.id])
            try Self.insert(db, event: event)
        }
    }

    public func queuedJobCount() async throws(StoreError) -> Int {
        try await read("count jobs") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM analysis_job") ?? 0 }
    }

    public func imageStatusCounts() async throws(StoreError) -> [AnalysisStatus: Int] {
        try await read("count images") { db in
            var counts: [AnalysisStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT analysis_status, count(*) AS n FROM image GROUP BY analysis_status") {
                if let status = AnalysisStatus(rawValue: row["analysis_status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }
}
