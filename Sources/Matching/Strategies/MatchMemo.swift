import Foundation
import Model

/// What the matcher runs of one pass over many SBOMs against one DB share: the hits of each
/// planned (namespace, name, version) lookup and the KEV/EPSS enrichment of each record group.
///
/// Re-matching every stored image after a feed sync matches a fleet whose images mostly share
/// their base images' packages: with a memo, each distinct lookup is fetched and compared once per
/// pass instead of once per image. A memo holds answers of one DB only, so a pass makes a new one
/// (and drops it when done); the answers are those the DB gives, so the matches are the same as
/// without it. Runs may use it from several threads at once.
public final class MatchMemo: @unchecked Sendable {
    // @unchecked: both dictionaries are only touched while holding `lock`.
    private let lock = NSLock()
    private var hits: [Lookup: [RecordComparison.Hit]] = [:]
    private var enrichments: [[String]: Enrichment] = [:]

    public init() {}

    /// The known hits of `lookups`, and the lookups not known yet.
    func hits(of lookups: Set<Lookup>) -> (known: [Lookup: [RecordComparison.Hit]], unknown: Set<Lookup>) {
        lock.withLock {
            var known: [Lookup: [RecordComparison.Hit]] = [:]
            var unknown = Set<Lookup>()
            for lookup in lookups {
                if let found = hits[lookup] { known[lookup] = found } else { unknown.insert(lookup) }
            }
            return (known, unknown)
        }
    }

    func remember(hits found: [Lookup: [RecordComparison.Hit]]) {
        lock.withLock { hits.merge(found) { first, _ in first } }
    }

    func enrichments(of groups: [[String]]) -> [[String]: Enrichment] {
        lock.withLock {
            var known: [[String]: Enrichment] = [:]
            for group in groups { if let found = enrichments[group] { known[group] = found } }
            return known
        }
    }

    func remember(enrichments found: [[String]: Enrichment]) {
        lock.withLock { enrichments.merge(found) { first, _ in first } }
    }
}
