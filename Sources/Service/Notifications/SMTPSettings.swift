import Foundation

/// E-mail notifications (Anchore Enterprise's SMTP endpoint): where to send, as whom, to whom and
/// which notification types. From `HAWSER_SMTP_URL` (`smtp://[user[:password]@]host[:port]`, or
/// `smtps://` for TLS from the first byte), `HAWSER_SMTP_FROM`, `HAWSER_SMTP_TO` (comma-separated),
/// `HAWSER_SMTP_STARTTLS` (default true: refuse a server without it), `HAWSER_SMTP_VERIFY_TLS`,
/// `HAWSER_SMTP_CA_FILE` (a PEM to trust, e.g. a private CA) and `HAWSER_SMTP_NOTIFY_TYPES`
/// (default every type).
public struct SMTPSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var implicitTLS: Bool
    public var startTLS: Bool
    public var verifyTLS: Bool
    public var caFile: String?
    public var username: String?
    public var password: String?
    public var from: String
    public var recipients: [String]
    public var types: Set<String>
    /// What the client calls itself in EHLO.
    public var heloName = "hawser.localdomain"

    /// nil when e-mail is not configured; a configuration that cannot work is an error naming the variable.
    public static func fromEnvironment(_ environment: [String: String]) throws(ServiceError) -> SMTPSettings? {
        guard let text = environment["HAWSER_SMTP_URL"], !text.isEmpty else { return nil }
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw .badRequest("HAWSER_SMTP_URL must be smtp://[user[:password]@]host[:port] or smtps://…, not '\(text)'")
        }
        let recipients = (environment["HAWSER_SMTP_TO"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !recipients.isEmpty else { throw .badRequest("HAWSER_SMTP_TO must name at least one recipient when HAWSER_SMTP_URL is set") }
        let off = ["false", "0", "no"]
        let types = (environment["HAWSER_SMTP_NOTIFY_TYPES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return SMTPSettings(
            host: host, port: url.port ?? (scheme == "smtps" ? 465 : 587), implicitTLS: scheme == "smtps",
            startTLS: !off.contains(environment["HAWSER_SMTP_STARTTLS"]?.lowercased() ?? ""),
            verifyTLS: !off.contains(environment["HAWSER_SMTP_VERIFY_TLS"]?.lowercased() ?? ""),
            caFile: environment["HAWSER_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 },
            username: url.user?.removingPercentEncoding, password: url.password?.removingPercentEncoding,
            from: environment["HAWSER_SMTP_FROM"] ?? "hawser@localhost", recipients: recipients,
            types: types.isEmpty ? Set(NotificationSettings.types) : Set(types))
    }
}
