/// A conjunction of comparisons (`>= 1.2, < 2.0`): one `||`-separated part of a constraint.
///
/// A range without comparisons holds every version (`*`).
public struct VersionRange: Hashable, Sendable, CustomStringConvertible {
    public let comparisons: [VersionComparison]

    public init(_ comparisons: [VersionComparison]) {
        self.comparisons = comparisons
    }

    /// Whether `version` satisfies every comparison; throws when formats differ.
    public func contains(_ version: Version) throws(VersionError) -> Bool {
        for comparison in comparisons where try !comparison.isSatisfied(by: version) {
            return false
        }
        return true
    }

    /// The range in the constraint grammar: `>= 1.2, < 2.0`, or `*`.
    public var description: String {
        comparisons.isEmpty ? "*" : comparisons.map(\.description).joined(separator: ", ")
    }

    /// The range for people: `1.2 ≤ v < 2.0`, with OSV roles when known
    /// (`introduced 1.2 ≤ v < fixed 2.0`, `v ≤ last_affected 1.9`); `any version` when unbounded.
    public var explanation: String {
        func label(_ c: VersionComparison) -> String {
            c.event.map { "\($0.rawValue) \(c.version)" } ?? c.version.description
        }
        if comparisons.isEmpty { return "any version" }
        let lowers = comparisons.filter { $0.op == .greater || $0.op == .greaterOrEqual }
        let uppers = comparisons.filter { $0.op == .less || $0.op == .lessOrEqual }
        let others = comparisons.filter { $0.op == .equal || $0.op == .notEqual }
        var parts: [String] = []
        if lowers.count == 1, uppers.count >= 1 {
            let low = lowers[0]
            let lowSymbol = low.op == .greater ? "<" : "≤"
            let upperText = uppers.map { "\($0.op.symbol) \(label($0))" }.joined(separator: " and v ")
            parts.append("\(label(low)) \(lowSymbol) v \(upperText)")
        } else {
            parts += (lowers + uppers).map { "v \($0.op.symbol) \(label($0))" }
        }
        parts += others.map { "v \($0.op.symbol) \(label($0))" }
        return parts.joined(separator: " and ")
    }
}
