/// A shell-style path pattern: `*` and `?` stay within one path component, `**` spans components,
/// `[abc]`/`[a-z]`/`[!x]` match one character. Patterns are matched against absolute paths;
/// a pattern that does not start with `/` or `**` matches at any depth (as Syft's `**/name`).
public struct Glob: Sendable, Hashable {
    let components: [String]

    public init(_ pattern: String) {
        var text = pattern
        if !text.hasPrefix("/") && !text.hasPrefix("**") { text = "**/" + text }
        components = text.split(separator: "/").map(String.init)
    }

    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        return Self.match(components[...], parts[...])
    }

    static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let first = path.first, matchComponent(Array(head), Array(first)) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    static func matchComponent(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0, t = 0
        var starP = -1, starT = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                starP = p; starT = t; p += 1
            } else if p < pattern.count, let width = matchOne(pattern, p, text[t]) {
                p += width; t += 1
            } else if starP >= 0 {
                p = starP + 1; starT += 1; t = starT
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// If the pattern element at `p` matches `c`, how many pattern characters it used.
    static func matchOne(_ pattern: [Character], _ p: Int, _ c: Character) -> Int? {
        switch pattern[p] {
        case "?": return 1
        case "[":
            var i = p + 1
            var negate = false
            if i < pattern.count && (pattern[i] == "!" || pattern[i] == "^") { negate = true; i += 1 }
            var matched = false
            var first = true
            while i < pattern.count && (pattern[i] != "]" || first) {
                first = false
                if i + 2 < pattern.count && pattern[i + 1] == "-" && pattern[i + 2] != "]" {
                    if pattern[i] <= c && c <= pattern[i + 2] { matched = true }
                    i += 3
                } else {
                    if pattern[i] == c { matched = true }
                    i += 1
                }
            }
            guard i < pattern.count else { return pattern[p] == c ? 1 : nil }  // unclosed: literal '['
            return matched != negate ? i - p + 1 : nil
        default:
            return pattern[p] == c ? 1 : nil
        }
    }
}
