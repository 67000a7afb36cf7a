import Foundation
import PostgresNIO
import Store

/// Row → record conversions (times are seconds since 1970, small maps JSON text), as in `SQLiteRows`.
enum PostgresRows {
    typealias Row = PostgresRandomAccessRow

    static func date(_ row: Row, _ column: String) throws -> Date { Date(timeIntervalSince1970: try row[column].decode(Double.self)) }
    static func optionalDate(_ row: Row, _ column: String) throws -> Date? {
        try row[column].decode(Double?.self).map { Date(timeIntervalSince1970: $0) }
    }
    static func string(_ row: Row, _ column: String) throws -> String { try row[column].decode(String.self) }
    static func optional(_ row: Row, _ column: String) throws -> String? { try row[column].decode(String?.self) }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try JSONDecoder().decode(type, from: Data(text.utf8)) }

    static func account(_ row: Row) throws -> Account {
        Account(name: try string(row, "name"), email: try optional(row, "email"), type: Account.Kind(rawValue: try string(row, "type")) ?? .user,
                state: Account.State(rawValue: try string(row, "state")) ?? .enabled, createdAt: try date(row, "created_at"),
                lastUpdated: try date(row, "last_updated"))
    }

    static func user(_ row: Row) throws -> User {
        User(username: try string(row, "username"), account: try string(row, "account"), passwordHash: try string(row, "password_hash"),
             type: try string(row, "type"), createdAt: try date(row, "created_at"), lastUpdated: try date(row, "last_updated"))
    }

    static func image(_ row: Row, tags: [ImageTag]) throws -> StoredImage {
        StoredImage(account: try string(row, "account"), digest: try string(row, "digest"), parentDigest: try optional(row, "parent_digest"),
                    analysisStatus: AnalysisStatus(rawValue: try string(row, "analysis_status")) ?? .notAnalyzed,
                    imageStatus: try string(row, "image_status"), failureReason: try optional(row, "failure_reason"),
                    annotations: try decode([String: String].self, try string(row, "annotations")),
                    summary: try decode(ImageSummary.self, try string(row, "summary")), createdAt: try date(row, "created_at"),
                    analyzedAt: try optionalDate(row, "analyzed_at"), lastUpdated: try date(row, "last_updated"),
                    recordVersion: Int(try row["record_version"].decode(Int64.self)), tags: tags)
    }

    static func tag(_ row: Row) throws -> ImageTag {
        ImageTag(registry: try string(row, "registry"), repository: try string(row, "repository"), tag: try string(row, "tag"),
                 detectedAt: try date(row, "detected_at"))
    }

    static func job(_ row: Row) throws -> AnalysisJob {
        AnalysisJob(id: try row["id"].decode(Int64.self), account: try string(row, "account"), digest: try string(row, "digest"),
                    pullString: try string(row, "pull_string"), attempts: Int(try row["attempts"].decode(Int64.self)),
                    leaseOwner: try optional(row, "lease_owner"), leaseExpires: try optionalDate(row, "lease_expires"),
                    dockerfile: try optional(row, "dockerfile"))
    }

    static func event(_ row: Row) throws -> StoredEvent {
        StoredEvent(id: try string(row, "id"), account: try string(row, "account"), type: try string(row, "type"), level: try string(row, "level"),
                    message: try string(row, "message"), details: try string(row, "details"), resourceType: try string(row, "resource_type"),
                    resourceID: try string(row, "resource_id"), createdAt: try date(row, "created_at"))
    }

    static func registry(_ row: Row) throws -> RegistryRecord {
        RegistryRecord(account: try string(row, "account"), registry: try string(row, "registry"), name: try string(row, "name"),
                       user: try string(row, "username"), secret: try row["secret"].decode(Data.self), type: try string(row, "type"),
                       verifyTLS: try row["verify_tls"].decode(Bool.self), createdAt: try date(row, "created_at"),
                       lastUpdated: try date(row, "last_updated"))
    }

    static func subscription(_ row: Row) throws -> Subscription {
        Subscription(id: try string(row, "id"), account: try string(row, "account"), key: try string(row, "key"), type: try string(row, "type"),
                     value: try optional(row, "value"), active: try row["active"].decode(Bool.self), createdAt: try date(row, "created_at"),
                     lastUpdated: try date(row, "last_updated"))
    }
}
