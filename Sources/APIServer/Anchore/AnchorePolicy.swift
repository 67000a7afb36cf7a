import Foundation
import Policy
import Store

/// Anchore's `PolicyBundleRecord`: `{policyId, active, policy_source, created_at, last_updated, userId, policybundle}`.
struct AnchorePolicyRecord: Encodable {
    var policyId: String
    var name: String
    var active: Bool
    var policy_source: String
    var created_at: Date
    var last_updated: Date
    var userId: String
    var policybundle: JSONValue?

    init(_ policy: StoredPolicy, detail: Bool) {
        policyId = policy.id
        name = policy.name
        active = policy.active
        policy_source = policy.source
        created_at = policy.createdAt
        last_updated = policy.lastUpdated
        userId = policy.account
        policybundle = detail ? JSONValue(document: policy.document) : nil
    }
}

/// `GET /images/{digest}/check` in Anchore's v1 shape:
/// `[{digest: {fulltag: [{status, policyId, last_evaluation, detail: {policy, result}}]}}]`.
enum AnchoreCheck {
    static let header = ["Image_Id", "Repo_Tag", "Trigger_Id", "Gate", "Trigger", "Check_Output", "Gate_Action", "Whitelisted", "Policy_Id"]

    static func entry(_ evaluation: PolicyEvaluation, imageID: String, policy: StoredPolicy, detail: Bool) -> JSONValue {
        var fields: [String: JSONValue] = [
            "status": .string(evaluation.status),
            "policyId": .string(policy.id),
            "last_evaluation": .string(JSONReply.timestamp(evaluation.evaluatedAt)),
            "detail": .object([:]),
        ]
        if detail {
            let rows: [JSONValue] = evaluation.findings.map { finding in
                let allowlisted: JSONValue = finding.allowlistedBy.map {
                    .object(["whitelist_name": .string($0.allowlistName), "whitelist_id": .string($0.allowlistID), "matched_rule_id": .string($0.itemID)])
                } ?? .bool(false)
                return .array([.string(imageID), .string(evaluation.tag), .string(finding.triggerID), .string(finding.gate), .string(finding.trigger),
                               .string(finding.message), .string(finding.action.rawValue), allowlisted, .string(finding.ruleSetID)])
            }
            let table: JSONValue = .object(["result": .object([
                "header": .array(header.map(JSONValue.string)), "row_count": .int(rows.count), "rows": .array(rows),
                "final_action": .string(evaluation.finalAction.rawValue),
            ])])
            let result: JSONValue = .object([
                "image_id": .string(imageID), "tag": .string(evaluation.tag), "image_digest": .string(evaluation.image),
                "bundle": .string(evaluation.bundleID), "bundle_digest": .string(evaluation.bundleDigest),
                "final_action": .string(evaluation.finalAction.rawValue), "final_action_reason": .string(evaluation.reason.rawValue),
                "matched_mapping_rule": evaluation.matchedMappingID.map(JSONValue.string) ?? .null,
                "matched_whitelisted_images_rule": evaluation.matchedAllowedImageRule.map(JSONValue.string) ?? .bool(false),
                "matched_blacklisted_images_rule": evaluation.matchedDeniedImageRule.map(JSONValue.string) ?? .bool(false),
                "evaluation_problems": .array(evaluation.problems.map { .object(["severity": .string("error"), "problem_type": .string("PolicyEvaluationError"), "details": .string($0)]) }),
                "status": .string(evaluation.status), "created_at": .string(JSONReply.timestamp(evaluation.evaluatedAt)),
                "result": .object([imageID: table]),
            ])
            fields["detail"] = .object(["policy": JSONValue(document: policy.document), "result": result])
        }
        return .object(fields)
    }
}
