import Foundation
import Store

/// A notification as text for people: a title (the chat summary) and a plain-text body with what
/// changed, used for e-mails and for the issues opened in GitHub and Jira.
struct NotificationText {
    var title: String
    var body: String

    init(_ notification: StoredNotification) throws {
        let payload = try JSONSerialization.jsonObject(with: notification.payload) as? [String: Any] ?? [:]
        title = NotificationEndpoint.summary(type: notification.type, payload: payload)
        var lines = [title, ""]
        switch notification.type {
        case "vuln_update":
            let diff = payload["diff_vulnerability_result"] as? [String: Any] ?? [:]
            for part in ["added", "updated", "removed"] {
                let items = diff[part] as? [[String: Any]] ?? []
                guard !items.isEmpty else { continue }
                lines.append("\(part.capitalized) (\(items.count)):")
                for item in items.prefix(200) {
                    let fields = ["CVE_ID", "Vulnerable_Package", "Severity", "Fix_Available"].map { "\(item[$0] ?? "")" }
                    lines.append("- \(fields[0]) in \(fields[1]), severity \(fields[2]), fix: \(fields[3])")
                }
                if items.count > 200 { lines.append("- … and \(items.count - 200) more") }
            }
        case "policy_eval":
            for (name, key) in [("Previous", "last_eval"), ("Current", "curr_eval")] {
                let eval = payload[key] as? [String: Any] ?? [:]
                lines.append("\(name): \(eval["final_action"] ?? "none") (image \(eval["image_digest"] ?? "?"))")
            }
        default:
            break
        }
        lines += ["", "Account: \(notification.account)", "Subscription: \(notification.type) on \(notification.subscriptionKey)",
                  "Raised: \(ISO8601DateFormatter().string(from: notification.createdAt))", "Notification id: \(notification.id)"]
        body = lines.joined(separator: "\n")
    }

    /// An RFC 5322 message (UTF-8 plain text; the subject encoded per RFC 2047 when not ASCII).
    func email(from: String, to recipients: [String], id: String, date: Date) -> Data {
        let subject = "[Hawser] " + title
        let encodedSubject = subject.allSatisfy(\.isASCII) ? subject : "=?utf-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let headers = [
            "From: \(from)", "To: \(recipients.joined(separator: ", "))", "Subject: \(encodedSubject)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(id)@\(domain)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64", "X-Hawser-Delivery: \(id)",
        ]
        // Base64 keeps every line short and 7-bit whatever the text holds.
        let encoded = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        return Data((headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\n").utf8)
    }
}
