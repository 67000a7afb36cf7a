import Foundation
import Testing
@testable import Service

/// The deliverer's wake-up: a ring ends the wait, no ring ends it after the timeout, and a ring while
/// nobody waits ends the next wait at once. Rung waits get a long timeout and must end well before
/// it: a loaded test run can delay any task by seconds (a CI run saw 50 s), a lost ring by the
/// whole timeout.
struct DoorbellTests {
    @Test func ringsAndTimeouts() async throws {
        let bell = Doorbell()
        var start = ContinuousClock.now
        await bell.wait(upTo: .milliseconds(200))
        #expect(ContinuousClock.now - start >= .milliseconds(190))

        start = ContinuousClock.now
        async let waited: Void = bell.wait(upTo: .seconds(900))
        try await Task.sleep(for: .milliseconds(50))
        await bell.ring()
        await waited
        #expect(ContinuousClock.now - start < .seconds(450))

        await bell.ring()
        start = ContinuousClock.now
        await bell.wait(upTo: .seconds(900))
        #expect(ContinuousClock.now - start < .seconds(450))
    }
}
