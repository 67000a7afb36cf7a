import Foundation
import Model

/// Everything an evaluation reads: the image, its SBOM (packages, files, secrets, retrieved files,
/// Dockerfile, configuration), its vulnerability matches and when the vulnerability data was synced.
public struct PolicyInput: Sendable {
    public var image: ImageIdentity
    public var sbom: SBOM
    public var matches: [Match]
    /// When the vulnerability feeds were last synced (nil: no data).
    public var vulnerabilityDataSyncedAt: Date?
    /// The SBOM of the image the tag pointed at before, for `tag_drift`.
    public var previousSBOM: SBOM?
    public var now: Date

    public init(image: ImageIdentity, sbom: SBOM, matches: [Match], vulnerabilityDataSyncedAt: Date?, previousSBOM: SBOM? = nil, now: Date = Date()) {
        self.image = image
        self.sbom = sbom
        self.matches = matches
        self.vulnerabilityDataSyncedAt = vulnerabilityDataSyncedAt
        self.previousSBOM = previousSBOM
        self.now = now
    }
}

/// One trigger firing: its id (what allowlists name) and the check output.
public struct TriggerFiring: Sendable, Hashable {
    public var triggerID: String
    public var message: String

    public init(triggerID: String, message: String) {
        self.triggerID = triggerID
        self.message = message
    }
}

/// A rule's parameters, read by name (case-insensitive) and kind; `BundleParser` already checked them.
public struct RuleParameters: Sendable {
    let values: [String: String]

    public init(_ values: [String: String]) { self.values = Dictionary(uniqueKeysWithValues: values.map { ($0.key.lowercased(), $0.value) }) }

    public func string(_ name: String) -> String? { values[name.lowercased()].flatMap { $0.isEmpty ? nil : $0 } }
    public func bool(_ name: String) -> Bool? { string(name).flatMap(ParameterValue.bool) }
    public func int(_ name: String) -> Int? { string(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
    public func double(_ name: String) -> Double? { string(name).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
    public func list(_ name: String) -> [String] { string(name).map(ParameterValue.csv) ?? [] }
    public func ints(_ name: String) -> [Int] { string(name).flatMap(ParameterValue.ints) ?? [] }
}

/// A gate: evaluates one of its triggers with a rule's parameters.
public protocol Gate: Sendable {
    var name: String { get }
    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring]
}
