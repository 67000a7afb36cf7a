import Foundation

/// A notification in the outbox: written in the same store as the change that caused it, then
/// delivered at least once by whichever instance claims it, retried with backoff until `deadline`.
public struct StoredNotification: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        case pending, delivered, failed
    }

    /// The delivery id receivers deduplicate on (sent as a header and as `queueId`).
    public var id: String
    public var account: String
    /// `tag_update`, `analysis_update`, `vuln_update`, `policy_eval`, or `test`.
    public var type: String
    /// The subscription key (`registry/repo:tag`) it was raised for.
    public var subscriptionKey: String
    /// Where it goes: a webhook URL (templates already filled in). A notification sent to two
    /// endpoints is two rows, so a retry never repeats a delivery that succeeded.
    public var destination: String
    /// The notification payload (JSON object): the type's fields, as Anchore's `notification_payload`.
    public var payload: Data
    public var createdAt: Date
    public var nextAttemptAt: Date
    public var deadline: Date
    public var attempts: Int
    public var state: State
    public var lastError: String?
    public var deliveredAt: Date?

    public init(id: String, account: String, type: String, subscriptionKey: String, destination: String, payload: Data, createdAt: Date, deadline: Date,
                nextAttemptAt: Date? = nil, attempts: Int = 0, state: State = .pending, lastError: String? = nil, deliveredAt: Date? = nil) {
        self.id = id
        self.account = account
        self.type = type
        self.subscriptionKey = subscriptionKey
        self.destination = destination
        self.payload = payload
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt ?? createdAt
        self.deadline = deadline
        self.attempts = attempts
        self.state = state
        self.lastError = lastError
        self.deliveredAt = deliveredAt
    }
}

/// How one delivery attempt ended.
public enum NotificationOutcome: Sendable, Hashable {
    case delivered(at: Date)
    /// Try again at `next`; `error` says why this attempt failed.
    case retry(next: Date, error: String)
    /// Past its deadline: given up, with the event that tells the account.
    case failed(error: String, event: StoredEvent)
}
