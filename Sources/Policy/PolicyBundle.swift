import Foundation

/// A policy bundle in one internal model, whatever form it was written in: Anchore's v1
/// (`version: "1_0"`: policies, whitelists, whitelisted/blacklisted images) or v2 (`"2_0"`:
/// rule sets, allowlists, allowlisted/denylisted images). Built only by `BundleParser`, which
/// validates every rule against `GateCatalog`.
public struct PolicyBundle: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable { case v1 = "1_0", v2 = "2_0" }

    public var id: String
    public var name: String
    public var comment: String?
    public var format: Format
    public var ruleSets: [RuleSet]
    public var allowlists: [Allowlist]
    /// In order: the first that matches an image decides its rule sets and allowlists.
    public var mappings: [PolicyMapping]
    public var allowedImages: [ImageSelector]
    public var deniedImages: [ImageSelector]
    /// `sha256:` of the bundle document, recorded with each evaluation for audit.
    public var digest: String

    public func ruleSet(_ id: String) -> RuleSet? { ruleSets.first { $0.id == id } }
    public func allowlist(_ id: String) -> Allowlist? { allowlists.first { $0.id == id } }
}

public struct RuleSet: Sendable, Hashable {
    public var id: String
    public var name: String
    public var rules: [PolicyRule]
}

public struct PolicyRule: Sendable, Hashable {
    public var id: String
    public var gate: String
    public var trigger: String
    public var action: GateAction
    /// Parameter values by lowercased name, as written (strings).
    public var params: [String: String]
}

/// A rule's action; the worst one over all non-allowlisted findings is the final action.
public enum GateAction: String, Sendable, Hashable, Codable, Comparable {
    case stop, warn, go

    var badness: Int {
        switch self {
        case .stop: 2
        case .warn: 1
        case .go: 0
        }
    }

    /// Ordered STOP < WARN < GO, as Anchore's engine orders them (the minimum is the worst).
    public static func < (lhs: GateAction, rhs: GateAction) -> Bool { lhs.badness > rhs.badness }
}

public struct Allowlist: Sendable, Hashable {
    public var id: String
    public var name: String
    public var items: [AllowlistItem]
}

public struct AllowlistItem: Sendable, Hashable {
    public var id: String
    public var gate: String
    /// A trigger id, or a pattern with `*` wildcards.
    public var triggerID: String
    public var expiresOn: Date?

    /// Whether the item allowlists a finding of `gate` with `triggerID` at `now`.
    public func matches(gate: String, triggerID: String, now: Date) -> Bool {
        if let expiresOn, now >= expiresOn { return false }
        return self.gate.lowercased() == gate.lowercased() && WildcardPattern(self.triggerID).matches(triggerID)
    }
}

public struct PolicyMapping: Sendable, Hashable {
    public var id: String
    public var name: String
    public var selector: ImageSelector
    public var ruleSetIDs: [String]
    public var allowlistIDs: [String]
}
