import Foundation
import Matching
import Model
import Testing

/// A re-match pass shares one `MatchMemo` between the SBOMs it matches: a lookup another SBOM of
/// the pass prepared is not fetched or compared again, and the matches are those without a memo.
struct MatchMemoTests {
    /// Counts what reaches the records (every call names the package names asked for).
    final class CountingProvider: VulnerabilityProvider, @unchecked Sendable {
        // @unchecked: `asked` and `enriched` are only touched while holding `lock`.
        let base: InMemoryProvider
        private let lock = NSLock()
        private var asked: [String] = []
        private var enriched = 0

        init(_ base: InMemoryProvider) { self.base = base }

        var askedNames: [String] { lock.withLock { asked.sorted() } }
        var enrichmentCalls: Int { lock.withLock { enriched } }

        func records(namespace: String, packageName: String) throws -> [VulnerabilityRecord] {
            lock.withLock { asked.append(packageName) }
            return try base.records(namespace: namespace, packageName: packageName)
        }

        func records(namespace: String, packageNames: [String]) throws -> [String: [VulnerabilityRecord]] {
            lock.withLock { asked += packageNames }
            var found: [String: [VulnerabilityRecord]] = [:]
            for name in packageNames { found[name] = try base.records(namespace: namespace, packageName: name) }
            return found
        }

        func enrichment(for ids: [String]) throws -> Enrichment {
            lock.withLock { enriched += 1 }
            return try base.enrichment(for: ids)
        }

        func enrichments(for groups: [[String]]) throws -> [Enrichment] {
            lock.withLock { enriched += 1 }
            return try groups.map { try base.enrichment(for: $0) }
        }
    }

    static let provider = InMemoryProvider(records: [VulnerabilityMatcherTests.openssl, VulnerabilityMatcherTests.opensslOld,
                                                     VulnerabilityMatcherTests.pyyaml],
                                           knownExploited: ["CVE-2020-14343"])

    func sbom(_ packages: [Package]) -> SBOM {
        SBOM(source: SBOMSource(kind: "image", name: "test"), distro: Fixture.bookworm, packages: packages, relationships: [])
    }

    @Test func aSecondSBOMOfThePassReusesTheSharedLookups() {
        let base = [Fixture.deb("libssl3", "3.0.11-1~deb12u2", source: "openssl"), Fixture.python("PyYAML", "5.3")]
        let first = sbom(base), second = sbom(base + [Fixture.python("requests", "2.19.1")])
        let memo = MatchMemo()
        let counting = CountingProvider(Self.provider)
        let firstResult = VulnerabilityMatcher().match(first, provider: counting, memo: memo)
        #expect(counting.askedNames == ["libssl3", "openssl", "pyyaml"])
        let enrichmentsBefore = counting.enrichmentCalls

        // Only the lookup the first SBOM did not make reaches the provider.
        let secondResult = VulnerabilityMatcher().match(second, provider: counting, memo: memo)
        #expect(counting.askedNames == ["libssl3", "openssl", "pyyaml", "requests"])
        // The shared hits' enrichment came from the memo too (requests has no hit to enrich).
        #expect(counting.enrichmentCalls == enrichmentsBefore)

        // The same matches as without a memo, KEV enrichment included.
        #expect(firstResult.matches == VulnerabilityMatcher().match(first, provider: Self.provider).matches)
        #expect(secondResult.matches == VulnerabilityMatcher().match(second, provider: Self.provider).matches)
        #expect(secondResult.matches.map(\.vulnerability.id) == ["PYSEC-2021-142", "CVE-2023-5678"])
        #expect(secondResult.matches.first?.knownExploited == true)
    }

    @Test func readsNameWhatTheMemoAnsweredAsWell() {
        let packages = [Fixture.deb("libssl3", "3.0.11-1~deb12u2", source: "openssl"), Fixture.python("PyYAML", "5.3")]
        let memo = MatchMemo()
        _ = VulnerabilityMatcher().match(sbom(packages), provider: Self.provider, memo: memo)
        // Answered from the memo, the second run still reports every lookup and enriched id, so a
        // caller recording what a report depends on (the service's match state) misses nothing.
        let reads = VulnerabilityMatcher().match(sbom(packages), provider: Self.provider, memo: memo).reads
        #expect(Set(reads.lookups.map(\.packageName)) == ["libssl3", "openssl", "pyyaml"])
        #expect(reads.enrichedIDs == ["CVE-2023-5678", "PYSEC-2021-142", "CVE-2020-14343"])
    }

    @Test func differentVersionsAreDifferentLookups() {
        let memo = MatchMemo()
        let vulnerable = VulnerabilityMatcher().match(sbom([Fixture.python("PyYAML", "5.3")]), provider: Self.provider, memo: memo)
        let fixed = VulnerabilityMatcher().match(sbom([Fixture.python("PyYAML", "5.4")]), provider: Self.provider, memo: memo)
        #expect(vulnerable.matches.count == 1)
        #expect(fixed.matches.isEmpty)
    }
}
