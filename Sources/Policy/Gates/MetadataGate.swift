import Foundation
import Model

/// `metadata.attribute`: size, architecture, OS, distro and version, like-distro, layer count.
struct MetadataGate: Gate {
    let name = "metadata"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        guard trigger == "attribute", let attribute = parameters.string("attribute"), let check = parameters.string("check") else { return [] }
        let sbom = input.sbom
        let value: String?
        switch attribute {
        case "size": value = nil
        case "architecture": value = sbom.source.configuration?.architecture
        case "os_type": value = sbom.source.configuration?.os
        case "distro": value = sbom.distro?.id
        case "distro_version": value = sbom.distro?.versionID
        case "like_distro": value = sbom.distro.map { ([$0.id] + $0.idLike).joined(separator: ",") }
        case "layer_count": value = String(sbom.source.layers.count)
        default: value = nil
        }
        let wanted = parameters.string("value") ?? ""
        let holds: Bool
        switch check {
        case "exists": holds = value != nil
        case "not_exists": holds = value == nil
        case "=", "!=", "<", ">", "<=", ">=":
            guard let value else { return [] }
            if let number = Double(value), let threshold = Double(wanted) { holds = Gates.compare(number, check, threshold) } else { holds = Gates.compare(value, check, wanted) }
        default:
            guard let value else { return [] }
            holds = DockerfileGate.matches(value, check, wanted)
        }
        guard holds else { return [] }
        return [Gates.firing(name, trigger, "Attribute check for attribute: '\(attribute)' check: '\(check)' check_value: '\(wanted)' matched image value: '\(value ?? "")'")]
    }
}
