import Foundation
import Model

/// `dockerfile`: instructions, the effective user, exposed ports, whether a real Dockerfile was given.
/// Reads the Dockerfile the analysis kept (supplied, or reconstructed from the history) and the configuration.
struct DockerfileGate: Gate {
    let name = "dockerfile"

    struct Instruction {
        var keyword: String
        var argument: String
    }

    static func instructions(_ text: String) -> [Instruction] {
        // Continuation lines joined, comments dropped.
        let joined = text.replacingOccurrences(of: "\\\n", with: " ")
        return joined.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
            return Instruction(keyword: parts[0].uppercased(), argument: parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }
    }

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        let dockerfile = input.sbom.dockerfile
        let actualOnly = parameters.bool("actual_dockerfile_only") ?? false
        if actualOnly && (dockerfile?.guessed ?? true) { return [] }
        let instructions = dockerfile.map { Self.instructions($0.text) } ?? []
        switch trigger {
        case "instruction":
            guard let wanted = parameters.string("instruction")?.uppercased(), let check = parameters.string("check") else { return [] }
            let value = parameters.string("value") ?? ""
            let found = instructions.filter { $0.keyword == wanted }
            switch check {
            case "exists":
                return found.isEmpty ? [] : [Gates.firing(name, trigger, "Dockerfile directive '\(wanted)' check 'exists' matched against '' for line '\(found[0].argument)'")]
            case "not_exists":
                return found.isEmpty ? [Gates.firing(name, trigger, "Dockerfile directive '\(wanted)' not found, matching condition 'not_exists' check")] : []
            default:
                return found.filter { Self.matches($0.argument, check, value) }.map {
                    Gates.firing(name, trigger, "Dockerfile directive '\(wanted)' check '\(check)' matched against '\(value)' for line '\($0.argument)'")
                }
            }
        case "effective_user":
            let users = Set(parameters.list("users"))
            let user = (input.sbom.source.configuration?.config?.user).flatMap { $0.isEmpty ? nil : $0 }
                ?? instructions.last { $0.keyword == "USER" }?.argument ?? "root"
            let name = user.split(separator: ":").first.map(String.init) ?? user
            let listed = users.contains(name)
            switch parameters.string("type") {
            case "blacklist" where listed:
                return [Gates.firing(self.name, trigger, "User \(name) found as effective user, which is explicity not allowed list")]
            case "whitelist" where !listed:
                return [Gates.firing(self.name, trigger, "User \(name) found as effective user, which is not on the allowed list")]
            default: return []
            }
        case "exposed_ports":
            let ports = Set(parameters.ints("ports"))
            var exposed = Set((input.sbom.source.configuration?.config?.exposedPorts ?? [:]).keys.compactMap { Int($0.split(separator: "/").first ?? "") })
            for instruction in instructions where instruction.keyword == "EXPOSE" {
                for token in instruction.argument.split(separator: " ") { if let port = Int(token.split(separator: "/").first ?? "") { exposed.insert(port) } }
            }
            switch parameters.string("type") {
            case "blacklist":
                return exposed.sorted().filter(ports.contains).map {
                    Gates.firing(name, trigger, "Dockerfile exposes port (\($0)) which is in policy file DENIEDPORTS list")
                }
            case "whitelist":
                return exposed.sorted().filter { !ports.contains($0) }.map {
                    Gates.firing(name, trigger, "Dockerfile exposes port (\($0)) which is not in policy file ALLOWEDPORTS list")
                }
            default: return []
            }
        case "no_dockerfile_provided":
            return (dockerfile?.guessed ?? true) ? [Gates.firing(name, trigger, "Image was not analyzed with an actual Dockerfile")] : []
        default:
            return []
        }
    }

    /// `= != like not_like in not_in` against an instruction's argument.
    static func matches(_ argument: String, _ check: String, _ value: String) -> Bool {
        func like() -> Bool { (try? NSRegularExpression(pattern: value))?.firstMatch(in: argument, range: NSRange(argument.startIndex..., in: argument)) != nil }
        let list = ParameterValue.csv(value)
        switch check {
        case "=": return argument == value
        case "!=": return argument != value
        case "like": return like()
        case "not_like": return !like()
        case "in": return list.contains(argument)
        case "not_in": return !list.contains(argument)
        default: return false
        }
    }
}
