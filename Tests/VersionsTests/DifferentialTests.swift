import Foundation
import Testing
@testable import Versions

/// Hawser's schemes against the reference implementations, over version pairs from the real feeds
/// in ../shared/feeds (thousands per scheme; the reference computes all of them in one batch).
/// Skipped when a reference tool is missing, unless HAWSER_REQUIRE_INTEGRATION=1.
@Suite(.timeLimit(.minutes(2)))
struct DifferentialTests {
    /// Compares every pair with `parse` and returns the disagreements (the first 20 described).
    private func mismatches<V: VersionScheme>(
        _ pairs: [ReferenceTool.Pair], _ parse: (String) throws -> V
    ) throws -> (count: Int, examples: [String]) {
        var cache: [String: V] = [:]
        func version(_ text: String) throws -> V {
            if let known = cache[text] { return known }
            let parsed = try parse(text)
            cache[text] = parsed
            return parsed
        }
        var count = 0
        var examples: [String] = []
        for pair in pairs {
            let a = try version(pair.a)
            let b = try version(pair.b)
            let order = a.compare(to: b)
            let reverse = b.compare(to: a)
            let hashesAgree = order != 0 || a.hashValue == b.hashValue
            if order != pair.c || reverse != -pair.c || (a < b) != (pair.c < 0) || (a == b) != (pair.c == 0) || !hashesAgree {
                count += 1
                if examples.count < 20 {
                    examples.append("\(pair.a) vs \(pair.b): reference \(pair.c), Hawser \(order)/\(reverse)\(hashesAgree ? "" : " (hashes differ)")")
                }
            }
        }
        return (count, examples)
    }

    @Test("dpkg: Debian OVAL versions against dpkg's ordering", .enabled(if: ReferenceTool.dpkg.enabled))
    func dpkg() throws {
        let output = try ReferenceTool.dpkg.run()
        #expect(output.pairs.count >= 5_000)
        #expect(output.crosscheck.disagreements.isEmpty, "python3-apt and dpkg --compare-versions disagree: \(output.crosscheck.disagreements)")
        let result = try mismatches(output.pairs) { try DebianVersion(parsing: $0) }
        let synthetic = try mismatches(output.synthetic) { try DebianVersion(parsing: $0) }
        print("dpkg differential: \(output.pairs.count) feed pairs (\(result.count) mismatches) and \(output.synthetic.count) synthetic pairs (\(synthetic.count) mismatches) against \(output.tool)")
        #expect(result.count == 0, "\(result.count) of \(output.pairs.count) feed pairs differ from dpkg:\n\(result.examples.joined(separator: "\n"))")
        #expect(synthetic.count == 0, "\(synthetic.count) of \(output.synthetic.count) synthetic pairs differ from dpkg:\n\(synthetic.examples.joined(separator: "\n"))")
    }

    @Test("rpm: RHEL 9 and Rocky 9 OVAL EVRs against rpm's ordering", .enabled(if: ReferenceTool.rpm.enabled))
    func rpm() throws {
        let output = try ReferenceTool.rpm.run()
        #expect(output.pairs.count >= 5_000)
        let result = try mismatches(output.pairs) { try RPMVersion(parsing: $0) }
        let synthetic = try mismatches(output.synthetic) { try RPMVersion(parsing: $0) }
        print("rpm differential: \(output.pairs.count) feed pairs (\(result.count) mismatches) and \(output.synthetic.count) synthetic pairs (\(synthetic.count) mismatches) against \(output.tool)")
        #expect(result.count == 0, "\(result.count) of \(output.pairs.count) feed pairs differ from rpm:\n\(result.examples.joined(separator: "\n"))")
        #expect(synthetic.count == 0, "\(synthetic.count) of \(output.synthetic.count) synthetic pairs differ from rpm:\n\(synthetic.examples.joined(separator: "\n"))")
    }

    @Test("PEP 440: OSV PyPI versions against packaging", .enabled(if: ReferenceTool.pep440.enabled))
    func pep440() throws {
        let output = try ReferenceTool.pep440.run()
        #expect(output.pairs.count >= 5_000)
        // Valid and invalid alike: Hawser must accept exactly what packaging accepts, and
        // normalise the same way.
        var validity: [String] = []
        var normalisation: [String] = []
        for entry in output.versions {
            let parsed = try? PEP440Version(parsing: entry.v)
            if (parsed != nil) != entry.ok {
                validity.append("\"\(entry.v)\": packaging \(entry.ok ? "accepts" : "rejects"), Hawser \(parsed == nil ? "rejects" : "accepts")")
            } else if let parsed, parsed.normalized != entry.n {
                normalisation.append("\"\(entry.v)\": packaging \(entry.n), Hawser \(parsed.normalized)")
            }
        }
        let invalid = output.versions.filter { !$0.ok }.count
        #expect(validity.isEmpty, "\(validity.count) validity differences:\n\(validity.prefix(20).joined(separator: "\n"))")
        #expect(normalisation.isEmpty, "\(normalisation.count) normalisation differences:\n\(normalisation.prefix(20).joined(separator: "\n"))")
        let result = try mismatches(output.pairs) { try PEP440Version(parsing: $0) }
        let synthetic = try mismatches(output.synthetic) { try PEP440Version(parsing: $0) }
        print("PEP 440 differential: \(output.pairs.count) feed pairs (\(result.count) mismatches), \(output.synthetic.count) synthetic pairs (\(synthetic.count) mismatches), \(output.versions.count) strings checked for validity and normalisation (\(invalid) invalid, \(validity.count + normalisation.count) differences) against \(output.tool)")
        #expect(result.count == 0, "\(result.count) of \(output.pairs.count) feed pairs differ from packaging:\n\(result.examples.joined(separator: "\n"))")
        #expect(synthetic.count == 0, "\(synthetic.count) of \(output.synthetic.count) synthetic pairs differ from packaging:\n\(synthetic.examples.joined(separator: "\n"))")
    }

    /// Every version the reference accepts must parse (Hawser's SemVer reading is more lenient).
    private func rejectedButValid<V: VersionScheme>(_ output: ReferenceTool.Output, _ parse: (String) throws -> V) -> [String] {
        output.versions.filter { $0.ok && (try? parse($0.v)) == nil }.map(\.v)
    }

    @Test("SemVer: OSV crates.io versions against node-semver", .enabled(if: ReferenceTool.semver.enabled))
    func semver() throws {
        let output = try ReferenceTool.semver.run()
        #expect(output.pairs.count >= 5_000)
        let rejected = rejectedButValid(output) { try SemanticVersion(parsing: $0) }
        #expect(rejected.isEmpty, "node-semver accepts, Hawser rejects: \(rejected.prefix(20))")
        let result = try mismatches(output.pairs) { try SemanticVersion(parsing: $0) }
        print("SemVer differential: \(output.pairs.count) feed pairs (\(result.count) mismatches) against \(output.tool)")
        #expect(result.count == 0, "\(result.count) of \(output.pairs.count) pairs differ from node-semver:\n\(result.examples.joined(separator: "\n"))")
    }

    @Test("Go: OSV Go module versions against semver precedence", .enabled(if: ReferenceTool.go.enabled))
    func go() throws {
        let output = try ReferenceTool.go.run()
        #expect(output.pairs.count >= 5_000)
        let rejected = rejectedButValid(output) { try GoVersion(parsing: $0) }
        #expect(rejected.isEmpty, "node-semver accepts, Hawser rejects: \(rejected.prefix(20))")
        let result = try mismatches(output.pairs) { try GoVersion(parsing: $0) }
        print("Go differential: \(output.pairs.count) feed pairs (\(result.count) mismatches) against \(output.tool)")
        #expect(result.count == 0, "\(result.count) of \(output.pairs.count) pairs differ from node-semver:\n\(result.examples.joined(separator: "\n"))")
    }

    @Test("Maven: synthetic versions against Maven's ComparableVersion", .enabled(if: ReferenceTool.maven.enabled))
    func maven() throws {
        let output = try ReferenceTool.maven.run()
        #expect(output.synthetic.count >= 5_000)
        let result = try mismatches(output.synthetic) { try MavenVersion(parsing: $0) }
        print("Maven differential: \(output.synthetic.count) synthetic pairs (\(result.count) mismatches) against \(output.tool)")
        #expect(result.count == 0, "\(result.count) of \(output.synthetic.count) pairs differ from Maven:\n\(result.examples.joined(separator: "\n"))")
    }
}
