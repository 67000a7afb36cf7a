import Crypto
import Foundation

/// Reads and validates a policy bundle (v1 or v2) into a `PolicyBundle`, collecting every problem
/// with its JSON path: unknown gate, trigger or parameter, a missing required parameter, a value of
/// the wrong type or outside its enum, an end-of-life gate, a mapping naming a missing rule set or
/// allowlist, a bad expiry date.
public struct BundleParser: Sendable {
    public init() {}

    public func parse(_ data: Data) throws(PolicyBundleError) -> PolicyBundle {
        guard let any = try? JSONSerialization.jsonObject(with: data) else {
            throw PolicyBundleError(problems: [PolicyProblem(path: "", message: "not JSON: the bundle must be a JSON object")])
        }
        guard let root = any as? [String: Any] else {
            throw PolicyBundleError(problems: [PolicyProblem(path: "", message: "the bundle must be a JSON object, not \(Self.kind(of: any))")])
        }
        var reader = Reader()
        let bundle = reader.bundle(root, digest: "sha256:" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined())
        guard reader.problems.isEmpty, let bundle else { throw PolicyBundleError(problems: reader.problems) }
        return bundle
    }

    static func kind(of value: Any) -> String {
        switch value {
        case is [Any]: "an array"
        case is String: "a string"
        case is NSNumber: "a number"
        case is NSNull: "null"
        default: "an object"
        }
    }

    /// Walks the document, noting problems as it goes.
    struct Reader {
        var problems: [PolicyProblem] = []

        mutating func problem(_ path: String, _ message: String) { problems.append(PolicyProblem(path: path, message: message)) }

        mutating func string(_ object: [String: Any], _ key: String, _ path: String, required: Bool = true) -> String? {
            let at = path.isEmpty ? key : "\(path).\(key)"
            guard let value = object[key], !(value is NSNull) else {
                if required { problem(at, "missing required field") }
                return nil
            }
            guard let text = value as? String else { problem(at, "must be a string, not \(BundleParser.kind(of: value))"); return nil }
            return text
        }

        mutating func list(_ object: [String: Any], _ key: String, _ path: String, required: Bool = false) -> [[String: Any]] {
            let at = path.isEmpty ? key : "\(path).\(key)"
            guard let value = object[key], !(value is NSNull) else {
                if required { problem(at, "missing required field") }
                return []
            }
            guard let array = value as? [Any] else { problem(at, "must be a list, not \(BundleParser.kind(of: value))"); return [] }
            var objects: [[String: Any]] = []
            for (index, element) in array.enumerated() {
                guard let object = element as? [String: Any] else { problem("\(at)[\(index)]", "must be an object"); continue }
                objects.append(object)
            }
            return objects
        }

        mutating func strings(_ object: [String: Any], _ key: String, _ path: String) -> [String] {
            guard let value = object[key], !(value is NSNull) else { return [] }
            guard let array = value as? [Any] else { problem("\(path).\(key)", "must be a list of strings"); return [] }
            return array.enumerated().compactMap { index, element in
                if let text = element as? String { return text }
                problem("\(path).\(key)[\(index)]", "must be a string")
                return nil
            }
        }

        mutating func bundle(_ root: [String: Any], digest: String) -> PolicyBundle? {
            let id = string(root, "id", "")
            let version = string(root, "version", "")
            var format = PolicyBundle.Format.v1
            if let version {
                guard let known = PolicyBundle.Format(rawValue: version) else {
                    problem("version", "unsupported version '\(version)' (1_0 or 2_0)")
                    return nil
                }
                format = known
            }
            let v2 = format == .v2
            let setsKey = v2 ? "rule_sets" : "policies", listsKey = v2 ? "allowlists" : "whitelists"
            let sets = list(root, setsKey, "", required: true).enumerated().compactMap { ruleSet($1, path: "\(setsKey)[\($0)]") }
            let lists = list(root, listsKey, "").enumerated().compactMap { allowlist($1, path: "\(listsKey)[\($0)]", v2: v2) }
            if root["mappings"] == nil { problem("mappings", "missing required field") }
            let mappings = list(root, "mappings", "").enumerated().compactMap { index, object in
                mapping(object, path: "mappings[\(index)]", v2: v2, ruleSets: Set(sets.map(\.id)), allowlists: Set(lists.map(\.id)))
            }
            let allowedKey = v2 ? "allowlisted_images" : "whitelisted_images", deniedKey = v2 ? "denylisted_images" : "blacklisted_images"
            let allowed = list(root, allowedKey, "").enumerated().compactMap { selector($1, path: "\(allowedKey)[\($0)]") }
            let denied = list(root, deniedKey, "").enumerated().compactMap { selector($1, path: "\(deniedKey)[\($0)]") }
            guard let id else { return nil }
            return PolicyBundle(id: id, name: (root["name"] as? String) ?? id, comment: (root[v2 ? "description" : "comment"] as? String),
                                format: format, ruleSets: sets, allowlists: lists, mappings: mappings, allowedImages: allowed,
                                deniedImages: denied, digest: digest)
        }

        mutating func ruleSet(_ object: [String: Any], path: String) -> RuleSet? {
            let id = string(object, "id", path)
            if let type = string(object, "artifact_type", path, required: false), !["image", "source"].contains(type) {
                problem("\(path).artifact_type", "'\(type)' must be one of image, source")
            }
            var seen = Set<String>()
            let rules = list(object, "rules", path).enumerated().compactMap { index, rule -> PolicyRule? in
                let rulePath = "\(path).rules[\(index)]"
                guard let parsed = self.rule(rule, path: rulePath) else { return nil }
                if !seen.insert(parsed.id).inserted { problem("\(rulePath).id", "duplicate rule id '\(parsed.id)'") }
                return parsed
            }
            guard let id else { return nil }
            return RuleSet(id: id, name: (object["name"] as? String) ?? id, rules: rules)
        }

        mutating func rule(_ object: [String: Any], path: String) -> PolicyRule? {
            let gateName = string(object, "gate", path)
            let triggerName = string(object, "trigger", path)
            let actionText = string(object, "action", path)
            let id = (object["id"] as? String) ?? UUID().uuidString
            var action: GateAction?
            if let actionText {
                action = GateAction(rawValue: actionText.lowercased())
                if action == nil { problem("\(path).action", "unknown action '\(actionText)': must be one of STOP, WARN, GO") }
            }
            var params: [String: String] = [:]
            var paramPaths: [String: String] = [:]
            if let raw = object["params"], !(raw is NSNull) {
                if let array = raw as? [Any] {
                    for (index, element) in array.enumerated() {
                        let at = "\(path).params[\(index)]"
                        guard let param = element as? [String: Any] else { problem(at, "must be an object {name, value}"); continue }
                        guard let name = string(param, "name", at) else { continue }
                        let value: String
                        switch param["value"] {
                        case let text as String: value = text
                        case nil, is NSNull: problem("\(at).value", "missing required field"); continue
                        default: problem("\(at).value", "must be a string (values are written as strings, e.g. \"22\")"); continue
                        }
                        params[name.lowercased()] = value
                        paramPaths[name.lowercased()] = "\(at)"
                    }
                } else {
                    problem("\(path).params", "must be a list of {name, value}, not \(BundleParser.kind(of: raw))")
                }
            }
            guard let gateName, let triggerName else { return nil }
            guard let gate = GateCatalog.gate(gateName) else { problem("\(path).gate", "unknown gate '\(gateName)'"); return nil }
            if gate.state == .eol {
                problem("\(path).gate", "gate '\(gate.name)' is end-of-life" + (gate.supersededBy.map { "; use '\($0)'" } ?? ""))
                return nil
            }
            guard let trigger = gate.triggers.first(where: { $0.name == triggerName.lowercased() }) else {
                problem("\(path).trigger", "unknown trigger '\(triggerName)' of gate '\(gate.name)' (one of \(gate.triggers.map(\.name).joined(separator: ", ")))")
                return nil
            }
            for (name, value) in params.sorted(by: { $0.key < $1.key }) {
                guard let spec = trigger.parameters.first(where: { $0.name.lowercased() == name }) else {
                    problem("\(paramPaths[name] ?? path).name", "unknown parameter '\(name)' of trigger '\(gate.name).\(trigger.name)'")
                    continue
                }
                if let why = ParameterValue.check(value, spec.kind) { problem("\(paramPaths[name] ?? path).value", "\(spec.name): \(why)") }
            }
            for spec in trigger.parameters where spec.required && params[spec.name.lowercased()] == nil {
                problem("\(path).params", "missing required parameter '\(spec.name)' of trigger '\(gate.name).\(trigger.name)'")
            }
            guard let action else { return nil }
            return PolicyRule(id: id, gate: gate.name, trigger: trigger.name, action: action, params: params)
        }

        mutating func allowlist(_ object: [String: Any], path: String, v2: Bool) -> Allowlist? {
            let id = string(object, "id", path)
            let items = list(object, "items", path).enumerated().compactMap { index, item -> AllowlistItem? in
                let at = "\(path).items[\(index)]"
                let gate = string(item, "gate", at), trigger = string(item, "trigger_id", at)
                var expiry: Date?
                if let text = string(item, "expires_on", at, required: false) {
                    expiry = ParameterValue.date(text)
                    if expiry == nil { problem("\(at).expires_on", "not an RFC 3339 timestamp: '\(text)'") }
                }
                guard let gate, let trigger else { return nil }
                return AllowlistItem(id: (item["id"] as? String) ?? "\(index)", gate: gate, triggerID: trigger, expiresOn: expiry)
            }
            guard let id else { return nil }
            return Allowlist(id: id, name: (object["name"] as? String) ?? id, items: items)
        }

        mutating func selector(_ object: [String: Any], path: String) -> ImageSelector? {
            let registry = string(object, "registry", path), repository = string(object, "repository", path)
            guard let image = object["image"] as? [String: Any] else { problem("\(path).image", "missing required field {type, value}"); return nil }
            let typeText = string(image, "type", "\(path).image"), value = string(image, "value", "\(path).image")
            guard let typeText else { return nil }
            guard let kind = ImageSelector.Kind(rawValue: typeText) else {
                problem("\(path).image.type", "unknown image type '\(typeText)': must be one of tag, digest, id")
                return nil
            }
            guard let registry, let repository, let value else { return nil }
            return ImageSelector(id: object["id"] as? String, name: object["name"] as? String, registry: registry, repository: repository,
                                 kind: kind, value: value)
        }

        mutating func mapping(_ object: [String: Any], path: String, v2: Bool, ruleSets: Set<String>, allowlists: Set<String>) -> PolicyMapping? {
            let selector = selector(object, path: path)
            let setsKey = v2 ? "rule_set_ids" : "policy_ids", listsKey = v2 ? "allowlist_ids" : "whitelist_ids"
            var setIDs: [String] = []
            if !v2, let single = object["policy_id"] as? String {
                if !ruleSets.contains(single) { problem("\(path).policy_id", "names a policy that is not in the bundle: '\(single)'") }
                setIDs.append(single)
            }
            let listed = strings(object, setsKey, path)
            for (index, id) in listed.enumerated() where !ruleSets.contains(id) {
                problem("\(path).\(setsKey)[\(index)]", "names a \(v2 ? "rule set" : "policy") that is not in the bundle: '\(id)'")
            }
            setIDs += listed
            let listIDs = strings(object, listsKey, path)
            for (index, id) in listIDs.enumerated() where !allowlists.contains(id) {
                problem("\(path).\(listsKey)[\(index)]", "names a\(v2 ? "n allowlist" : " whitelist") that is not in the bundle: '\(id)'")
            }
            guard let selector else { return nil }
            return PolicyMapping(id: (object["id"] as? String) ?? path, name: (object["name"] as? String) ?? "", selector: selector,
                                 ruleSetIDs: setIDs, allowlistIDs: listIDs)
        }
    }
}
