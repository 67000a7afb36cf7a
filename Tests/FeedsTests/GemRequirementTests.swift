import Testing
import Versions
@testable import Feeds

/// Gem::Requirement semantics (rubygems/requirement.rb, version.rb) checked point by point.
@Suite("RubyGems requirements and version interval sets")
struct GemRequirementTests {
    private func accepts(_ requirement: String, _ version: String) throws -> Bool {
        let set = try GemRequirement.versions(requirement).get()
        return set.contains(try VersionFormat.gem.parse(version))
    }

    @Test(arguments: [
        ("5.2.4.3", "5.2.5"), ("5.2.4", "5.3"), ("5.2", "6"), ("5", "6"), ("0", "1"),
        ("1.0.0.beta", "1.1"), ("2.0.0.rc1", "2.1"), ("1.9", "2"), ("3.2.22.2", "3.2.23"),
        ("1.0-rc1", "2"), ("0.9.99", "0.10"), ("1.05", "2"),
    ])
    func bump(version: String, bumped: String) {
        #expect(GemRequirement.bump(version) == bumped)
    }

    @Test(arguments: [
        // ~> 5.2.4.3 = >= 5.2.4.3, < 5.2.5 (release-wise).
        ("~> 5.2.4.3", "5.2.4.3", true), ("~> 5.2.4.3", "5.2.4.10", true), ("~> 5.2.4.3", "5.2.4.2", false),
        ("~> 5.2.4.3", "5.2.5", false), ("~> 5.2.4.3", "5.2.5.rc1", false), ("~> 5.2.4.3", "5.2.4.99.beta", true),
        ("~> 5.2", "5.9.9", true), ("~> 5.2", "6.0.0.beta1", false), ("~> 5.2", "6.0", false), ("~> 5.2", "5.1.9", false),
        ("~> 5.2.4, >= 5.2.4.3", "5.2.4.3", true), ("~> 5.2.4, >= 5.2.4.3", "5.2.8.1", true),
        ("~> 5.2.4, >= 5.2.4.3", "5.2.4.2", false), ("~> 5.2.4, >= 5.2.4.3", "5.3.0", false),
        ("~> 5.2.4, >= 5.2.4.3", "5.3.0.beta1", false), ("~> 5.2.4, >= 5.2.4.3", "5.3.0.RC1", false),
        (">= 6.0.3.1", "6.0.3.1", true), (">= 6.0.3.1", "6.0.3.1.rc1", false), (">= 6.0.3.1", "7.0", true),
        ("< 4.0.0", "3.2.22.5", true), ("< 4.0.0", "4.0.0.beta1", true), ("< 4.0.0", "4.0", false),
        ("<= 1.2", "1.2.0", true), ("> 1.2", "1.2.0", false), ("> 1.2", "1.2.0.1", true),
        ("= 1.2", "1.2.0", true), ("1.2", "1.2.1", false), ("!= 1.2", "1.2.0", false), ("!= 1.2", "1.3", true),
    ])
    func requirement(requirement: String, version: String, accepted: Bool) throws {
        #expect(try accepts(requirement, version) == accepted, "\(requirement) vs \(version)")
    }

    @Test func invalidRequirements() {
        for bad in ["", ">= ", "~> x.y", ">= 1.0, ", "=> 1.0", ">= 1.0 beta"] {
            guard case .failure = GemRequirement.versions(bad) else {
                Issue.record("\"\(bad)\" should not parse")
                continue
            }
        }
    }

    @Test func complementIsTheGaps() throws {
        func set(_ requirements: String...) throws -> VersionIntervalSet {
            try requirements.reduce(VersionIntervalSet.nothing) { try $0.union(GemRequirement.versions($1).get()) }
        }
        #expect(VersionIntervalSet.nothing.complement.isEverything)
        #expect(VersionIntervalSet.everything.complement.isEmpty)
        #expect(try set(">= 1.0").complement.constraint(format: .gem)?.description == "< 1.0")
        #expect(try set("< 1.0").complement.constraint(format: .gem)?.description == ">= 1.0")
        #expect(try set("<= 1.0").complement.constraint(format: .gem)?.description == "> 1.0")
        #expect(try set("!= 1.0").complement.constraint(format: .gem)?.description == "= 1.0")
        #expect(try set("< 1.0", "> 1.0").complement.constraint(format: .gem)?.description == "= 1.0")
        #expect(try set("< 1.0", ">= 1.0").complement.isEmpty)
        // Overlapping and touching intervals merge.
        #expect(try set(">= 1.0, < 2.0", ">= 1.5, < 3.0", ">= 3.0, < 4.0").intervals.count == 1)
        #expect(try set(">= 1.0, < 2.0", "> 2.0").complement.constraint(format: .gem)?.description == "< 1.0 || = 2.0")
        // Order of the inputs does not matter.
        #expect(try set(">= 6.0.3.1", "~> 5.2.4, >= 5.2.4.3", "< 4.0.0") == set("< 4.0.0", ">= 6.0.3.1", "~> 5.2.4, >= 5.2.4.3"))
        #expect(try set(">= 6.0.3.1", "~> 5.2.4, >= 5.2.4.3", "< 4.0.0").complement.constraint(format: .gem)?.description
                == ">= 4.0.0, < 5.2.4.3 || >= 5.3.A, < 6.0.3.1")
    }
}
