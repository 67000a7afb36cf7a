import Foundation
import Store

/// Where a notification goes and in which body: Anchore's webhook envelope, or the JSON of a Slack
/// or Microsoft Teams incoming webhook. The outbox keeps the kind as a prefix of the destination
/// (`slack:https://…`, `teams:https://…`; a bare URL is a webhook).
enum NotificationEndpoint {
    case webhook(String)
    case slack(String)
    case teams(String)

    init(destination: String) {
        if destination.hasPrefix("slack:") { self = .slack(String(destination.dropFirst("slack:".count))) }
        else if destination.hasPrefix("teams:") { self = .teams(String(destination.dropFirst("teams:".count))) }
        else { self = .webhook(destination) }
    }

    var url: String {
        switch self { case .webhook(let url), .slack(let url), .teams(let url): url }
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

    /// The request body for this endpoint.
    func body(_ notification: StoredNotification, envelope: () throws -> Data) throws -> Data {
        switch self {
        case .webhook:
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
