import Foundation
import Matching
import Model
import VulnDB

/// What an image's stored vulnerability report depends on: the DB it is current for, the
/// (namespace, package) lookups its match made and the ids whose enrichment it read. After a feed
/// sync, an image whose lookups and ids the sync did not change (`VulnDBChanges.touches`) is
/// marked current for the new DB without matching again; one it touched is re-matched.
struct MatchState: Codable, Sendable {
    /// Version of this document. Changelog: 1 — first version.
    static let schemaVersion = 1

    var schemaVersion: Int
    /// `MatchingDatabase` identity of the DB the report is current for.
    var database: String
    /// `VulnDBChanges.lookupKey` of every lookup, sorted.
    var lookups: [String]
    /// Upper-cased ids whose enrichment was read, sorted.
    var ids: [String]

    init(database: String, lookups: [String], ids: [String]) {
        schemaVersion = Self.schemaVersion
        self.database = database
        self.lookups = lookups
        self.ids = ids
    }
}

extension MatchState {
    /// The document as `JSONEncoder` writes it, by `JSONWriter` (re-match passes write thousands).
    func jsonData() -> Data {
        var writer = JSONWriter(capacity: 256 + 48 * (lookups.count + ids.count))
        writer.beginObject()
        writer.key("schemaVersion"); writer.number(schemaVersion)
        writer.key("database"); writer.string(database)
        writer.key("lookups"); writer.strings(lookups)
        writer.key("ids"); writer.strings(ids)
        writer.endObject()
        return Data(writer.bytes)
    }
}

/// A provider that passes every call to the DB and notes what was asked, so the report's
/// `MatchState` names exactly what the match read. The matcher calls it from several threads.
final class LookupRecorder: VulnerabilityProvider, @unchecked Sendable {
    // @unchecked: `asked` and `enriched` are only touched while holding `lock`.
    private let base: any VulnerabilityProvider
    private let lock = NSLock()
    private var asked = Set<String>()
    private var enriched = Set<String>()

    init(_ base: any VulnerabilityProvider) { self.base = base }

    func state(database: String) -> MatchState {
        lock.withLock { MatchState(database: database, lookups: asked.sorted(), ids: enriched.sorted()) }
    }

    /// Notes what the matcher read without asking this provider (from a `MatchMemo`).
    func note(_ reads: MatchReads) {
        lock.withLock {
            for lookup in reads.lookups { asked.insert(VulnDBChanges.lookupKey(namespace: lookup.namespace, packageName: lookup.packageName)) }
            for id in reads.enrichedIDs { enriched.insert(id.uppercased()) }
        }
    }

    private func note(namespace: String, names: some Sequence<String>) {
        lock.withLock { for name in names { asked.insert(VulnDBChanges.lookupKey(namespace: namespace, packageName: name)) } }
    }

    private func note(ids: some Sequence<String>) {
        lock.withLock { for id in ids { enriched.insert(id.uppercased()) } }
    }

    func records(namespace: String, packageName: String) throws -> [VulnerabilityRecord] {
        note(namespace: namespace, names: CollectionOfOne(packageName))
        return try base.records(namespace: namespace, packageName: packageName)
    }

    func records(namespace: String, packageNames: [String]) throws -> [String: [VulnerabilityRecord]] {
        note(namespace: namespace, names: packageNames)
        return try base.records(namespace: namespace, packageNames: packageNames)
    }

    func enrichment(for ids: [String]) throws -> Enrichment {
        note(ids: ids)
        return try base.enrichment(for: ids)
    }

    func enrichments(for groups: [[String]]) throws -> [Enrichment] {
        note(ids: groups.joined())
        return try base.enrichments(for: groups)
    }
}
