/// A Maven artifact version, ordered like Maven 3.9's `org.apache.maven.artifact.versioning.ComparableVersion`.
///
/// The version is split at `.`, `-` and letter/digit transitions into a tree of items (a `-`, and
/// a letter/digit transition, open a sub-list); trailing "null" items (0, the release qualifier,
/// empty lists) are dropped, so `1.0.0` equals `1`. Qualifiers order
/// `alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp`, unknown
/// qualifiers after those in lexical order; `a1`/`b1`/`m1` abbreviate alpha/beta/milestone when a
/// number follows. A number beats a qualifier and a sub-list (`1.1 > 1-1 > 1-sp`), and
/// `1.0.X1 < 1.0-X2` for any qualifier X (MNG-7644). Matching is case-insensitive.
public struct MavenVersion: VersionScheme {
    public static let format = VersionFormat.maven

    private let text: String
    private let items: [Item]

    indirect enum Item: Hashable, Sendable {
        case number(DigitString)
        case qualifier(String)
        case list([Item])

        var isNull: Bool {
            switch self {
            case let .number(n): n.isZero
            case let .qualifier(q): q.isEmpty
            case let .list(l): l.isEmpty
            }
        }
    }

    public init(parsing input: String) throws(VersionError) {
        let trimmed = input.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw .invalidVersion(input, format: .maven, reason: "version string is empty") }
        guard !trimmed.utf8.contains(where: \.isASCIIWhitespace) else {
            throw .invalidVersion(input, format: .maven, reason: "version string has embedded spaces")
        }
        text = trimmed
        items = Self.parse(trimmed)
    }

    public var description: String { text }
    public var erased: Version { .maven(self) }

    /// Maven's canonical form (`ComparableVersion.getCanonical()`), e.g. `1-rc-1` for `1.0.0-RC1`.
    public var canonical: String { Self.canonical(items) }

    public func compare(to other: MavenVersion) -> Int { Self.compareLists(items, other.items) }

    public static func < (a: MavenVersion, b: MavenVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: MavenVersion, b: MavenVersion) -> Bool { a.compare(to: b) == 0 }

    /// Equal versions start with the same non-zero number (a number compares equal only to the
    /// same number, and to "nothing" only when zero), so that alone is a consistent hash.
    public func hash(into hasher: inout Hasher) {
        if case let .number(n)? = items.first, !n.isZero { hasher.combine(n) }
    }

    // MARK: Parsing (ComparableVersion.parseVersion)

    /// A list under construction; `parent` links let `-` and transitions open nested lists.
    private final class Builder {
        var items: [BuilderItem] = []
    }

    private enum BuilderItem {
        case item(Item)
        case list(Builder)
    }

    private static func parse(_ version: String) -> [Item] {
        let lower = Array(version.lowercased().utf8)
        let root = Builder()
        var list = root
        var stack = [root]
        var isDigit = false
        var startIndex = 0

        func openList() {
            let child = Builder()
            list.items.append(.list(child))
            list = child
            stack.append(child)
        }
        func parseItem(_ digit: Bool, _ slice: ArraySlice<UInt8>) -> Item {
            if digit { return .number(DigitString(slice)) }
            return .qualifier(qualifier(String(decoding: slice, as: UTF8.self), followedByDigit: false))
        }

        for (i, c) in lower.enumerated() {
            if c == UInt8(ascii: ".") {
                list.items.append(.item(i == startIndex ? .number(.zero) : parseItem(isDigit, lower[startIndex..<i])))
                startIndex = i + 1
            } else if c == UInt8(ascii: "-") {
                list.items.append(.item(i == startIndex ? .number(.zero) : parseItem(isDigit, lower[startIndex..<i])))
                startIndex = i + 1
                openList()
            } else if c.isASCIIDigit {
                if !isDigit, i > startIndex {
                    // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X
                    if !list.items.isEmpty { openList() }
                    let text = String(decoding: lower[startIndex..<i], as: UTF8.self)
                    list.items.append(.item(.qualifier(qualifier(text, followedByDigit: true))))
                    startIndex = i
                    openList()
                }
                isDigit = true
            } else {
                if isDigit, i > startIndex {
                    list.items.append(.item(parseItem(true, lower[startIndex..<i])))
                    startIndex = i
                    openList()
                }
                isDigit = false
            }
        }
        if lower.count > startIndex {
            if !isDigit, !list.items.isEmpty { openList() }
            list.items.append(.item(parseItem(isDigit, lower[startIndex...])))
        }
        // normalize() every list, innermost first (the stack order), then freeze.
        for builder in stack.reversed() { normalize(builder) }
        return freeze(root)
    }

    /// `ListItem.normalize()`: drop trailing null items, looking through trailing sub-lists.
    private static func normalize(_ builder: Builder) {
        var i = builder.items.count - 1
        while i >= 0 {
            switch builder.items[i] {
            case let .item(item):
                if item.isNull { builder.items.remove(at: i) } else { return }
            case let .list(child):
                if child.items.isEmpty { builder.items.remove(at: i) }
            }
            i -= 1
        }
    }

    private static func freeze(_ builder: Builder) -> [Item] {
        builder.items.map { entry in
            switch entry {
            case let .item(item): item
            case let .list(child): .list(freeze(child))
            }
        }
    }

    /// `StringItem(value, followedByDigit)`: abbreviations and aliases.
    private static func qualifier(_ value: String, followedByDigit: Bool) -> String {
        var value = value
        if followedByDigit, value.count == 1 {
            switch value {
            case "a": value = "alpha"
            case "b": value = "beta"
            case "m": value = "milestone"
            default: break
            }
        }
        switch value {
        case "ga", "final", "release": return ""
        case "cr": return "rc"
        default: return value
        }
    }

    // MARK: Comparison (Item.compareTo)

    private static let qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]
    private static let releaseIndex = "5"

    /// `StringItem.comparableQualifier()`: known qualifiers by index, unknown ones as "7-name".
    private static func comparableQualifier(_ q: String) -> String {
        if let index = qualifiers.firstIndex(of: q) { return String(index) }
        return "\(qualifiers.count)-\(q)"
    }

    private static func compareStrings(_ a: String, _ b: String) -> Int {
        compareBytes(a.utf16, b.utf16)
    }

    /// `item.compareTo(other)`, where nil stands for a missing item.
    private static func compare(_ item: Item, _ other: Item?) -> Int {
        switch item {
        case let .number(n):
            guard let other else { return n.isZero ? 0 : 1 }
            if case let .number(m) = other { return DigitString.compare(n, m) }
            return 1
        case let .qualifier(q):
            guard let other else { return compareStrings(comparableQualifier(q), releaseIndex) }
            switch other {
            case .number: return -1
            case let .qualifier(r): return compareStrings(comparableQualifier(q), comparableQualifier(r))
            case .list: return -1
            }
        case let .list(items):
            guard let other else {
                for element in items {
                    let result = compare(element, nil)
                    if result != 0 { return result }
                }
                return 0
            }
            switch other {
            case .number: return -1
            case .qualifier: return 1
            case let .list(others): return compareLists(items, others)
            }
        }
    }

    private static func compareLists(_ left: [Item], _ right: [Item]) -> Int {
        var index = 0
        while index < left.count || index < right.count {
            let l = index < left.count ? left[index] : nil
            let r = index < right.count ? right[index] : nil
            let result: Int
            if let l {
                result = compare(l, r)
            } else if let r {
                result = -compare(r, nil)
            } else {
                result = 0
            }
            if result != 0 { return result < 0 ? -1 : 1 }
            index += 1
        }
        return 0
    }

    private static func canonical(_ items: [Item]) -> String {
        var result = ""
        for item in items {
            if !result.isEmpty {
                if case .list = item { result += "-" } else { result += "." }
            }
            switch item {
            case let .number(n): result += n.description
            case let .qualifier(q): result += q
            case let .list(l): result += canonical(l)
            }
        }
        return result
    }
}
