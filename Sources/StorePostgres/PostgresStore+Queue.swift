import Foundation
import Logging
import PostgresNIO
import Store

extension PostgresStore {
    public func claimJob(worker: String, leaseSeconds: Double, now: Date) async throws(StoreError) -> AnalysisJob? {
        try await transaction("claim analysis job") { connection in
            let nowSeconds = now.timeIntervalSince1970
            guard let row = try await Self.rows("""
                SELECT * FROM analysis_job WHERE lease_expires IS NULL OR lease_expires < \(nowSeconds)
                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
                """, on: connection, logger: logger).first else { return nil }
            var job = try PostgresRows.job(row)
            job.attempts += 1
            job.leaseOwner = worker
            job.leaseExpires = now.addingTimeInterval(leaseSeconds)
            try await connection.query("""
                UPDATE analysis_job SET attempts = \(job.attempts), lease_owner = \(worker),
                lease_expires = \(job.leaseExpires?.timeIntervalSince1970) WHERE id = \(job.id)
                """, logger: logger)
            let previous = try await Self.rows("SELECT analysis_status FROM image WHERE account = \(job.account) AND digest = \(job.digest)",
                                               on: connection, logger: logger).first
                .flatMap { AnalysisStatus(rawValue: try $0["analysis_status"].decode(String.self)) }
            try await connection.query("""
                UPDATE image SET analysis_status = 'analyzing', last_updated = \(nowSeconds), record_version = record_version + 1
                WHERE account = \(job.account) AND digest = \(job.digest)
                """, logger: logger)
            try await Self.transition(connection, account: job.account, digest: job.digest, from: previous, to: .analyzing, at: now,
                                      detail: "worker \(worker), attempt \(job.attempts)", logger: logger)
            return job
        }
    }

    public func renewLease(jobID: Int64, worker: String, until: Date) async throws(StoreError) -> Bool {
        try await !rows("renew lease", """
            UPDATE analysis_job SET lease_expires = \(until.timeIntervalSince1970) WHERE id = \(jobID) AND lease_owner = \(worker) RETURNING id
            """).isEmpty
    }

    /// Locks the job row when `worker` still holds it.
    static func holds(_ connection: PostgresConnection, job: AnalysisJob, worker: String, logger: Logger) async throws -> Bool {
        try await !rows("SELECT 1 FROM analysis_job WHERE id = \(job.id) AND lease_owner = \(worker) FOR UPDATE", on: connection, logger: logger).isEmpty
    }

    public func completeJob(_ job: AnalysisJob, worker: String, result: AnalysisResult, now: Date) async throws(StoreError) -> Bool {
        try await transaction("store analysis") { connection in
            guard try await Self.holds(connection, job: job, worker: worker, logger: logger) else { return false }
            for (kind, data) in result.documents.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try await Self.putDocument(connection, kind, account: job.account, digest: job.digest, data: data, logger: logger)
            }
            let seconds = now.timeIntervalSince1970
            try await connection.query("""
                UPDATE image SET analysis_status = 'analyzed', failure_reason = NULL, summary = \(try PostgresRows.json(result.summary)),
                analyzed_at = \(seconds), last_updated = \(seconds), record_version = record_version + 1
                WHERE account = \(job.account) AND digest = \(job.digest)
                """, logger: logger)
            try await Self.transition(connection, account: job.account, digest: job.digest, from: .analyzing, to: .analyzed, at: now, logger: logger)
            try await connection.query("DELETE FROM analysis_job WHERE id = \(job.id)", logger: logger)
            try await Self.insert(connection, event: result.event, logger: logger)
            return true
        }
    }

    public func failJob(_ job: AnalysisJob, worker: String, reason: String, event: StoredEvent, now: Date) async throws(StoreError) {
        try await transaction("record failed analysis") { connection in
            guard try await Self.holds(connection, job: job, worker: worker, logger: logger) else { return }
            try await connection.query("""
                UPDATE image SET analysis_status = 'analysis_failed', failure_reason = \(reason), last_updated = \(now.timeIntervalSince1970),
                record_version = record_version + 1 WHERE account = \(job.account) AND digest = \(job.digest)
                """, logger: logger)
            try await Self.transition(connection, account: job.account, digest: job.digest, from: .analyzing, to: .analysisFailed, at: now,
                                      detail: reason, logger: logger)
            try await connection.query("DELETE FROM analysis_job WHERE id = \(job.id)", logger: logger)
            try await Self.insert(connection, event: event, logger: logger)
        }
    }

    public func queuedJobCount() async throws(StoreError) -> Int {
        try await rows("count jobs", "SELECT count(*) AS n FROM analysis_job") { try $0["n"].decode(Int.self) }.first ?? 0
    }

    public func imageStatusCounts() async throws(StoreError) -> [AnalysisStatus: Int] {
        let pairs = try await rows("count images", "SELECT analysis_status, count(*) AS n FROM image GROUP BY analysis_status") { row in
            (AnalysisStatus(rawValue: try row["analysis_status"].decode(String.self)), try row["n"].decode(Int.self))
        }
        var counts: [AnalysisStatus: Int] = [:]
        for (status, count) in pairs { if let status { counts[status] = count } }
        return counts
    }
}
