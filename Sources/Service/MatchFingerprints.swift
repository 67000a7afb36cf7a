import Foundation
import Model

/// Each match of an image's stored report as a `vuln_update` diff compares it
/// (`VulnerabilityDiff.fingerprint`: key, severity, fix), written with the report: a re-match diffs
/// against these instead of decoding the old report, which it reads only when a match went away
/// (the diff lists removed matches in full). Changelog: 1 — first version.
struct MatchFingerprints: Codable, Sendable {
    static let schemaVersion = 1

    var schemaVersion: Int
    var fingerprints: [String]

    init(_ matches: [Match]) {
        schemaVersion = Self.schemaVersion
        fingerprints = matches.map(VulnerabilityDiff.fingerprint)
    }

    /// The document as `JSONEncoder` writes it, by `JSONWriter`.
    func jsonData() -> Data {
        var writer = JSONWriter(capacity: 64 + 128 * fingerprints.count)
        writer.beginObject()
        writer.key("schemaVersion"); writer.number(schemaVersion)
        writer.key("fingerprints"); writer.strings(fingerprints)
        writer.endObject()
        return Data(writer.bytes)
    }
}
