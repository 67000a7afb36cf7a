import Foundation

/// Where and how notifications go (Anchore's `webhooks:` configuration): a URL per notification
/// type and a `general` one (both get it when both are set), with `<userId>` and
/// `<notification_type>` filled in; basic auth; TLS verification; an HMAC-SHA256 signature so
/// receivers can verify the sender; and how long a notification is retried before it is dropped
/// with a `notification failed` event.
public struct NotificationSettings: Sendable, Hashable {
    public static let types = ["tag_update", "analysis_update", "vuln_update", "policy_eval"]
    /// `event_log`: stored events of `eventLogLevels`, without a subscription (Anchore's
    /// `event_log.notification`).
    public static let eventLog = "event_log"

    /// `general` and per-type URLs.
    public var webhookURLs: [String: String]
    /// Slack and Microsoft Teams incoming webhooks: every notification type, as a chat message.
    public var slackURL: String?
    public var teamsURL: String?
    /// E-mail over SMTP, and issues opened in GitHub or Jira, for the types each names.
    public var email: SMTPSettings?
    public var issueTrackers: [IssueTrackerSettings] = []
    /// The event levels notified as `event_log` (empty: none).
    public var eventLogLevels: Set<String> = []
    public var username: String?
    public var password: String?
    public var verifyTLS: Bool
    /// Signs each body: `X-Hawser-Signature: sha256=<hex HMAC-SHA256 of the body>`.
    public var signingSecret: String?
    /// How long after it was raised a notification is still tried.
    public var retryTimeout: TimeInterval
    /// How often the outbox is looked at (an indexed query; short, so a notification leaves within it).
    public var pollInterval: Duration
    /// One attempt's time limit.
    public var requestTimeout: Duration

    public init(webhookURLs: [String: String] = [:], username: String? = nil, password: String? = nil, verifyTLS: Bool = true,
                signingSecret: String? = nil, retryTimeout: TimeInterval = 3600, pollInterval: Duration = .milliseconds(250),
                requestTimeout: Duration = .seconds(5)) {
        self.webhookURLs = webhookURLs
        self.username = username
        self.password = password
        self.verifyTLS = verifyTLS
        self.signingSecret = signingSecret
        self.retryTimeout = retryTimeout
        self.pollInterval = pollInterval
        self.requestTimeout = requestTimeout
    }

    /// From `HAWSER_WEBHOOK_URL` (or Anchore's `ANCHORE_WEBHOOK_DESTINATION_URL`) for `general`,
    /// `HAWSER_WEBHOOK_<TYPE>_URL`, `HAWSER_WEBHOOK_USER`/`_PASS`, `HAWSER_WEBHOOK_VERIFY_TLS`,
    /// `HAWSER_WEBHOOK_SECRET` and `HAWSER_NOTIFICATION_RETRY_TIMEOUT` (seconds); `event_log` when
    /// `HAWSER_EVENT_LOG_NOTIFICATIONS=true`, for the levels in `HAWSER_EVENT_LOG_LEVELS` (default `error`); Slack and Teams
    /// URLs; e-mail (`SMTPSettings`) and issue trackers (`IssueTrackerSettings`). A setting that
    /// cannot work is an error naming it.
    public static func fromEnvironment(_ environment: [String: String]) throws(ServiceError) -> NotificationSettings {
        var urls: [String: String] = [:]
        if let general = environment["HAWSER_WEBHOOK_URL"] ?? environment["ANCHORE_WEBHOOK_DESTINATION_URL"], !general.isEmpty {
            urls["general"] = general
        }
        for type in types + [eventLog] {
            if let url = environment["HAWSER_WEBHOOK_\(type.uppercased())_URL"], !url.isEmpty { urls[type] = url }
        }
        var settings = NotificationSettings(
            webhookURLs: urls, username: environment["HAWSER_WEBHOOK_USER"], password: environment["HAWSER_WEBHOOK_PASS"],
            verifyTLS: !["false", "0", "no"].contains(environment["HAWSER_WEBHOOK_VERIFY_TLS"]?.lowercased() ?? ""),
            signingSecret: environment["HAWSER_WEBHOOK_SECRET"],
            retryTimeout: TimeInterval(environment["HAWSER_NOTIFICATION_RETRY_TIMEOUT"] ?? "") ?? 3600)
        settings.slackURL = environment["HAWSER_SLACK_WEBHOOK_URL"].flatMap { $0.isEmpty ? nil : $0 }
        settings.teamsURL = environment["HAWSER_TEAMS_WEBHOOK_URL"].flatMap { $0.isEmpty ? nil : $0 }
        settings.email = try SMTPSettings.fromEnvironment(environment)
        settings.issueTrackers = try IssueTrackerSettings.fromEnvironment(environment)
        if ["true", "1", "yes"].contains(environment["HAWSER_EVENT_LOG_NOTIFICATIONS"]?.lowercased() ?? "") {
            let levels = (environment["HAWSER_EVENT_LOG_LEVELS"] ?? "error").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            settings.eventLogLevels = Set(levels.filter { !$0.isEmpty })
        }
        return settings
    }

    /// Whether anything is configured to receive notifications.
    public var isEmpty: Bool { webhookURLs.isEmpty && slackURL == nil && teamsURL == nil && email == nil && issueTrackers.isEmpty }

    /// Where a notification of `type` for `account` goes: webhook URLs with their templates filled
    /// in, then the chat webhooks as `slack:URL` / `teams:URL`, `email:` and the issue trackers
    /// (`github:owner/repo`, `jira:PROJECT`) that take this type.
    public func destinations(type: String, account: String) -> [String] {
        [webhookURLs[type], webhookURLs["general"]].compactMap { $0 }.map {
            $0.replacingOccurrences(of: "<userId>", with: account).replacingOccurrences(of: "<notification_type>", with: type)
        } + [slackURL.map { "slack:" + $0 }, teamsURL.map { "teams:" + $0 }].compactMap { $0 }
            + (email.map { $0.types.contains(type) ? ["email:" + $0.recipients.joined(separator: ",")] : [] } ?? [])
            + issueTrackers.filter { $0.types.contains(type) }.map(\.destination)
    }
}
