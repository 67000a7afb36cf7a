/// What a gate accepts, as `GET /v1/system/policy_spec` publishes it and bundle validation checks it:
/// the gate's triggers and each trigger's parameters with their types.
public struct GateSpec: Sendable, Hashable {
    /// `active`, `deprecated` or `eol` (an end-of-life gate is refused in new bundles).
    public enum State: String, Sendable, Hashable, Codable { case active, deprecated, eol }

    public var name: String
    public var description: String
    public var state: State
    public var supersededBy: String?
    public var triggers: [TriggerSpec]

    public init(name: String, description: String, state: State = .active, supersededBy: String? = nil, triggers: [TriggerSpec]) {
        self.name = name
        self.description = description
        self.state = state
        self.supersededBy = supersededBy
        self.triggers = triggers
    }
}

public struct TriggerSpec: Sendable, Hashable {
    public var name: String
    public var description: String
    public var state: GateSpec.State
    public var parameters: [ParameterSpec]

    public init(name: String, description: String, state: GateSpec.State = .active, parameters: [ParameterSpec] = []) {
        self.name = name
        self.description = description
        self.state = state
        self.parameters = parameters
    }
}

/// A trigger parameter. Values arrive as strings and are parsed per `kind`.
public struct ParameterSpec: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case string
        case bool
        case int
        case float
        /// Comma-separated strings.
        case csv
        /// Comma-separated integers.
        case csvInt
        /// One of the listed values.
        case oneOf([String])
        /// A regular expression (must compile).
        case regex
    }

    public var name: String
    public var description: String
    public var kind: Kind
    public var required: Bool
    public var example: String?
    public var state: GateSpec.State

    public init(name: String, description: String, kind: Kind, required: Bool = false, example: String? = nil, state: GateSpec.State = .active) {
        self.name = name
        self.description = description
        self.kind = kind
        self.required = required
        self.example = example
        self.state = state
    }
}
