import Versions

/// A set of versions of one scheme as sorted, disjoint intervals, with union, intersection and
/// complement.
///
/// Feeds that publish the *safe* versions (RubySec's `patched_versions` and
/// `unaffected_versions`) need "affected = not safe", which the shared constraint grammar cannot
/// say directly (it has `!=` but no negation of a range). The complement of a union of intervals
/// is again a union of intervals (the gaps), and those print as `||`-separated ranges.
///
/// All versions in one set must share a format; versions are compared only through their scheme.
struct VersionIntervalSet: Hashable, Sendable {
    /// One end of an interval.
    struct Bound: Hashable, Sendable {
        var version: Version
        var inclusive: Bool
    }

    /// The versions between `lower` and `upper`; a nil bound is unbounded on that side.
    struct Interval: Hashable, Sendable {
        var lower: Bound?
        var upper: Bound?

        var isEmpty: Bool {
            guard let lower, let upper else { return false }
            let order = VersionIntervalSet.compare(lower.version, upper.version)
            return order > 0 || (order == 0 && !(lower.inclusive && upper.inclusive))
        }

        func contains(_ version: Version) -> Bool {
            if let lower {
                let order = VersionIntervalSet.compare(version, lower.version)
                if order < 0 || (order == 0 && !lower.inclusive) { return false }
            }
            if let upper {
                let order = VersionIntervalSet.compare(version, upper.version)
                if order > 0 || (order == 0 && !upper.inclusive) { return false }
            }
            return true
        }

        /// The interval as one range of the constraint grammar: `>= a, < b`, `= v`, or `*`.
        var range: VersionRange {
            if let lower, let upper, lower.inclusive, upper.inclusive,
               VersionIntervalSet.compare(lower.version, upper.version) == 0 {
                return VersionRange([VersionComparison(.equal, lower.version)])
            }
            var comparisons: [VersionComparison] = []
            if let lower { comparisons.append(VersionComparison(lower.inclusive ? .greaterOrEqual : .greater, lower.version)) }
            if let upper { comparisons.append(VersionComparison(upper.inclusive ? .lessOrEqual : .less, upper.version)) }
            return VersionRange(comparisons)
        }
    }

    /// Sorted by lower bound, pairwise disjoint and not touching, none empty.
    private(set) var intervals: [Interval]

    /// Every version.
    static let everything = VersionIntervalSet(normalized: [Interval(lower: nil, upper: nil)])
    /// No version.
    static let nothing = VersionIntervalSet(normalized: [])

    init(_ intervals: [Interval]) {
        self.intervals = Self.normalize(intervals)
    }

    private init(normalized: [Interval]) {
        intervals = normalized
    }

    var isEmpty: Bool { intervals.isEmpty }
    var isEverything: Bool { intervals == [Interval(lower: nil, upper: nil)] }

    func contains(_ version: Version) -> Bool {
        intervals.contains { $0.contains(version) }
    }

    func union(_ other: VersionIntervalSet) -> VersionIntervalSet {
        VersionIntervalSet(intervals + other.intervals)
    }

    func intersection(_ other: VersionIntervalSet) -> VersionIntervalSet {
        var result: [Interval] = []
        for a in intervals {
            for b in other.intervals {
                let both = Interval(lower: Self.maxLower(a.lower, b.lower), upper: Self.minUpper(a.upper, b.upper))
                if !both.isEmpty { result.append(both) }
            }
        }
        return VersionIntervalSet(result)
    }

    /// The gaps between the intervals (and before the first and after the last).
    var complement: VersionIntervalSet {
        var gaps: [Interval] = []
        var lower: Bound?
        var open = true
        for interval in intervals {
            if let start = interval.lower {
                gaps.append(Interval(lower: lower, upper: Bound(version: start.version, inclusive: !start.inclusive)))
            }
            guard let end = interval.upper else {
                open = false
                break
            }
            lower = Bound(version: end.version, inclusive: !end.inclusive)
        }
        if open { gaps.append(Interval(lower: lower, upper: nil)) }
        return VersionIntervalSet(gaps)
    }

    /// The set as a constraint (one range per interval); nil when the set is empty.
    func constraint(format: VersionFormat) -> VersionConstraint? {
        intervals.isEmpty ? nil : VersionConstraint(ranges: intervals.map(\.range), format: format)
    }

    // MARK: - Ordering

    /// Three-way comparison in the versions' own scheme (formats never mix within a set; the
    /// fallback keeps sorting total if they did).
    static func compare(_ a: Version, _ b: Version) -> Int {
        if let order = try? a.compare(to: b) { return order }
        return a < b ? -1 : (b < a ? 1 : 0)
    }

    /// Orders lower bounds: unbounded first, then by version, inclusive before exclusive.
    private static func lowerPrecedes(_ a: Bound?, _ b: Bound?) -> Bool {
        guard let b else { return false }
        guard let a else { return true }
        let order = compare(a.version, b.version)
        return order < 0 || (order == 0 && a.inclusive && !b.inclusive)
    }

    private static func maxLower(_ a: Bound?, _ b: Bound?) -> Bound? {
        lowerPrecedes(a, b) ? b : a
    }

    /// The smaller upper bound: unbounded is largest; at equal versions exclusive is smaller.
    private static func minUpper(_ a: Bound?, _ b: Bound?) -> Bound? {
        guard let a else { return b }
        guard let b else { return a }
        let order = compare(a.version, b.version)
        if order != 0 { return order < 0 ? a : b }
        return a.inclusive ? b : a
    }

    private static func maxUpper(_ a: Bound?, _ b: Bound?) -> Bound? {
        guard let a, let b else { return nil }
        let order = compare(a.version, b.version)
        if order != 0 { return order > 0 ? a : b }
        return a.inclusive ? a : b
    }

    /// Whether `next` (starting no earlier than `current`) overlaps or touches `current`, so the
    /// two merge: `[1, 2)` and `[2, 3)` do, `[1, 2)` and `(2, 3)` leave `2` out and do not.
    private static func joins(_ current: Interval, _ next: Interval) -> Bool {
        guard let end = current.upper, let start = next.lower else { return true }
        let order = compare(start.version, end.version)
        return order < 0 || (order == 0 && (end.inclusive || start.inclusive))
    }

    private static func normalize(_ intervals: [Interval]) -> [Interval] {
        let sorted = intervals.filter { !$0.isEmpty }.sorted { lowerPrecedes($0.lower, $1.lower) }
        var result: [Interval] = []
        for interval in sorted {
            if let last = result.last, joins(last, interval) {
                result[result.count - 1].upper = maxUpper(last.upper, interval.upper)
            } else {
                result.append(interval)
            }
        }
        return result
    }
}
