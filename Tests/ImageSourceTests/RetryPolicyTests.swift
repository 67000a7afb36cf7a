@testable import ImageSource
import Testing

/// Backoff between registry attempts: `Retry-After` when the registry gives one, else doubling.
@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 6, initialDelay: .milliseconds(500), maxDelay: .seconds(30))

    @Test func retryAfterSecondsIsHonoured() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: "3") == .seconds(3))
        #expect(policy.delay(afterAttempt: 4, retryAfter: "3") == .seconds(3))
        #expect(policy.delay(afterAttempt: 1, retryAfter: " 7 ") == .seconds(7))
        #expect(policy.delay(afterAttempt: 2, retryAfter: "0") == .zero)
    }

    @Test func retryAfterIsCappedAtMaxDelay() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: "3600") == .seconds(30))
    }

    @Test func withoutRetryAfterTheDelayDoubles() {
        let delays = (1...5).map { policy.delay(afterAttempt: $0, retryAfter: nil) }
        #expect(delays == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8)])
        #expect(policy.delay(afterAttempt: 8, retryAfter: nil) == .seconds(30), "capped at maxDelay")
        #expect(policy.delay(afterAttempt: 0, retryAfter: nil) == .milliseconds(500))
    }

    @Test func unusableRetryAfterFallsBackToBackoff() {
        // An HTTP-date or garbage is not a number of seconds.
        #expect(policy.delay(afterAttempt: 2, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT") == .seconds(1))
        #expect(policy.delay(afterAttempt: 3, retryAfter: "-5") == .seconds(2))
        #expect(policy.delay(afterAttempt: 1, retryAfter: "") == .milliseconds(500))
    }

    @Test func retryableStatuses() {
        for status in [408, 429, 500, 502, 503, 504] { #expect(RetryPolicy.isRetryable(status: status), "\(status)") }
        for status in [200, 400, 401, 403, 404, 501] { #expect(!RetryPolicy.isRetryable(status: status), "\(status)") }
    }
}
