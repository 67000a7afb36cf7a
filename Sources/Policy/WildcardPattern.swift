import Foundation

/// Anchore's name matcher: `*` matches any run of characters (anchored at both ends), and
/// `regexp:<expression>` is a regular expression searched in the text.
struct WildcardPattern: Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    func matches(_ candidate: String) -> Bool {
        if text.hasPrefix("regexp:") {
            guard let expression = try? NSRegularExpression(pattern: String(text.dropFirst("regexp:".count))) else { return false }
            return expression.firstMatch(in: candidate, range: NSRange(candidate.startIndex..., in: candidate)) != nil
        }
        if !text.contains("*") { return text == candidate }
        let parts = text.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(candidate)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for (index, part) in parts.enumerated().dropFirst() {
            if index == parts.count - 1 { return part.isEmpty || rest.hasSuffix(part) }
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}
