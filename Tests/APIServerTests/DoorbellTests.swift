import Foundation
import Testing
@testable import Service

/// The deliverer's wake-up: a ring ends the wait at once, no ring ends it after the timeout, and a
/// ring while nobody waits ends the next wait at once.
struct DoorbellTests {
    @Test func ringsAndTimeouts() async throws {
        let bell = Doorbell()
        var start = ContinuousClock.now
        await bell.wait(upTo: .milliseconds(200))
        #expect(ContinuousClock.now - start >= .milliseconds(190))

        start = ContinuousClock.now
        async let waited: Void = bell.wait(upTo: .seconds(30))
        try await Task.sleep(for: .milliseconds(50))
        await bell.ring()
        await waited
        #expect(ContinuousClock.now - start < .seconds(5))

        await bell.ring()
        start = ContinuousClock.now
        await bell.wait(upTo: .seconds(30))
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
