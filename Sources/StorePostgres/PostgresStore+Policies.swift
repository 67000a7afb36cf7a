import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    public func putPolicy(_ policy: StoredPolicy) async throws(StoreError) {
        try await transaction("store policy") { connection in
            // One writer per account at a time, so two activations cannot leave two active bundles.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\("policy@" + policy.account)))", logger: logger)
            if policy.active {
                try await connection.query("UPDATE policy_bundle SET active = false WHERE account = \(policy.account) AND id != \(policy.id)", logger: logger)
            }
            try await connection.query("""
                INSERT INTO policy_bundle (account, id, name, active, document, digest, source, created_at, last_updated)
                VALUES (\(policy.account), \(policy.id), \(policy.name), \(policy.active), \(policy.document), \(policy.digest), \(policy.source),
                \(policy.createdAt.timeIntervalSince1970), \(policy.lastUpdated.timeIntervalSince1970))
                ON CONFLICT (account, id) DO UPDATE SET name = excluded.name, active = excluded.active, document = excluded.document,
                digest = excluded.digest, source = excluded.source, last_updated = excluded.last_updated
                """, logger: logger)
        }
    }

    public func policies(account: String) async throws(StoreError) -> [StoredPolicy] {
        try await rows("list policies", "SELECT * FROM policy_bundle WHERE account = \(account) ORDER BY created_at, id") { row in
            StoredPolicy(account: try PostgresRows.string(row, "account"), id: try PostgresRows.string(row, "id"), name: try PostgresRows.string(row, "name"),
                         active: try row["active"].decode(Bool.self), document: try row["document"].decode(Data.self),
                         digest: try PostgresRows.string(row, "digest"), source: try PostgresRows.string(row, "source"),
                         createdAt: try PostgresRows.date(row, "created_at"), lastUpdated: try PostgresRows.date(row, "last_updated"))
        }
    }

    public func deletePolicy(account: String, id: String) async throws(StoreError) -> Bool {
        try await !rows("delete policy", "DELETE FROM policy_bundle WHERE account = \(account) AND id = \(id) RETURNING id").isEmpty
    }

    public func addEvaluation(_ evaluation: StoredEvaluation) async throws(StoreError) {
        try await transaction("store evaluation") { connection in
            try await connection.query("""
                INSERT INTO policy_evaluation (account, digest, tag, bundle_id, bundle_digest, final_action, status, result, created_at)
                VALUES (\(evaluation.account), \(evaluation.digest), \(evaluation.tag), \(evaluation.bundleID), \(evaluation.bundleDigest),
                \(evaluation.finalAction), \(evaluation.status), \(evaluation.result), \(evaluation.createdAt.timeIntervalSince1970))
                """, logger: logger)
        }
    }

    public func evaluations(account: String, digest: String, tag: String?) async throws(StoreError) -> [StoredEvaluation] {
        let query: PostgresQuery = tag == nil
            ? "SELECT * FROM policy_evaluation WHERE account = \(account) AND digest = \(digest) ORDER BY id DESC"
            : "SELECT * FROM policy_evaluation WHERE account = \(account) AND digest = \(digest) AND tag = \(tag) ORDER BY id DESC"
        return try await rows("list evaluations", query) { row in
            StoredEvaluation(id: try row["id"].decode(Int64.self), account: try PostgresRows.string(row, "account"),
                             digest: try PostgresRows.string(row, "digest"), tag: try PostgresRows.string(row, "tag"),
                             bundleID: try PostgresRows.string(row, "bundle_id"), bundleDigest: try PostgresRows.string(row, "bundle_digest"),
                             finalAction: try PostgresRows.string(row, "final_action"), status: try PostgresRows.string(row, "status"),
                             result: try row["result"].decode(Data.self), createdAt: try PostgresRows.date(row, "created_at"))
        }
    }
}
