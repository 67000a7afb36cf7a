import Foundation
import Model
import Testing
import Versions
@testable import Feeds

/// Checks every real RubySec record against bundler-audit's own rule, evaluated term by term
/// (`vulnerable?(v) = !patched?(v) && !unaffected?(v)`, each requirement `Gem::Requirement#satisfied_by?`),
/// on versions around every boundary the advisory mentions, pre-releases included. This takes a
/// different path from the transformer (no interval algebra, `~>` read with `Version#release`).
@Suite("RubySec records agree with bundler-audit's rule")
struct RubySecDifferentialTests {
    @Test func everyAdvisory() throws {
        let result = try RubySecTransformerTests.real.get()
        let records = Dictionary(uniqueKeysWithValues: result.records.map { ("\($0.packageName) \($0.id)", $0) })
        var checked = 0
        var disagreements: [String] = []
        try FeedArchive(path: NativeFeedFixtures.rubySec).forEachMember(where: RubySecTransformer.isAdvisoryPath) { member in
            guard member.components.dropLast(2).last == "gems", let bytes = member.bytes,
                  case .success(let fields) = YAMLFields.parse(bytes),
                  let advisory = try? RubySecAdvisory(fields, directoryName: member.components[member.components.count - 2])
            else { return }
            let fileID = String(member.components[member.components.count - 1].dropLast(4))
            guard let record = records["\(advisory.gem) \(advisory.cve ?? advisory.ghsa ?? fileID)"] else {
                disagreements.append("\(member.path): no record")
                return
            }
            let constraint = record.constraint.isEmpty ? nil : try? VersionConstraint(parsing: record.constraint, scheme: .gem)
            for version in Self.candidates(advisory.patchedVersions + advisory.unaffectedVersions) {
                let expected = !(advisory.patchedVersions + advisory.unaffectedVersions).contains { Self.satisfies($0, version) }
                let actual: Bool
                if record.fixState == .notAffected {
                    actual = false
                } else if let constraint {
                    actual = (try? constraint.satisfied(by: version)) ?? false
                } else {
                    actual = true
                }
                checked += 1
                if actual != expected { disagreements.append("\(member.path) \(version): record says \(actual), bundler-audit \(expected)") }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        #expect(checked > 30_000)
    }

    /// Versions at and around each boundary: the version, its neighbours, pre-releases of it and
    /// of its bump, and far ends.
    static func candidates(_ requirements: [String]) -> [String] {
        var result: Set<String> = ["0.0.1", "0.1", "999.0", "0.0.1.pre"]
        for requirement in requirements {
            for term in requirement.split(separator: ",") {
                let text = String(term.drop { !$0.isNumber }).trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                let bumped = GemRequirement.bump(text)
                result.formUnion([text, text + ".1", text + ".0.1", text + ".beta1", text + ".rc1", text + "-rc1", text + ".0.0.RC1",
                                  bumped, bumped + ".0", bumped + ".0.beta1", bumped + ".0.0.rc1", bumped + ".1"])
                if let last = text.split(separator: ".").last, let number = Int(last), number > 0 {
                    result.insert(text.split(separator: ".").dropLast().joined(separator: ".") + ".\(number - 1)")
                }
            }
        }
        return result.filter { VersionFormat.gem.isValid($0) }.sorted()
    }

    /// `Gem::Requirement#satisfied_by?`: every comma-separated term holds.
    static func satisfies(_ requirement: String, _ version: String) -> Bool {
        requirement.split(separator: ",").allSatisfy { term in
            let trimmed = term.trimmingCharacters(in: .whitespaces)
            let op = ["~>", ">=", "<=", "!=", ">", "<", "="].first { trimmed.hasPrefix($0) } ?? "="
            let target = trimmed.hasPrefix(op) ? String(trimmed.dropFirst(op.count)).trimmingCharacters(in: .whitespaces) : trimmed
            let order = compare(version, target)
            switch op {
            case "=": return order == 0
            case "!=": return order != 0
            case ">": return order > 0
            case "<": return order < 0
            case ">=": return order >= 0
            case "<=": return order <= 0
            default: return order >= 0 && compare(release(version), GemRequirement.bump(target)) < 0
            }
        }
    }

    /// `Gem::Version#release`: the version without its pre-release segments.
    static func release(_ version: String) -> String {
        var segments: [String] = []
        var current = ""
        for character in version.replacingOccurrences(of: "-", with: ".pre.") {
            if character == "." {
                if !current.isEmpty { segments.append(current) }
                current = ""
            } else if let last = current.last, last.isNumber != character.isNumber {
                segments.append(current)
                current = String(character)
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { segments.append(current) }
        while segments.contains(where: { $0.first?.isLetter == true }) { segments.removeLast() }
        return segments.joined(separator: ".")
    }

    static func compare(_ a: String, _ b: String) -> Int {
        guard let left = try? VersionFormat.gem.parse(a), let right = try? VersionFormat.gem.parse(b),
              let order = try? left.compare(to: right) else { return 0 }
        return order
    }
}
