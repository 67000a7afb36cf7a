/// A set of versions of one scheme, in the one constraint grammar every scheme shares.
///
/// Grammar (whitespace around tokens is free):
///
///     constraint := range ( "||" range )*
///     range      := term ( ( "," | whitespace ) term )*
///     term       := "*" | [ operator ] version
///     operator   := "=" | "==" | "!=" | "<" | "<=" | ">" | ">="
///
/// A term without operator means `=`; `*` matches every version. Versions are parsed and
/// compared by the constraint's scheme only. A constraint is also built from OSV range events
/// (``init(osvEvents:scheme:)``) or an explicit version list, and can describe itself both in the
/// grammar (``description``, which parses back to a constraint holding the same versions; OSV
/// roles are not kept) and for people (``explanation``, with OSV roles), so matchers can say
/// which range matched.
public struct VersionConstraint: Hashable, Sendable, CustomStringConvertible {
    public let format: VersionFormat
    /// The alternatives; a version satisfies the constraint when it is in any of them.
    public let ranges: [VersionRange]

    public init(ranges: [VersionRange], format: VersionFormat) {
        self.ranges = ranges
        self.format = format
    }

    /// Parses `text` in the shared grammar, reading versions with `scheme`.
    public init(parsing text: String, scheme: VersionFormat) throws(VersionError) {
        func fail(_ reason: String) -> VersionError { .invalidConstraint(text, format: scheme, reason: reason) }
        guard !text.trimmingASCIIWhitespace().isEmpty else { throw fail("constraint is empty") }
        var ranges: [VersionRange] = []
        for alternative in Self.split(text, on: "||") {
            var comparisons: [VersionComparison] = []
            var sawTerm = false
            for piece in alternative.split(separator: ",", omittingEmptySubsequences: false) {
                let terms = try Self.terms(in: piece, fail: fail)
                guard !terms.isEmpty else { throw fail("empty term") }
                for (op, versionText) in terms {
                    sawTerm = true
                    if versionText == "*" {
                        guard op == nil else { throw fail("\"*\" takes no operator") }
                        continue
                    }
                    let version: Version
                    do throws(VersionError) {
                        version = try scheme.parse(versionText)
                    } catch {
                        throw fail(error.description)
                    }
                    comparisons.append(VersionComparison(op ?? .equal, version))
                }
            }
            guard sawTerm else { throw fail("empty alternative") }
            ranges.append(VersionRange(comparisons))
        }
        self.init(ranges: ranges, format: scheme)
    }

    /// `text` split at every `||`. Constraints are ASCII: scanning UTF-8 bytes keeps parsing cheap
    /// (it runs once per record and package while matching).
    private static func split(_ text: String, on separator: String) -> [Substring] {
        let whole = Substring(text)
        let marker = Array(separator.utf8)
        var result: [Substring] = []
        var start = whole.startIndex
        var index = whole.utf8.startIndex
        let bytes = whole.utf8
        while index < bytes.endIndex {
            if bytes[index] == marker[0], bytes[index...].starts(with: marker) {
                result.append(whole[start..<index])
                index = bytes.index(index, offsetBy: marker.count)
                start = index
            } else {
                index = bytes.index(after: index)
            }
        }
        result.append(whole[start...])
        return result
    }

    /// Splits one comma-separated piece into (operator, version) terms.
    private static func terms(in piece: Substring, fail: (String) -> VersionError) throws(VersionError) -> [(VersionComparison.Operator?, String)] {
        func isOperator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "!") }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        let bytes = piece.utf8
        var result: [(VersionComparison.Operator?, String)] = []
        var index = bytes.startIndex
        func skipSpace() {
            while index < bytes.endIndex, isSpace(bytes[index]) { index = bytes.index(after: index) }
        }
        skipSpace()
        while index < bytes.endIndex {
            let opStart = index
            while index < bytes.endIndex, isOperator(bytes[index]) { index = bytes.index(after: index) }
            let opText = String(piece[opStart..<index])
            var op: VersionComparison.Operator?
            if !opText.isEmpty {
                guard let parsed = opText == "==" ? .equal : VersionComparison.Operator(rawValue: opText) else {
                    throw fail("unknown operator \"\(opText)\"")
                }
                op = parsed
            }
            skipSpace()
            let versionStart = index
            while index < bytes.endIndex, !isSpace(bytes[index]) { index = bytes.index(after: index) }
            let versionText = String(piece[versionStart..<index])
            guard !versionText.isEmpty else { throw fail("operator \"\(opText)\" has no version") }
            result.append((op, versionText))
            skipSpace()
        }
        return result
    }

    /// Every version of `scheme`.
    public static func any(scheme: VersionFormat) -> VersionConstraint {
        VersionConstraint(ranges: [VersionRange([])], format: scheme)
    }

    /// Exactly the listed versions (an OSV `affected[].versions` list); throws on the first invalid one.
    public init(versions: some Sequence<String>, scheme: VersionFormat) throws(VersionError) {
        var ranges: [VersionRange] = []
        for text in versions {
            ranges.append(VersionRange([VersionComparison(.equal, try scheme.parse(text))]))
        }
        self.init(ranges: ranges, format: scheme)
    }

    /// The versions an OSV range's events describe, following the OSV schema's evaluation
    /// pseudocode: events are sorted by version; each `introduced` opens a range that the next
    /// `fixed` (exclusive) or `last_affected` (inclusive) closes; with `limit` events, only
    /// versions below some limit count. `introduced: "0"` is unbounded below, `limit: "*"` above.
    /// Events without any `introduced` are read as if `introduced: "0"` came first.
    public init(osvEvents events: [OSVEvent], scheme: VersionFormat) throws(VersionError) {
        func describe() -> String { events.map(\.description).joined(separator: ", ") }
        var parsed: [(kind: OSVEvent.Kind, version: Version?)] = []
        var limits: [Version] = []
        var unlimited = false
        for event in events {
            let text = event.version.trimmingASCIIWhitespace()
            if event.kind == .introduced, text == "0" {
                parsed.append((.introduced, nil))
                continue
            }
            if event.kind == .limit, text.contains("*") {
                unlimited = true
                continue
            }
            let version: Version
            do throws(VersionError) {
                version = try scheme.parse(text)
            } catch {
                throw .invalidConstraint(describe(), format: scheme, reason: "\(event.kind.rawValue): \(error.description)")
            }
            if event.kind == .limit {
                limits.append(version)
            } else {
                parsed.append((event.kind, version))
            }
        }
        if !parsed.contains(where: { $0.kind == .introduced }) {
            parsed.insert((.introduced, nil), at: 0)
        }
        // Stable sort by version, "0" first.
        let order = parsed.indices.sorted { i, j in
            switch (parsed[i].version, parsed[j].version) {
            case (nil, nil): return i < j
            case (nil, _): return true
            case (_, nil): return false
            case let (a?, b?): return a < b || (a == b && i < j)
            }
        }
        var limitTerm: VersionComparison?
        if !unlimited, let highest = limits.max() {
            // "v < any limit" is "v < the highest limit".
            limitTerm = VersionComparison(.less, highest, event: .limit)
        }
        var ranges: [VersionRange] = []
        var open: [VersionComparison]?
        for index in order {
            let (kind, version) = parsed[index]
            switch kind {
            case .introduced:
                if open == nil {
                    open = version.map { [VersionComparison(.greaterOrEqual, $0, event: .introduced)] } ?? []
                }
            case .fixed, .lastAffected:
                guard let lower = open, let version else { continue }
                let upper = VersionComparison(kind == .fixed ? .less : .lessOrEqual, version, event: kind)
                ranges.append(VersionRange(lower + [upper] + (limitTerm.map { [$0] } ?? [])))
                open = nil
            case .limit:
                continue
            }
        }
        if let lower = open {
            ranges.append(VersionRange(lower + (limitTerm.map { [$0] } ?? [])))
        }
        self.init(ranges: ranges, format: scheme)
    }

    /// The versions in either constraint; throws when the schemes differ.
    public func union(_ other: VersionConstraint) throws(VersionError) -> VersionConstraint {
        guard other.format == format else {
            throw .formatMismatch(expected: format, found: other.format, version: other.description)
        }
        return VersionConstraint(ranges: ranges + other.ranges, format: format)
    }

    /// Whether `version` is in the constraint; throws when its format is not the constraint's.
    public func satisfied(by version: Version) throws(VersionError) -> Bool {
        try matchingRange(for: version) != nil
    }

    /// Parses `text` with the constraint's scheme and tells whether it is in the constraint.
    public func satisfied(by text: String) throws(VersionError) -> Bool {
        try satisfied(by: format.parse(text))
    }

    /// The first range that holds `version`, for explanations; nil when none does.
    public func matchingRange(for version: Version) throws(VersionError) -> VersionRange? {
        guard version.format == format else {
            throw .formatMismatch(expected: format, found: version.format, version: version.description)
        }
        for range in ranges where try range.contains(version) {
            return range
        }
        return nil
    }

    /// The constraint in its grammar (`>= 1.2, < 2.0 || = 3.1`); parses back to a constraint
    /// holding the same versions. An empty constraint (no ranges, nothing matches) prints as the
    /// empty string, which does not parse.
    public var description: String {
        ranges.map(\.description).joined(separator: " || ")
    }

    /// The constraint for people: `1.2 ≤ v < 2.0 or v = 3.1`, with OSV roles when known.
    public var explanation: String {
        ranges.isEmpty ? "no version" : ranges.map(\.explanation).joined(separator: " or ")
    }
}
