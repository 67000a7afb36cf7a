import Foundation
import GRDB
import Store

extension SQLiteStore {
    public func putPolicy(_ policy: StoredPolicy) async throws(StoreError) {
        try await write("store policy") { db in
            if policy.active {
                try db.execute(sql: "UPDATE policy_bundle SET active = 0 WHERE account = ? AND id != ?", arguments: [policy.account, policy.id])
            }
            try db.execute(sql: """
                INSERT INTO policy_bundle (account, id, name, active, document, digest, source, created_at, last_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account, id) DO UPDATE SET name = excluded.name, active = excluded.active, document = excluded.document,
                digest = excluded.digest, source = excluded.source, last_updated = excluded.last_updated
                """, arguments: [policy.account, policy.id, policy.name, policy.active, policy.document, policy.digest, policy.source,
                                 policy.createdAt.timeIntervalSince1970, policy.lastUpdated.timeIntervalSince1970])
        }
    }

    public func policies(account: String) async throws(StoreError) -> [StoredPolicy] {
        try await read("list policies") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM policy_bundle WHERE account = ? ORDER BY created_at, id", arguments: [account]).map { row in
                StoredPolicy(account: row["account"], id: row["id"], name: row["name"], active: row["active"], document: row["document"],
                             digest: row["digest"], source: row["source"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                             lastUpdated: Date(timeIntervalSince1970: row["last_updated"]))
            }
        }
    }

    public func deletePolicy(account: String, id: String) async throws(StoreError) -> Bool {
        try await write("delete policy") { db in
            try db.execute(sql: "DELETE FROM policy_bundle WHERE account = ? AND id = ?", arguments: [account, id])
            return db.changesCount > 0
        }
    }

    public func addEvaluation(_ evaluation: StoredEvaluation) async throws(StoreError) {
        try await write("store evaluation") { db in
            try db.execute(sql: """
                INSERT INTO policy_evaluation (account, digest, tag, bundle_id, bundle_digest, final_action, status, result, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [evaluation.account, evaluation.digest, evaluation.tag, evaluation.bundleID, evaluation.bundleDigest,
                                 evaluation.finalAction, evaluation.status, evaluation.result, evaluation.createdAt.timeIntervalSince1970])
        }
    }

    public func evaluations(account: String, digest: String, tag: String?) async throws(StoreError) -> [StoredEvaluation] {
        try await read("list evaluations") { db in
            let rows = tag == nil
                ? try Row.fetchAll(db, sql: "SELECT * FROM policy_evaluation WHERE account = ? AND digest = ? ORDER BY id DESC", arguments: [account, digest])
                : try Row.fetchAll(db, sql: "SELECT * FROM policy_evaluation WHERE account = ? AND digest = ? AND tag = ? ORDER BY id DESC",
                                   arguments: [account, digest, tag])
            return rows.map { row in
                StoredEvaluation(id: row["id"], account: row["account"], digest: row["digest"], tag: row["tag"], bundleID: row["bundle_id"],
                                 bundleDigest: row["bundle_digest"], finalAction: row["final_action"], status: row["status"], result: row["result"],
                                 createdAt: Date(timeIntervalSince1970: row["created_at"]))
            }
        }
    }
}
