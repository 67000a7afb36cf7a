import Foundation
import Model

/// Everything one `VulnerabilityMatcher` run will look up, fetched and compared before the
/// matchers run: the records of every planned lookup (`Matcher.lookups`) in batched queries
/// (`records(namespace:packageNames:)`), the hits of each (namespace, name, version) computed
/// once — binary packages built from one source package repeat the same source lookup — and the
/// KEV/EPSS enrichment of every hit in batches (`enrichments(for:)`).
///
/// With a `MatchMemo`, lookups and groups an earlier run of the same pass prepared are taken from
/// it, and what this one prepares is added to it.
///
/// It is the provider the matchers see during the run. Planned lookups are answered from memory;
/// anything else (a matcher that plans nothing, a lookup it did not plan, a batch that failed)
/// goes to the underlying provider, so the matches are the same as without it.
struct PreparedLookups: VulnerabilityProvider {
    let base: any VulnerabilityProvider
    private var hits: [Lookup: [RecordComparison.Hit]] = [:]
    /// Keyed by what `NamespaceSearch` asks for: a record's id followed by its aliases.
    private var enrichments: [[String]: Enrichment] = [:]
    /// What this preparation read, whether from the DB or the memo.
    private(set) var reads = MatchReads()

    init(lookups: Set<Lookup>, base: any VulnerabilityProvider, memo: MatchMemo? = nil) {
        self.base = base
        // Lookups an earlier run of the pass answered are taken from the memo; the rest are fetched.
        let (known, unknown) = memo?.hits(of: lookups) ?? ([:], lookups)
        hits = known
        // Names as (namespace, name) pairs, with each name's lookups (one per version) by the
        // same pair as a string: see `RecordComparison.Comparer` on key types.
        let lookupsByName = Dictionary(grouping: unknown) { $0.namespace + "\u{0}" + $0.packageName }
        let names = Set(unknown.map { [$0.namespace, $0.packageName] }).sorted { $0.lexicographicallyPrecedes($1) }
        // Fetching and comparing is nearly all the work: share the names out over a few parts per
        // core, each fetched (on its own DB connection) and compared on its own, so that decoding
        // records and parsing versions run on every core. Parts are dealt name by name; there are
        // more parts than cores so that one holding several big packages does not finish last alone.
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let partCount = min(names.count, cores * 2)
        let parts = Slots<Part>(count: partCount, initial: Part())
        DispatchQueue.concurrentPerform(iterations: partCount) { part in
            var namesByNamespace: [String: [String]] = [:]
            for index in stride(from: part, to: names.count, by: partCount) {
                namesByNamespace[names[index][0], default: []].append(names[index][1])
            }
            var result = Part()
            for (namespace, packageNames) in namesByNamespace {
                // A failed batch leaves its lookups to the base provider, which then reports the
                // error for each package as before.
                guard let records = try? base.records(namespace: namespace, packageNames: packageNames) else { continue }
                for name in packageNames {
                    guard let list = records[name] else { continue }
                    for lookup in lookupsByName[namespace + "\u{0}" + name] ?? [] {
                        // Diagnostics are dropped as in `NamespaceSearch`: an unreadable record is no match.
                        var ignored: [String] = []
                        result.hits[lookup] = RecordComparison.hits(in: list, version: lookup.version, searchedName: name, diagnostics: &ignored)
                    }
                }
            }
            // The part's hits are enriched here too, in one batch; a group that two parts share
            // is looked up by both, which costs less than a serial step after them.
            result.enrichments = Self.enrich(Self.groups(of: result.hits), base: base, memo: memo)
            parts[part] = result
        }
        var fetched: [Lookup: [RecordComparison.Hit]] = [:]
        for part in 0..<partCount {
            let result = parts[part]
            fetched.merge(result.hits) { first, _ in first }
            enrichments.merge(result.enrichments) { first, _ in first }
        }
        hits.merge(fetched) { first, _ in first }
        if let memo {
            memo.remember(hits: fetched)
            // The groups of the hits the memo gave, enriched from it (or the DB when it lacks one).
            let missing = Self.groups(of: known).filter { enrichments[$0] == nil }
            enrichments.merge(Self.enrich(missing, base: base, memo: memo)) { first, _ in first }
            memo.remember(enrichments: enrichments)
        }
        reads = MatchReads(lookups: lookups, enrichedIDs: Set(enrichments.keys.joined()))
    }

    /// The distinct record groups (id, then aliases) of some hits, as `NamespaceSearch` asks for them.
    private static func groups(of hits: [Lookup: [RecordComparison.Hit]]) -> [[String]] {
        var groups: [[String]] = []
        var seen = Set<[String]>()
        for hit in hits.values.joined() {
            let group = [hit.record.id] + hit.record.aliases
            if seen.insert(group).inserted { groups.append(group) }
        }
        return groups
    }

    /// The enrichment of each group: from the memo when it has it, else in one batch from the DB.
    /// A failed batch leaves its groups to the base provider.
    private static func enrich(_ groups: [[String]], base: any VulnerabilityProvider, memo: MatchMemo?) -> [[String]: Enrichment] {
        var found = memo?.enrichments(of: groups) ?? [:]
        let missing = groups.filter { found[$0] == nil }
        guard !missing.isEmpty else { return found }
        if let values = try? base.enrichments(for: missing), values.count == missing.count {
            found.merge(zip(missing, values)) { first, _ in first }
        }
        return found
    }

    /// What one part of the preparation found.
    private struct Part: Sendable {
        var hits: [Lookup: [RecordComparison.Hit]] = [:]
        var enrichments: [[String]: Enrichment] = [:]
    }

    /// The hits of a planned lookup; nil when it was not prepared.
    func hits(namespace: String, packageName: String, version: String) -> [RecordComparison.Hit]? {
        hits[Lookup(namespace: namespace, packageName: packageName, version: version)]
    }

    func records(namespace: String, packageName: String) throws -> [VulnerabilityRecord] {
        try base.records(namespace: namespace, packageName: packageName)
    }

    func enrichment(for ids: [String]) throws -> Enrichment {
        if let known = enrichments[ids] { return known }
        return try base.enrichment(for: ids)
    }
}

/// One result slot per iteration of a `concurrentPerform`, each written by its own iteration.
final class Slots<Value: Sendable>: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var values: [Value]

    init(count: Int, initial: Value) {
        values = Array(repeating: initial, count: count)
    }

    subscript(index: Int) -> Value {
        get { lock.withLock { values[index] } }
        set { lock.withLock { values[index] = newValue } }
    }
}
