import Foundation

/// What a sync changed in the DB, as the matcher would notice it: the (namespace, package name)
/// lookups whose records differ, and the vulnerability ids whose enrichment (KEV, EPSS, aliases)
/// may differ. A stored report whose lookups and enrichment ids miss both sets matches the same
/// against the new DB, so the service re-matches only the images a sync touches.
public struct VulnDBChanges: Sendable, Hashable, Codable {
    /// `lookupKey(namespace:packageName:)` of every changed lookup.
    public var lookups: Set<String>
    /// Upper-cased ids: of changed records and their aliases, and of changed KEV/EPSS rows with the
    /// ids the alias table links them to.
    public var ids: Set<String>

    public init(lookups: Set<String> = [], ids: Set<String> = []) {
        self.lookups = lookups
        self.ids = ids
    }

    /// The key of one lookup: names never contain U+001F.
    public static func lookupKey(namespace: String, packageName: String) -> String {
        namespace + "\u{1F}" + packageName
    }

    public var isEmpty: Bool { lookups.isEmpty && ids.isEmpty }

    public mutating func formUnion(_ other: VulnDBChanges) {
        lookups.formUnion(other.lookups)
        ids.formUnion(other.ids)
    }

    /// Whether a report that made these lookups and asked these (upper-cased) ids' enrichment may
    /// read differently now.
    public func touches(lookups asked: some Sequence<String>, ids enriched: some Sequence<String>) -> Bool {
        asked.contains(where: lookups.contains) || enriched.contains(where: ids.contains)
    }
}
