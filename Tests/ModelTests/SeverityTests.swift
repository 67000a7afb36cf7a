import Model
import Testing

/// Severities order as Anchore lists them, Unknown lowest; `rank` is the position in `allCases`.
struct SeverityTests {
    @Test func orderFollowsTheListedCases() {
        let all = Severity.allCases
        #expect(all.map(\.rawValue) == ["Unknown", "Negligible", "Low", "Medium", "High", "Critical"])
        for (i, lhs) in all.enumerated() {
            #expect(lhs.rank == i)
            for (j, rhs) in all.enumerated() { #expect((lhs < rhs) == (i < j)) }
        }
        #expect([Severity.high, .unknown, .critical, .low].sorted() == [.unknown, .low, .high, .critical])
    }
}
