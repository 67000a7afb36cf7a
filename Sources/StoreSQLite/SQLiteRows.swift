import Foundation
import GRDB
import Store

/// Row ↔ record conversions. Dates are stored as seconds since 1970 (REAL); small maps as JSON text.
enum SQLiteRows {
    static func date(_ value: Double?) -> Date? { value.map { Date(timeIntervalSince1970: $0) } }
    static func seconds(_ date: Date?) -> Double? { date?.timeIntervalSince1970 }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static func account(_ row: Row) -> Account {
        Account(name: row["name"], email: row["email"], type: Account.Kind(rawValue: row["type"]) ?? .user,
                state: Account.State(rawValue: row["state"]) ?? .enabled,
                createdAt: Date(timeIntervalSince1970: row["created_at"]), lastUpdated: Date(timeIntervalSince1970: row["last_updated"]))
    }

    static func user(_ row: Row) -> User {
        User(username: row["username"], account: row["account"], passwordHash: row["password_hash"], type: row["type"],
             createdAt: Date(timeIntervalSince1970: row["created_at"]), lastUpdated: Date(timeIntervalSince1970: row["last_updated"]))
    }

    static func image(_ row: Row, tags: [ImageTag]) throws -> StoredImage {
        StoredImage(account: row["account"], digest: row["digest"], parentDigest: row["parent_digest"],
                    analysisStatus: AnalysisStatus(rawValue: row["analysis_status"]) ?? .notAnalyzed,
                    imageStatus: row["image_status"], failureReason: row["failure_reason"],
                    annotations: try decode([String: String].self, row["annotations"]),
                    summary: try decode(ImageSummary.self, row["summary"]),
                    createdAt: Date(timeIntervalSince1970: row["created_at"]), analyzedAt: date(row["analyzed_at"]),
                    lastUpdated: Date(timeIntervalSince1970: row["last_updated"]), recordVersion: row["record_version"], tags: tags)
    }

    static func tag(_ row: Row) -> ImageTag {
        ImageTag(registry: row["registry"], repository: row["repository"], tag: row["tag"],
                 detectedAt: Date(timeIntervalSince1970: row["detected_at"]))
    }

    static func job(_ row: Row) -> AnalysisJob {
        AnalysisJob(id: row["id"], account: row["account"], digest: row["digest"], pullString: row["pull_string"],
                    attempts: row["attempts"], leaseOwner: row["lease_owner"], leaseExpires: date(row["lease_expires"]),
                    dockerfile: row["dockerfile"])
    }

    static func event(_ row: Row) -> StoredEvent {
        StoredEvent(id: row["id"], account: row["account"], type: row["type"], level: row["level"], message: row["message"],
                    details: row["details"], resourceType: row["resource_type"], resourceID: row["resource_id"],
                    createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    static func registry(_ row: Row) -> RegistryRecord {
        RegistryRecord(account: row["account"], registry: row["registry"], name: row["name"], user: row["username"], secret: row["secret"],
                       type: row["type"], verifyTLS: row["verify_tls"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                       lastUpdated: Date(timeIntervalSince1970: row["last_updated"]))
    }

    static func subscription(_ row: Row) -> Subscription {
        Subscription(id: row["id"], account: row["account"], key: row["key"], type: row["type"], value: row["value"],
                     active: row["active"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                     lastUpdated: Date(timeIntervalSince1970: row["last_updated"]))
    }
}
