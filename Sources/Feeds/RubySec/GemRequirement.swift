import Foundation
import Versions

/// A RubyGems requirement string (`Gem::Requirement`, rubygems/requirement.rb) read as the set of
/// versions it accepts: `"~> 5.2.4, >= 5.2.4.3"` is the conjunction of its comma-separated terms.
///
/// Terms are `[op] version` with op `=` (the default), `!=`, `>`, `<`, `>=`, `<=` or `~>`.
/// The pessimistic `~> v` accepts `x >= v && x.release < v.bump` (`Gem::Version#bump`: drop the
/// pre-release segments, then the last segment unless only one is left, and increment the last:
/// `~> 5.2.4.3` → `< 5.2.5`, `~> 5.2` → `< 6`, `~> 5` → `< 6`). Because the upper test is on the
/// *release* of `x`, pre-releases of the bump (`5.3.0.beta1` for `~> 5.2.4`) are outside it; the
/// upper bound is therefore written as the bump followed by the smallest pre-release tag, `A`
/// (`< 5.3.A`), which every real pre-release of 5.3 (`5.3.0.beta1`, `5.3.0.RC1`) sorts after.
enum GemRequirement {
    struct Problem: Error, Sendable, Equatable {
        var message: String
    }

    /// The versions `requirement` accepts.
    static func versions(_ requirement: String) -> Result<VersionIntervalSet, Problem> {
        var accepted = VersionIntervalSet.everything
        let terms = requirement.split(separator: ",", omittingEmptySubsequences: false)
        for term in terms {
            switch interval(term.trimmingCharacters(in: .whitespaces)) {
            case .success(let interval): accepted = accepted.intersection(VersionIntervalSet(interval))
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(accepted)
    }

    /// `Gem::Version#bump` of `version`'s text, as a version string (`5.2.4.3` → `5.2.5`).
    static func bump(_ text: String) -> String {
        var segments = self.segments(text)
        while segments.contains(where: { $0.first?.isLetter == true }) { segments.removeLast() }
        if segments.count > 1 { segments.removeLast() }
        guard let last = segments.popLast() else { return "1" }
        segments.append(increment(last))
        return segments.joined(separator: ".")
    }

    // MARK: - Terms

    private static let operators = ["~>", ">=", "<=", "!=", ">", "<", "="]

    private static func interval(_ term: String) -> Result<[VersionIntervalSet.Interval], Problem> {
        guard !term.isEmpty else { return .failure(Problem(message: "empty requirement term")) }
        var op = "="
        var rest = Substring(term)
        if let found = operators.first(where: { rest.hasPrefix($0) }) {
            op = found
            rest = rest.dropFirst(found.count)
        }
        let text = rest.trimmingCharacters(in: .whitespaces)
        let version: Version
        do {
            version = try VersionFormat.gem.parse(text)
        } catch {
            return .failure(Problem(message: "\"\(term)\": \(error)"))
        }
        typealias Bound = VersionIntervalSet.Bound
        typealias Interval = VersionIntervalSet.Interval
        let included = Bound(version: version, inclusive: true)
        let excluded = Bound(version: version, inclusive: false)
        switch op {
        case "=": return .success([Interval(lower: included, upper: included)])
        case "!=": return .success([Interval(lower: nil, upper: excluded), Interval(lower: excluded, upper: nil)])
        case ">": return .success([Interval(lower: excluded, upper: nil)])
        case ">=": return .success([Interval(lower: included, upper: nil)])
        case "<": return .success([Interval(lower: nil, upper: excluded)])
        case "<=": return .success([Interval(lower: nil, upper: included)])
        default:
            // "~>": see the type's comment for the pre-release sentinel.
            let limitText = bump(text) + ".A"
            guard let limit = try? VersionFormat.gem.parse(limitText) else {
                return .failure(Problem(message: "\"\(term)\": cannot compute the pessimistic upper bound"))
            }
            return .success([Interval(lower: included, upper: Bound(version: limit, inclusive: false))])
        }
    }

    // MARK: - Segments

    /// `Gem::Version#segments` as text: a `-` reads as `.pre.`, then runs of digits or letters.
    private static func segments(_ text: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var currentIsDigit = false
        for character in text.replacingOccurrences(of: "-", with: ".pre.") {
            let isDigit = character.isASCII && character.isNumber
            let isLetter = character.isASCII && character.isLetter
            guard isDigit || isLetter else {
                if !current.isEmpty { segments.append(current) }
                current = ""
                continue
            }
            if !current.isEmpty, isDigit != currentIsDigit {
                segments.append(current)
                current = ""
            }
            current.append(character)
            currentIsDigit = isDigit
        }
        if !current.isEmpty { segments.append(current) }
        return segments.map { segment in
            // Numeric segments are integers in RubyGems: "05" is 5.
            guard segment.first?.isNumber == true else { return segment }
            let trimmed = segment.drop { $0 == "0" }
            return trimmed.isEmpty ? "0" : String(trimmed)
        }
    }

    /// Adds one to a decimal digit string of any length.
    private static func increment(_ digits: String) -> String {
        var bytes = Array(digits.utf8)
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "9") {
                bytes[index] = UInt8(ascii: "0")
                index -= 1
            } else {
                bytes[index] += 1
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        return "1" + String(decoding: bytes, as: UTF8.self)
    }
}
