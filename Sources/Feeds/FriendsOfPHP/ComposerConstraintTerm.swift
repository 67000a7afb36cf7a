import Foundation
import Versions

/// One term of a Composer version constraint as composer/semver's `VersionParser::parseConstraint`
/// reads it ("Basic Comparators"): `[op] version` with op `=`/`==` (the default), `!=`/`<>`, `<`,
/// `<=`, `>`, `>=`.
///
/// Composer appends `-dev` to the version of a `<` or `>=` term unless the version already ends in
/// a stability modifier (`-beta1`, `-p2`, `-dev`; composer matches `-<modifierRegex>$` on the
/// lower-cased text): `<2.7.51` is `< 2.7.51.0-dev`, which leaves `2.7.51-beta1` out, and
/// `>=2.7.0` is `>= 2.7.0.0-dev`, which takes `2.7.0-RC1` in. The same is done here, so
/// pre-releases at a boundary fall on the side Composer (and `composer audit`) puts them.
enum ComposerConstraintTerm {
    struct Problem: Error, Sendable, Equatable {
        var message: String
    }

    /// The comparison for `term`, and the version text as written (for `fixedIn`).
    static func parse(_ term: String) -> Result<(comparison: VersionComparison, written: String), Problem> {
        let trimmed = term.trimmingCharacters(in: .whitespacesAndNewlines)
        var op = VersionComparison.Operator.equal
        var rest = Substring(trimmed)
        for (spelling, parsed) in operators where rest.hasPrefix(spelling) {
            op = parsed
            rest = rest.dropFirst(spelling.count)
            break
        }
        let written = rest.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !written.isEmpty, !written.contains(where: \.isWhitespace) else {
            return .failure(Problem(message: "\"\(term)\" is not one \"<op><version>\" term"))
        }
        var text = written
        if op == .less || op == .greaterOrEqual, !written.hasPrefix("dev-"),
           !written.lowercased().contains(#/-[._-]?(?:(?:stable|beta|b|RC|alpha|a|patch|pl|p)(?:[.-]?\d+)*)?(?:[.-]?dev)?$/#) {
            text += "-dev"
        }
        do {
            return .success((VersionComparison(op, try VersionFormat.composer.parse(text)), written))
        } catch {
            return .failure(Problem(message: "\"\(term)\": \(error)"))
        }
    }

    /// Longest spellings first, so `<=` is not read as `<`.
    private static let operators: [(String, VersionComparison.Operator)] = [
        (">=", .greaterOrEqual), ("<=", .lessOrEqual), ("==", .equal), ("!=", .notEqual), ("<>", .notEqual),
        (">", .greater), ("<", .less), ("=", .equal),
    ]
}
