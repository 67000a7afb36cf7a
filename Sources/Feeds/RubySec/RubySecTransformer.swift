import Foundation
import Model
import Versions

/// Turns the RubySec advisory database (github.com/rubysec/ruby-advisory-db, what bundler-audit
/// reads) into `rubygems` records, one per `gems/<gem>/<id>.yml`.
///
/// - Affected versions: the schema lists the *safe* ones, `patched_versions` and
///   `unaffected_versions`, each a list of RubyGems requirement strings (`"~> 5.2.4, >= 5.2.4.3"`);
///   bundler-audit reports a gem when no requirement of either list is satisfied. So the
///   constraint is the complement of their union (`GemRequirement`, `VersionIntervalSet`), written
///   as `||`-separated ranges; with neither list every version is affected (empty constraint,
///   not fixed). When the lists cover every version (ckeditor CVE-2021-32808: unaffected
///   `< 5.1.2`, patched `>= 5.1.2`; cron_parser CVE-2019-15224, whose `> 0.1.4` swallows the
///   yanked 1.0.12/1.0.13) bundler-audit reports nothing, so the record says `not-affected`.
/// - `fixedIn`: the lowest version of each patched requirement where a fix lands; `fixed` when
///   `patched_versions` is not empty.
/// - id: the CVE, else the GHSA, else the file's own id (`OSVDB-62067`); the others are aliases.
/// - `cvss_v2/v3/v4` are bare base scores (no vectors), kept as such; there is no vendor severity.
/// - `rubies/<engine>/` advisories concern interpreters, not gems: counted, not transformed.
/// - Package names are the gem names as published (RubyGems is case-sensitive), like OSV's.
public struct RubySecTransformer: FeedTransformer {
    public let name = "rubysec"

    public init() {}

    /// Reads a ruby-advisory-db tarball (`.tar.gz`, any top folder) or a checkout directory.
    /// Throws when the archive is unreadable or truncated, or holds no advisory at all; a bad
    /// advisory file is a diagnostic naming its path inside the archive.
    public func transform(fileAt path: String) throws(FeedFileError) -> RubySecResult {
        var result = RubySecResult(file: path)
        let feed = "\(name):\((path as NSString).lastPathComponent)"
        var gemAdvisories = 0
        try FeedArchive(path: path).forEachMember(where: Self.isAdvisoryPath) { member in
            let components = member.components
            let kind = components[components.count - 3]
            if kind == "rubies" {
                result.interpreterAdvisories += 1
                return
            }
            gemAdvisories += 1
            func diagnose(_ message: String) {
                result.diagnostics.append(FeedDiagnostic(feed: feed, record: member.path, message: message))
            }
            guard let bytes = member.bytes else {
                diagnose("advisory file is too large; skipped")
                return
            }
            let fileID = String(components[components.count - 1].dropLast(".yml".count))
            switch record(yaml: bytes, directoryName: components[components.count - 2], fileID: fileID, diagnose: diagnose) {
            case .success(let record): result.records.append(record)
            case .failure(let problem): diagnose("\(problem.message); advisory skipped")
            }
        }
        guard gemAdvisories + result.interpreterAdvisories > 0 else {
            throw .malformed(file: path, reason: "no gems/<gem>/<id>.yml advisory files")
        }
        result.records.sort { ($0.packageName, $0.id) < ($1.packageName, $1.id) }
        return result
    }

    /// `…/gems/<gem>/<id>.yml` or `…/rubies/<engine>/<id>.yml`, outside hidden folders.
    static func isAdvisoryPath(_ components: [String]) -> Bool {
        guard components.count >= 3, let file = components.last, file.hasSuffix(".yml"),
              !components.contains(where: { $0.hasPrefix(".") }) else { return false }
        let kind = components[components.count - 3]
        return kind == "gems" || kind == "rubies"
    }

    struct Problem: Error {
        var message: String
    }

    /// The record for one advisory file's YAML; `diagnose` reports problems that do not drop it.
    func record(yaml: [UInt8], directoryName: String, fileID: String, diagnose: (String) -> Void) -> Result<VulnerabilityRecord, Problem> {
        let advisory: RubySecAdvisory
        switch YAMLFields.parse(yaml) {
        case .failure(let problem):
            return .failure(Problem(message: problem.message))
        case .success(let fields):
            do throws(RubySecAdvisory.Problem) {
                advisory = try RubySecAdvisory(fields, directoryName: directoryName)
            } catch {
                return .failure(Problem(message: error.message))
            }
        }
        let patched: [VersionIntervalSet]
        let unaffected: VersionIntervalSet
        switch Self.versionSets(advisory.patchedVersions) {
        case .failure(let problem): return .failure(Problem(message: "patched_versions: \(problem.message)"))
        case .success(let sets): patched = sets
        }
        switch Self.versionSets(advisory.unaffectedVersions) {
        case .failure(let problem): return .failure(Problem(message: "unaffected_versions: \(problem.message)"))
        case .success(let sets): unaffected = sets.reduce(VersionIntervalSet.nothing) { $0.union($1) }
        }
        let affected = patched.reduce(unaffected) { $0.union($1) }.complement
        let id = advisory.cve ?? advisory.ghsa ?? fileID
        var aliases: [String] = []
        for alias in [advisory.cve, advisory.ghsa, advisory.osvdb, fileID].compactMap({ $0 })
        where alias != id && !aliases.contains(alias) {
            aliases.append(alias)
        }
        let related = advisory.relatedIDs.filter { $0 != id && !aliases.contains($0) }
        var urls: [String] = []
        for url in [advisory.url].compactMap({ $0 }) + advisory.relatedURLs where !urls.contains(url) {
            urls.append(url)
        }
        let ecosystem = Self.ecosystem
        return .success(VulnerabilityRecord(
            id: id,
            namespace: ecosystem?.namespace ?? "rubygems",
            packageName: ecosystem?.normalizedPackageName(advisory.gem) ?? advisory.gem,
            versionFormat: VersionFormat.gem.rawValue,
            constraint: affected.isEverything ? "" : affected.constraint(format: .gem)?.description ?? "",
            fixedIn: affected.isEmpty ? [] : Self.fixedVersions(patched, unaffected: unaffected).map(\.description),
            fixState: affected.isEmpty ? .notAffected : patched.isEmpty ? .notFixed : .fixed,
            cvss: Self.scores(advisory, diagnose: diagnose),
            aliases: aliases,
            related: related,
            summary: advisory.title ?? advisory.description,
            urls: urls,
            source: name,
            published: advisory.date))
    }

    /// RubyGems as OSV names it, so these records share namespace and name rules with GHSA's.
    private static let ecosystem = OSVEcosystem("RubyGems")

    private static func versionSets(_ requirements: [String]) -> Result<[VersionIntervalSet], GemRequirement.Problem> {
        var sets: [VersionIntervalSet] = []
        for requirement in requirements {
            switch GemRequirement.versions(requirement) {
            case .success(let set): sets.append(set)
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(sets)
    }

    /// The lowest (inclusive) version of each patched requirement that is where a fix lands:
    /// not already safe through `unaffected_versions` or another patched requirement
    /// (`~> 4.1.14` and `>= 4.1.14.2` give 4.1.14 only), in version order.
    private static func fixedVersions(_ patched: [VersionIntervalSet], unaffected: VersionIntervalSet) -> [Version] {
        var versions: [Version] = []
        for (index, set) in patched.enumerated() {
            guard let lower = set.intervals.first?.lower, lower.inclusive else { continue }
            let version = lower.version
            if unaffected.contains(version) { continue }
            if patched.indices.contains(where: { $0 != index && patched[$0].contains(version) }) { continue }
            if !versions.contains(where: { VersionIntervalSet.compare($0, version) == 0 }) { versions.append(version) }
        }
        return versions.sorted { VersionIntervalSet.compare($0, $1) < 0 }
    }

    /// The bare base scores; the version is as precise as the field name (`cvss_v3` does not say 3.0 or 3.1).
    private static func scores(_ advisory: RubySecAdvisory, diagnose: (String) -> Void) -> [CVSSScore] {
        var scores: [CVSSScore] = []
        for (field, version, text) in [("cvss_v2", "2.0", advisory.cvssV2), ("cvss_v3", "3.x", advisory.cvssV3), ("cvss_v4", "4.0", advisory.cvssV4)] {
            guard let text else { continue }
            guard let score = Double(text), (0...10).contains(score) else {
                diagnose("\(field) \"\(text)\" is not a base score between 0 and 10; score skipped")
                continue
            }
            scores.append(CVSSScore(version: version, vector: "", baseScore: score, source: nil))
        }
        return scores
    }
}
