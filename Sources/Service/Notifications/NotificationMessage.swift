import Foundation
import Store

/// Where a notification goes and in which form: Anchore's webhook envelope; the JSON of a Slack or
/// Microsoft Teams incoming webhook; an e-mail; or an issue opened in GitHub or Jira. The outbox
/// keeps the kind as a prefix of the destination (`slack:https://…`, `teams:https://…`,
/// `email:a@x,b@y`, `github:owner/repo`, `jira:PROJECT`; a bare URL is a webhook); credentials stay
/// in the settings and are read when it is sent.
enum NotificationEndpoint: Equatable {
    case webhook(String)
    case slack(String)
    case teams(String)
    case email([String])
    case github(String)
    case jira(String)

    init(destination: String) {
        func rest(_ prefix: String) -> String { String(destination.dropFirst(prefix.count)) }
        if destination.hasPrefix("slack:") { self = .slack(rest("slack:")) }
        else if destination.hasPrefix("teams:") { self = .teams(rest("teams:")) }
        else if destination.hasPrefix("email:") { self = .email(rest("email:").split(separator: ",").map(String.init)) }
        else if destination.hasPrefix("github:") { self = .github(rest("github:")) }
        else if destination.hasPrefix("jira:") { self = .jira(rest("jira:")) }
        else { self = .webhook(destination) }
    }

    /// The URL of a webhook or chat endpoint.
    var url: String? {
        switch self {
        case .webhook(let url), .slack(let url), .teams(let url): url
        case .email, .github, .jira: nil
        }
    }

    /// The one-line summary chat messages carry, from the stored payload.
    static func summary(type: String, payload: [String: Any]) -> String {
        let key = payload["subscription_key"] as? String ?? ""
        switch type {
        case "tag_update":
            let current = (payload["curr_eval"] as? [String])?.first ?? "?"
            let previous = (payload["last_eval"] as? [String] ?? []).joined(separator: ", ")
            return "Tag \(key) now points to \(current)" + (previous.isEmpty ? "" : " (was \(previous))")
        case "analysis_update":
            let current = payload["curr_eval"] as? [String: Any] ?? [:]
            return "Image \(current["imageDigest"] as? String ?? "?") of \(key): \(current["analysis_status"] as? String ?? "?")"
        case "vuln_update":
            let diff = payload["diff_vulnerability_result"] as? [String: Any] ?? [:]
            func ids(_ part: String) -> [String] { (diff[part] as? [[String: Any]] ?? []).compactMap { $0["CVE_ID"] as? String } }
            let added = ids("added"), updated = ids("updated"), removed = ids("removed")
            var text = "Vulnerabilities of \(key) (\(payload["imageDigest"] as? String ?? "?")) changed: "
                + "\(added.count) added, \(updated.count) updated, \(removed.count) removed"
            if !added.isEmpty { text += ". Added: " + added.prefix(10).joined(separator: ", ") + (added.count > 10 ? ", …" : "") }
            return text
        case "policy_eval":
            let last = (payload["last_eval"] as? [String: Any])?["final_action"] as? String ?? "none"
            let current = (payload["curr_eval"] as? [String: Any])?["final_action"] as? String ?? "?"
            return "Policy result of \(key) changed from \(last) to \(current)"
        default:
            return "\(type) notification for \(key)"
        }
    }

    /// The request body of a webhook or chat endpoint.
    func body(_ notification: StoredNotification, envelope: () throws -> Data) throws -> Data {
        switch self {
        case .webhook, .email, .github, .jira:
            return try envelope()
        case .slack:
            let payload = try JSONSerialization.jsonObject(with: notification.payload) as? [String: Any] ?? [:]
            let text = "*Hawser* `\(notification.type)` — " + Self.summary(type: notification.type, payload: payload)
            return try JSONSerialization.data(withJSONObject: ["text": text], options: [.sortedKeys])
        case .teams:
            let payload = try JSONSerialization.jsonObject(with: notification.payload) as? [String: Any] ?? [:]
            let summary = Self.summary(type: notification.type, payload: payload)
            let card: [String: Any] = [
                "@type": "MessageCard", "@context": "https://schema.org/extensions", "summary": summary,
                "themeColor": notification.type == "vuln_update" || notification.type == "policy_eval" ? "D70000" : "0076D7",
                "title": "Hawser: \(notification.type)", "text": summary,
            ]
            return try JSONSerialization.data(withJSONObject: card, options: [.sortedKeys])
        }
    }
}
