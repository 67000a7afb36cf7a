/// One term of a constraint: an operator and a version, such as `< 2.0`.
public struct VersionComparison: Hashable, Sendable, CustomStringConvertible {
    public enum Operator: String, CaseIterable, Hashable, Sendable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        /// The mathematical symbol, for explanations (`≤`, `≠`, …).
        public var symbol: String {
            switch self {
            case .equal: "="
            case .notEqual: "≠"
            case .less: "<"
            case .lessOrEqual: "≤"
            case .greater: ">"
            case .greaterOrEqual: "≥"
            }
        }

        func holds(_ order: Int) -> Bool {
            switch self {
            case .equal: order == 0
            case .notEqual: order != 0
            case .less: order < 0
            case .lessOrEqual: order <= 0
            case .greater: order > 0
            case .greaterOrEqual: order >= 0
            }
        }
    }

    public let op: Operator
    public let version: Version
    /// The OSV event this term came from, when built from OSV events (for explanations).
    public let event: OSVEvent.Kind?

    public init(_ op: Operator, _ version: Version, event: OSVEvent.Kind? = nil) {
        self.op = op
        self.version = version
        self.event = event
    }

    /// Whether `candidate` satisfies this term; throws when its format differs.
    public func isSatisfied(by candidate: Version) throws(VersionError) -> Bool {
        op.holds(try candidate.compare(to: version))
    }

    /// The term in the constraint grammar: `>= 1.2`.
    public var description: String { "\(op.rawValue) \(version)" }
}
