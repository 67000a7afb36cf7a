import Foundation

/// Opening an issue for a notification, in GitHub or Jira (Anchore Enterprise's GitHub and Jira
/// endpoints). By default only the types a person acts on open issues: `vuln_update` and
/// `policy_eval`.
public struct IssueTrackerSettings: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case github, jira }

    public var kind: Kind
    /// GitHub: the API root (default https://api.github.com); Jira: the site root.
    public var baseURL: String
    /// GitHub: `owner/repo`; Jira: the project key.
    public var target: String
    /// GitHub: a token (sent as `Bearer`); Jira: the user and API token (basic auth).
    public var username: String?
    public var token: String
    /// Jira's issue type (default `Bug`).
    public var issueType: String
    public var labels: [String]
    public var types: Set<String>

    public static let defaultTypes: Set<String> = ["vuln_update", "policy_eval"]

    /// GitHub from `HAWSER_GITHUB_REPOSITORY` (owner/repo), `HAWSER_GITHUB_TOKEN`, `HAWSER_GITHUB_API_URL`,
    /// `HAWSER_GITHUB_LABELS` and `HAWSER_GITHUB_NOTIFY_TYPES`; Jira from `HAWSER_JIRA_URL`, `HAWSER_JIRA_PROJECT`,
    /// `HAWSER_JIRA_USER`, `HAWSER_JIRA_TOKEN`, `HAWSER_JIRA_ISSUE_TYPE`, `HAWSER_JIRA_LABELS` and `HAWSER_JIRA_NOTIFY_TYPES`.
    public static func fromEnvironment(_ environment: [String: String]) throws(ServiceError) -> [IssueTrackerSettings] {
        func list(_ name: String) -> [String] {
            (environment[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        var trackers: [IssueTrackerSettings] = []
        if let repository = value("HAWSER_GITHUB_REPOSITORY") {
            guard repository.split(separator: "/").count == 2 else { throw .badRequest("HAWSER_GITHUB_REPOSITORY must be owner/repo, not '\(repository)'") }
            guard let token = value("HAWSER_GITHUB_TOKEN") else { throw .badRequest("HAWSER_GITHUB_TOKEN must be set with HAWSER_GITHUB_REPOSITORY") }
            let types = list("HAWSER_GITHUB_NOTIFY_TYPES")
            trackers.append(IssueTrackerSettings(
                kind: .github, baseURL: value("HAWSER_GITHUB_API_URL") ?? "https://api.github.com", target: repository, username: nil, token: token,
                issueType: "", labels: list("HAWSER_GITHUB_LABELS"), types: types.isEmpty ? defaultTypes : Set(types)))
        }
        if let site = value("HAWSER_JIRA_URL") {
            guard let project = value("HAWSER_JIRA_PROJECT"), let user = value("HAWSER_JIRA_USER"), let token = value("HAWSER_JIRA_TOKEN") else {
                throw .badRequest("HAWSER_JIRA_PROJECT, HAWSER_JIRA_USER and HAWSER_JIRA_TOKEN must be set with HAWSER_JIRA_URL")
            }
            let types = list("HAWSER_JIRA_NOTIFY_TYPES")
            trackers.append(IssueTrackerSettings(
                kind: .jira, baseURL: site, target: project, username: user, token: token, issueType: value("HAWSER_JIRA_ISSUE_TYPE") ?? "Bug",
                labels: list("HAWSER_JIRA_LABELS"), types: types.isEmpty ? defaultTypes : Set(types)))
        }
        return trackers
    }

    /// `baseURL` without a trailing slash.
    var apiRoot: String { baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL }

    /// The outbox destination: the kind and target, resolved against these settings when sent.
    var destination: String { "\(kind.rawValue):\(target)" }
}
