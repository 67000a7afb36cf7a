import Testing
@testable import Versions

/// The one constraint grammar, OSV event ranges and their descriptions.
struct VersionConstraintTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let constraint: String
        let format: VersionFormat
        let inside: [String]
        let outside: [String]
        var testDescription: String { "\(format): \(constraint)" }
    }

    static let rows: [Row] = [
        Row(constraint: ">= 1.2, < 2.0 || = 3.1", format: .semver,
            inside: ["1.2.0", "1.9.9", "2.0.0-rc.1", "3.1.0", "v3.1"], outside: ["1.1.9", "2.0.0", "3.1.1", "1.2.0-rc.1"]),
        Row(constraint: ">=1.2 <2.0", format: .semver, inside: ["1.5.0"], outside: ["2.0.0", "1.0.0"]),
        Row(constraint: "< 1:2.0-1", format: .deb,
            inside: ["2.0-1", "1:1.9-1", "1:2.0-0", "1:2.0~rc1-1"], outside: ["1:2.0-1", "1:2.0-1+deb12u1", "2:0.1"]),
        Row(constraint: ">= 0:1.0-1.el9, <= 0:1.0-3.el9", format: .rpm,
            inside: ["1.0-1.el9", "1.0-2.el9_1", "1.0-3.el9"], outside: ["1.0-3.el9_1", "1:1.0-1.el9", "1.0-0.el9"]),
        Row(constraint: "!= 1.0, != 1.0.post1", format: .pep440, inside: ["1.0.1", "1.0rc1"], outside: ["1.0.0", "1.0.post1"]),
        Row(constraint: "== 2.31.0", format: .pep440, inside: ["2.31", "2.31.0.0"], outside: ["2.31.1"]),
        Row(constraint: "> 1.0 || < 0.5", format: .maven, inside: ["1.0.1", "0.4", "1.0-sp1"], outside: ["1.0", "0.5", "1.0-rc1"]),
        Row(constraint: "*", format: .apk, inside: ["1.0-r0", "0.0.1_alpha"], outside: []),
        Row(constraint: ">= 1.2.3-r0 , < 1.2.4-r0", format: .apk, inside: ["1.2.3-r5", "1.2.3_p1-r0"], outside: ["1.2.3_rc1-r0", "1.2.4-r0"]),
        Row(constraint: "< v0.0.0-20200101000000-abcdefabcdef", format: .go,
            inside: ["v0.0.0-20191109021931-daa7c04131f5"], outside: ["v0.0.0", "v0.1.0"]),
        Row(constraint: ">= 5.0, < 5.2.8", format: .gem, inside: ["5.0.0", "5.2.7.1"], outside: ["5.0.0.rc1", "5.2.8"]),
        Row(constraint: ">= 2.0, < 2.5.2", format: .composer, inside: ["2.0.0", "v2.5.1", "2.5.2-RC1"], outside: ["2.5.2", "1.9"]),
        Row(constraint: "< 13.0.1", format: .nuget, inside: ["12.0.3", "13.0.1-beta1"], outside: ["13.0.1", "13.0.1.1"]),
    ]

    @Test(arguments: rows)
    func membership(_ row: Row) throws {
        let constraint = try VersionConstraint(parsing: row.constraint, scheme: row.format)
        for version in row.inside {
            #expect(try constraint.satisfied(by: version), "\(version) should satisfy \(row.constraint)")
        }
        for version in row.outside {
            #expect(try !constraint.satisfied(by: version), "\(version) should not satisfy \(row.constraint)")
        }
        // The grammar text round-trips.
        let reparsed = try VersionConstraint(parsing: constraint.description, scheme: row.format)
        #expect(reparsed == constraint)
    }

    @Test func description() throws {
        let constraint = try VersionConstraint(parsing: ">=1.2,<2.0||3.1", scheme: .semver)
        #expect(constraint.description == ">= 1.2, < 2.0 || = 3.1")
        #expect(constraint.explanation == "1.2 ≤ v < 2.0 or v = 3.1")
        #expect(constraint.ranges.count == 2)
        #expect(try VersionConstraint(parsing: "*", scheme: .deb).description == "*")
        #expect(try VersionConstraint(parsing: "< 2", scheme: .deb).explanation == "v < 2")
    }

    @Test func matchingRangeExplainsTheMatch() throws {
        let constraint = try VersionConstraint(parsing: "< 1.0 || >= 2.0, < 2.5", scheme: .pep440)
        let range = try #require(try constraint.matchingRange(for: PEP440Version(parsing: "2.1").erased))
        #expect(range.description == ">= 2.0, < 2.5")
        #expect(try constraint.matchingRange(for: PEP440Version(parsing: "1.5").erased) == nil)
    }

    @Test func formatMismatchIsAnError() throws {
        let constraint = try VersionConstraint(parsing: "< 2.0", scheme: .semver)
        #expect(throws: VersionError.formatMismatch(expected: .semver, found: .deb, version: "1.0")) {
            try constraint.satisfied(by: DebianVersion(parsing: "1.0").erased)
        }
    }

    @Test(arguments: ["", "   ", ">= ", "< 1.0 ||", "|| < 1.0", "< 1.0,", "=> 1.0", ">== 1.0", "< <unfixed>", ">= *", "< 1.0, ,> 0.5"])
    func invalidConstraints(_ text: String) {
        let error = #expect(throws: VersionError.self) {
            try VersionConstraint(parsing: text, scheme: .deb)
        }
        guard case let .invalidConstraint(input, format, _)? = error else {
            Issue.record("expected invalidConstraint, got \(String(describing: error))")
            return
        }
        #expect(input == text)
        #expect(format == .deb)
    }

    @Test func invalidVersionInsideAConstraintIsNamed() {
        do {
            _ = try VersionConstraint(parsing: ">= 1.0, < not-a-version", scheme: .pep440)
            Issue.record("should fail")
        } catch {
            #expect(error.description.contains("not-a-version"))
        }
    }

    // MARK: OSV events

    @Test func osvIntroducedFixed() throws {
        let constraint = try VersionConstraint(osvEvents: [.introduced("1.0.0"), .fixed("1.0.2"), .introduced("3.0.0"), .fixed("3.2.5")], scheme: .semver)
        #expect(constraint.description == ">= 1.0.0, < 1.0.2 || >= 3.0.0, < 3.2.5")
        #expect(constraint.explanation == "introduced 1.0.0 ≤ v < fixed 1.0.2 or introduced 3.0.0 ≤ v < fixed 3.2.5")
        for (version, affected) in [("0.9.0", false), ("1.0.0", true), ("1.0.1", true), ("1.0.2", false), ("2.0.0", false),
                                    ("3.1.0", true), ("3.2.5", false), ("4.0.0", false)] {
            #expect(try constraint.satisfied(by: version) == affected, "\(version)")
        }
    }

    @Test func osvIntroducedZeroIsUnboundedBelow() throws {
        let constraint = try VersionConstraint(osvEvents: [.introduced("0"), .fixed("2.0")], scheme: .pep440)
        #expect(constraint.description == "< 2.0")
        #expect(constraint.explanation == "v < fixed 2.0")
        // "0" is below even pre-releases of 0 (0.dev1 < 0 under PEP 440).
        #expect(try constraint.satisfied(by: "0.dev1"))
        #expect(try constraint.satisfied(by: "1.9"))
        #expect(try !constraint.satisfied(by: "2.0"))
        let everything = try VersionConstraint(osvEvents: [.introduced("0")], scheme: .deb)
        #expect(try everything.satisfied(by: "0~~"))
        #expect(everything.explanation == "any version")
    }

    @Test func osvLastAffectedIsInclusive() throws {
        let constraint = try VersionConstraint(osvEvents: [.introduced("1.0"), .lastAffected("1.4")], scheme: .pep440)
        #expect(constraint.description == ">= 1.0, <= 1.4")
        #expect(constraint.explanation == "introduced 1.0 ≤ v ≤ last_affected 1.4")
        #expect(try constraint.satisfied(by: "1.4"))
        #expect(try !constraint.satisfied(by: "1.4.post1"))
    }

    @Test func osvLimits() throws {
        let limited = try VersionConstraint(osvEvents: [.introduced("0"), .limit("2.0"), .limit("1.5")], scheme: .semver)
        #expect(try limited.satisfied(by: "1.9.0"))
        #expect(try !limited.satisfied(by: "2.0.0"))
        let unlimited = try VersionConstraint(osvEvents: [.introduced("1.0.0"), .limit("*")], scheme: .semver)
        #expect(try unlimited.satisfied(by: "99.0.0"))
    }

    @Test func osvEventsAreSortedByVersion() throws {
        // Out-of-order events, as some feeds publish them.
        let constraint = try VersionConstraint(osvEvents: [.fixed("2.0"), .introduced("1.0"), .fixed("1:0.5"), .introduced("1:0.1")], scheme: .deb)
        #expect(constraint.description == ">= 1.0, < 2.0 || >= 1:0.1, < 1:0.5")
        #expect(try constraint.satisfied(by: "1:0.2"))
        #expect(try !constraint.satisfied(by: "3.0"))
    }

    @Test func osvDuplicateIntroducedMerges() throws {
        let constraint = try VersionConstraint(osvEvents: [.introduced("1.0"), .introduced("1.5"), .fixed("2.0"), .fixed("3.0")], scheme: .pep440)
        #expect(constraint.description == ">= 1.0, < 2.0")
    }

    @Test func osvWithoutIntroducedStartsAtZero() throws {
        let constraint = try VersionConstraint(osvEvents: [.fixed("1.2.3")], scheme: .go)
        #expect(try constraint.satisfied(by: "v1.2.2"))
        #expect(try !constraint.satisfied(by: "v1.2.3"))
    }

    @Test func osvInvalidEventVersionIsNamed() {
        do {
            _ = try VersionConstraint(osvEvents: [.introduced("0"), .fixed("7c8cc4ec69cd")], scheme: .pep440)
            Issue.record("should fail")
        } catch {
            guard case let .invalidConstraint(_, format, reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(format == .pep440)
            #expect(reason.contains("fixed"))
            #expect(reason.contains("7c8cc4ec69cd"))
        }
    }

    @Test func osvEventKeys() {
        #expect(OSVEvent(key: "last_affected", version: "1.0") == .lastAffected("1.0"))
        #expect(OSVEvent(key: "introduced", version: "0") == .introduced("0"))
        #expect(OSVEvent(key: "unknown", version: "1") == nil)
    }

    @Test func versionListAndUnion() throws {
        let listed = try VersionConstraint(versions: ["1.0", "1.1"], scheme: .pep440)
        let ranged = try VersionConstraint(osvEvents: [.introduced("2.0"), .fixed("2.1")], scheme: .pep440)
        let both = try listed.union(ranged)
        #expect(try both.satisfied(by: "1.0.0"))
        #expect(try both.satisfied(by: "2.0.5"))
        #expect(try !both.satisfied(by: "1.0.5"))
        #expect(both.description == "= 1.0 || = 1.1 || >= 2.0, < 2.1")
        #expect(throws: VersionError.self) { try listed.union(VersionConstraint.any(scheme: .deb)) }
        #expect(try VersionConstraint(versions: [], scheme: .deb).satisfied(by: "1.0") == false)
    }
}
