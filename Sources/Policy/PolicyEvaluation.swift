import Foundation

/// The result of evaluating a bundle against one image: every finding with its rule and whether
/// an allowlist covered it, the final action and why.
public struct PolicyEvaluation: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable {
        case policyEvaluation = "policy_evaluation"
        /// The image matched an allowed-images rule (Anchore v1: whitelisted).
        case allowlisted = "whitelisted"
        /// The image matched a denied-images rule (Anchore v1: blacklisted).
        case denylisted = "blacklisted"
    }

    public struct Finding: Sendable, Hashable, Codable {
        public var ruleSetID: String
        public var ruleID: String
        public var gate: String
        public var trigger: String
        public var triggerID: String
        public var message: String
        public var action: GateAction
        /// The allowlist item that covers it, if any.
        public var allowlistedBy: AllowlistMatch?
    }

    public struct AllowlistMatch: Sendable, Hashable, Codable {
        public var allowlistID: String
        public var allowlistName: String
        public var itemID: String
    }

    public var bundleID: String
    public var bundleDigest: String
    public var image: String
    public var tag: String
    public var finalAction: GateAction
    public var reason: Reason
    public var matchedMappingID: String?
    public var matchedAllowedImageRule: String?
    public var matchedDeniedImageRule: String?
    public var findings: [Finding]
    /// Problems met while evaluating (a rule set a mapping names is missing…): they make the result STOP.
    public var problems: [String]
    public var evaluatedAt: Date

    /// pass (GO or WARN) or fail (STOP), as Anchore reports it.
    public var status: String { finalAction == .stop ? "fail" : "pass" }
}
