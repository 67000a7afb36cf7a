import Crypto
import Foundation
import Model

/// The gates Hawser evaluates: one explicit list (adding a gate is one file plus one line here).
public enum Gates {
    public static let all: [any Gate] = [
        AlwaysGate(), DockerfileGate(), VulnerabilitiesGate(), PackagesGate(), PasswdFileGate(), MetadataGate(), FilesGate(),
        LicensesGate(), SecretScansGate(), RetrievedFilesGate(), DistroGate(), PackageNameBlacklistGate(name: "npms", types: [.npm]),
        PackageNameBlacklistGate(name: "ruby_gems", types: [.gem]), MalwareGate(), TagDriftGate(),
    ]

    /// Anchore's trigger id for most triggers: the MD5 of gate, trigger and message (stable, so allowlists can name it).
    static func triggerID(_ gate: String, _ trigger: String, _ message: String) -> String {
        Insecure.MD5.hash(data: Data((gate + trigger + message).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func firing(_ gate: String, _ trigger: String, _ message: String) -> TriggerFiring {
        TriggerFiring(triggerID: triggerID(gate, trigger, message), message: message)
    }

    static let osTypes: Set<PackageType> = [.deb, .rpm, .apk]

    /// `all`, `os` or `non-os` (lowercase).
    static func packageTypeMatches(_ type: PackageType, _ wanted: String?) -> Bool {
        switch wanted {
        case "os": osTypes.contains(type)
        case "non-os": !osTypes.contains(type)
        default: true
        }
    }

    /// Compares with one of `= != < > <= >=`.
    static func compare<T: Comparable>(_ lhs: T, _ op: String, _ rhs: T) -> Bool {
        switch op {
        case "=", "==": lhs == rhs
        case "!=": lhs != rhs
        case "<": lhs < rhs
        case ">": lhs > rhs
        case "<=": lhs <= rhs
        case ">=": lhs >= rhs
        default: false
        }
    }
}

struct AlwaysGate: Gate {
    let name = "always"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        [TriggerFiring(triggerID: "always", message: "always")]
    }
}
