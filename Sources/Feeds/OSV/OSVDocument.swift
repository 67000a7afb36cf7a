/// One OSV record as the OSV schema (ossf.github.io/osv-schema, 1.6) defines it; only the fields
/// Hawser reads. Unknown fields are ignored so newer schema versions still decode.
struct OSVDocument: Decodable, Sendable {
    var id: String
    var modified: String?
    var published: String?
    var withdrawn: String?
    var aliases: [String]?
    var related: [String]?
    /// Schema 1.6: the vulnerabilities this one is a downstream view of (Ubuntu's
    /// `UBUNTU-CVE-2021-3782` → `CVE-2021-3782`).
    var upstream: [String]?
    var summary: String?
    var details: String?
    var severity: [Severity]?
    var affected: [Affected]?
    var references: [Reference]?
    var databaseSpecific: DatabaseSpecific?

    enum CodingKeys: String, CodingKey {
        case id, modified, published, withdrawn, aliases, related, upstream, summary, details, severity, affected, references
        case databaseSpecific = "database_specific"
    }

    /// Aliases, plus an upstream id the record merely re-publishes (`UBUNTU-CVE-X` of `CVE-X`):
    /// the same vulnerability, so KEV/EPSS follow it.
    var sameVulnerabilityIDs: [String] {
        (aliases ?? []) + (upstream ?? []).filter { id.hasSuffix("-" + $0) && !(aliases ?? []).contains($0) }
    }

    /// Related ids, plus upstream ids that are not re-published as this record.
    var relatedIDs: [String] {
        (related ?? []) + (upstream ?? []).filter { !id.hasSuffix("-" + $0) && !(related ?? []).contains($0) }
    }

    struct Severity: Decodable, Sendable {
        var type: String
        var score: String
    }

    struct Reference: Decodable, Sendable {
        var type: String?
        var url: String?
    }

    struct Package: Decodable, Sendable {
        var ecosystem: String
        var name: String
        var purl: String?
    }

    struct Affected: Decodable, Sendable {
        var package: Package?
        var severity: [Severity]?
        var ranges: [Range]?
        var versions: [String]?
        var databaseSpecific: DatabaseSpecific?

        enum CodingKeys: String, CodingKey {
            case package, severity, ranges, versions
            case databaseSpecific = "database_specific"
        }
    }

    struct Range: Decodable, Sendable {
        var type: String
        var events: [[String: String]]
    }

    /// `database_specific` is free-form; only a string `severity` (GHSA's `LOW`/`MODERATE`/…)
    /// and RustSec's `informational` are read, anything else is tolerated.
    struct DatabaseSpecific: Decodable, Sendable {
        var severity: String?
        var informational: String?

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            guard let container = try? decoder.container(keyedBy: Key.self) else { return }
            severity = try? container.decodeIfPresent(String.self, forKey: Key(stringValue: "severity"))
            informational = try? container.decodeIfPresent(String.self, forKey: Key(stringValue: "informational"))
        }
    }
}

/// Just the identifier, to name a record whose full decoding failed.
struct OSVIdentifier: Decodable {
    var id: String?
}
