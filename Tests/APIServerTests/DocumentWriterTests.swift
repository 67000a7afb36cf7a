import Foundation
import Model
import Testing
@testable import Service

/// The documents a re-match writes by the thousand are written by `JSONWriter`; each must read
/// back exactly as `JSONEncoder`'s output of the same value does.
struct DocumentWriterTests {
    /// `value` as JSONEncoder writes it with sorted keys: two documents decoding to the same
    /// value give the same bytes here.
    static func canonical<T: Codable>(_ type: T.Type, _ data: Data) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(JSONDecoder().decode(T.self, from: data))
    }

    /// A report with every optional both set and unset, and text that needs escaping.
    static var report: StoredVulnerabilityReport {
        var report = PolicyFactsTests.report
        report.matches[1].vulnerability.summary = "quote \" backslash \\ newline\n tab\t cr\r bell\u{07} nul\u{00} slash / é 🚢"
        report.matches[1].vulnerability.severity = nil
        report.matches[1].vulnerability.cvss.append(CVSSScore(version: "2.0", vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P", baseScore: nil, source: nil))
        report.matches[2].package.purl = nil
        report.matches[2].package.locations.append(Location(path: "/odd \"path\"\\x", layer: nil))
        report.matches[3].epssScore = 0.000123
        report.matches[3].epssPercentile = 1
        report.matches[3].confidence = 0.3
        return report
    }

    /// Strings are scanned eight bytes at a time: every character that needs escaping, at every
    /// offset of a longer string, around multi-byte characters, reads back as written.
    @Test func stringsReadBackAtEveryOffset() throws {
        let specials: [String] = ["\"", "\\", "\n", "\r", "\t", "\u{00}", "\u{1F}", "\u{07}", "é", "🚢", "/", "\u{7F}"]
        var strings = ["", "a", "abcdefgh", "abcdefghijklmnopq"]
        for special in specials {
            for offset in 0...17 {
                strings.append(String(repeating: "x", count: offset) + special + String(repeating: "y", count: 17 - offset))
            }
        }
        var writer = JSONWriter()
        writer.strings(strings)
        #expect(try JSONDecoder().decode([String].self, from: Data(writer.bytes)) == strings)
    }

    @Test func reportReadsBackAsEncoded() throws {
        let report = Self.report
        let written = report.jsonData()
        let decoded = try JSONDecoder().decode(StoredVulnerabilityReport.self, from: written)
        #expect(decoded.matches == report.matches)
        #expect(decoded.database == report.database && decoded.generatedAt == report.generatedAt && decoded.schemaVersion == 1)
        #expect(try Self.canonical(StoredVulnerabilityReport.self, written)
                == Self.canonical(StoredVulnerabilityReport.self, JSONEncoder().encode(report)))
    }

    /// Reports written through one pass's record memo are byte for byte those written without it,
    /// also for a record that shares its identifying fields with another but reads differently.
    @Test func recordMemoWritesTheSameBytes() throws {
        let memo = RecordJSONMemo()
        var reworded = Self.report
        reworded.matches[0].vulnerability.summary = "another summary of the same id, namespace and package"
        reworded.matches[2].vulnerability.fixedIn = ["9.9.9"]
        for report in [Self.report, reworded, Self.report, reworded] {
            #expect(report.jsonData(records: memo) == report.jsonData())
        }
        #expect(try JSONDecoder().decode(StoredVulnerabilityReport.self, from: reworded.jsonData(records: memo)).matches == reworded.matches)
    }

    @Test func policyFactsReadBackAsEncoded() throws {
        let facts = PolicyFacts(sbom: PolicyFactsTests.sbom, report: Self.report)
        let written = try facts.jsonData()
        #expect(try Self.canonical(PolicyFacts.self, written) == Self.canonical(PolicyFacts.self, JSONEncoder().encode(facts)))
        // Without the optional SBOM parts too.
        var bare = PolicyFactsTests.sbom
        bare.distro = nil
        bare.contentMatches = nil
        bare.packageVerification = nil
        bare.dockerfile = nil
        let slim = PolicyFacts(sbom: bare, report: Self.report)
        #expect(try Self.canonical(PolicyFacts.self, slim.jsonData()) == Self.canonical(PolicyFacts.self, JSONEncoder().encode(slim)))
    }

    @Test func matchStateAndFingerprintsReadBackAsEncoded() throws {
        let state = MatchState(database: "db \"1\"", lookups: ["pypi\u{1F}requests", "debian:12\u{1F}openssl"], ids: ["CVE-1", "GHSA-X"])
        #expect(try Self.canonical(MatchState.self, state.jsonData()) == Self.canonical(MatchState.self, JSONEncoder().encode(state)))
        let fingerprints = MatchFingerprints(Self.report.matches)
        #expect(fingerprints.fingerprints.count == 4)
        #expect(try JSONDecoder().decode(MatchFingerprints.self, from: fingerprints.jsonData()).fingerprints == fingerprints.fingerprints)
    }

    @Test func nonFiniteNumbersAreNotWrittenAsNumbers() throws {
        var report = Self.report
        report.matches[0].confidence = .nan
        // JSONEncoder refuses the value; the written document does not read back as a different one.
        #expect(throws: (any Error).self) { try JSONEncoder().encode(report) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(StoredVulnerabilityReport.self, from: report.jsonData()) }
    }
}
