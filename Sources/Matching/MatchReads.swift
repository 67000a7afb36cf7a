import Model

/// What a matcher run read through its prepared lookups: the planned (namespace, name, version)
/// lookups and the ids (and aliases) whose KEV/EPSS enrichment it took, whether they came from the
/// DB or from a `MatchMemo`. With a memo the provider does not see these reads, so a caller that
/// records what a match depends on takes them from here (plus whatever reached its provider).
public struct MatchReads: Sendable, Hashable {
    public var lookups: Set<Lookup> = []
    public var enrichedIDs: Set<String> = []

    public init(lookups: Set<Lookup> = [], enrichedIDs: Set<String> = []) {
        self.lookups = lookups
        self.enrichedIDs = enrichedIDs
    }
}
