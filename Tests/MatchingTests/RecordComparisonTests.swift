import Model
import Testing
@testable import Matching

/// Comparing a lookup's records together (one parse per scheme and distinct constraint) gives
/// what comparing them one by one gives: the same hits, explanations and diagnostics.
struct RecordComparisonTests {
    static func record(_ id: String, _ format: String, _ constraint: String, fixState: FixState = .fixed) -> VulnerabilityRecord {
        VulnerabilityRecord(id: id, namespace: "debian:12", packageName: "openssl", versionFormat: format, constraint: constraint,
                            fixedIn: constraint.isEmpty ? [] : ["9"], fixState: fixState, source: "test")
    }

    static let records: [VulnerabilityRecord] = [
        record("A", "deb", "< 3.0.13-1~deb12u1"), record("B", "deb", "< 3.0.13-1~deb12u1"), record("C", "deb", "< 1.0.2h-1"),
        record("D", "deb", ""), record("E", "deb", "", fixState: .notAffected), record("F", "deb", "<<< nonsense"),
        record("G", "deb", "<<< nonsense"), record("H", "nope", "< 1"), record("I", "semver", "< 4.0.0"),
        record("J", "deb", ">= 3.0.0, < 3.0.12 || >= 3.1.0"), record("K", "deb", "< 1.0.2h-1", fixState: .notAffected),
    ]

    @Test(arguments: ["3.0.11-1~deb12u2", "1:0.1", "not a version!"])
    func togetherEqualsOneByOne(version: String) {
        var together: [String] = []
        let hits = RecordComparison.hits(in: Self.records, version: version, searchedName: "openssl", diagnostics: &together)
        var oneByOne: [String] = []
        let expected = Self.records.compactMap { RecordComparison.check($0, version: version, searchedName: "openssl", diagnostics: &oneByOne) }
        #expect(hits.map(\.record) == expected.map(\.record))
        #expect(hits.map(\.explanation) == expected.map(\.explanation))
        #expect(together == oneByOne)
        #expect(!together.isEmpty)
    }
}
