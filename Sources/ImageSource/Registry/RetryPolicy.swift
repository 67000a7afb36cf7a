/// When and how long to wait before asking a registry again: 5xx, timeouts and dropped
/// connections get exponential backoff; 429 waits as `Retry-After` says (capped); 401, 403 and 404
/// are answers, never retried.
public struct RetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 4, initialDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30)) {
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1).
    func delay(afterAttempt attempt: Int, retryAfter: String?) -> Duration {
        if let retryAfter, let seconds = Int(retryAfter.trimmingSpaces), seconds >= 0 {
            return min(.seconds(seconds), maxDelay)
        }
        var delay = initialDelay
        for _ in 1..<max(attempt, 1) where delay < maxDelay { delay = min(delay * 2, maxDelay) }
        return min(delay, maxDelay)
    }

    static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 408 || (500...599).contains(status) && status != 501
    }
}
