/// One thing wrong with a bundle, at a JSON path (`policies[0].rules[1].gate`).
public struct PolicyProblem: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// A bundle that cannot be used, with every problem found (not just the first).
public struct PolicyBundleError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [PolicyProblem]

    public var description: String { "invalid policy bundle: " + problems.map(\.description).joined(separator: "; ") }
}
