import Foundation

/// Evaluates a bundle against an image, as Anchore's engine does (bundles.py): the first mapping
/// that matches picks the rule sets and allowlists; every rule runs its gate's trigger; allowlisted
/// findings become GO; the final action is the worst of the rest (no finding: GO); a denied-images
/// match makes it STOP and an allowed-images match GO, with that as the reason.
public struct PolicyEvaluator: Sendable {
    public var gates: [String: any Gate]

    public init(gates: [any Gate] = Gates.all) {
        self.gates = Dictionary(uniqueKeysWithValues: gates.map { ($0.name, $0) })
    }

    public func evaluate(_ bundle: PolicyBundle, input: PolicyInput) -> PolicyEvaluation {
        var findings: [PolicyEvaluation.Finding] = []
        var problems: [String] = []
        let mapping = bundle.mappings.first { $0.selector.matches(input.image) }
        if let mapping {
            let allowlists = mapping.allowlistIDs.compactMap { id -> Allowlist? in
                guard let list = bundle.allowlist(id) else { problems.append("mapping \(mapping.id) names a missing allowlist \(id)"); return nil }
                return list
            }
            for id in mapping.ruleSetIDs {
                guard let ruleSet = bundle.ruleSet(id) else { problems.append("mapping \(mapping.id) names a missing rule set \(id)"); continue }
                for rule in ruleSet.rules {
                    guard let gate = gates[rule.gate] else { problems.append("no evaluator for gate \(rule.gate)"); continue }
                    for firing in gate.evaluate(trigger: rule.trigger, parameters: RuleParameters(rule.params), input: input) {
                        var covered: PolicyEvaluation.AllowlistMatch?
                        search: for list in allowlists {
                            for item in list.items where item.matches(gate: rule.gate, triggerID: firing.triggerID, now: input.now) {
                                covered = .init(allowlistID: list.id, allowlistName: list.name, itemID: item.id)
                                break search
                            }
                        }
                        findings.append(.init(ruleSetID: ruleSet.id, ruleID: rule.id, gate: rule.gate, trigger: rule.trigger,
                                              triggerID: firing.triggerID, message: firing.message, action: rule.action, allowlistedBy: covered))
                    }
                }
            }
        }
        var final = findings.filter { $0.allowlistedBy == nil }.map(\.action).min() ?? .go
        if !problems.isEmpty { final = .stop }
        var reason = PolicyEvaluation.Reason.policyEvaluation
        let denied = bundle.deniedImages.first { $0.matches(input.image) }
        let allowed = bundle.allowedImages.first { $0.matches(input.image) }
        if denied != nil {
            final = .stop
            reason = .denylisted
        } else if allowed != nil {
            final = .go
            reason = .allowlisted
        }
        return PolicyEvaluation(bundleID: bundle.id, bundleDigest: bundle.digest, image: input.image.digest, tag: input.image.fullTag,
                                finalAction: final, reason: reason, matchedMappingID: mapping?.id,
                                matchedAllowedImageRule: allowed.map { $0.id ?? $0.name ?? "" }, matchedDeniedImageRule: denied.map { $0.id ?? $0.name ?? "" },
                                findings: findings, problems: problems, evaluatedAt: input.now)
    }
}
