import Foundation
import Model
import Versions

/// Turns the FriendsOfPHP security advisories database (github.com/FriendsOfPHP/security-advisories,
/// one of the sources behind `composer audit` and the Symfony/Local PHP security checker) into
/// `packagist` records, one per `<vendor>/<package>/<file>.yaml`.
///
/// - Each branch's `versions` terms are ANDed into one range (`ComposerConstraintTerm` reads
///   them as Composer does); branches are ORed.
/// - `fixedIn`: the `<` bounds of the branches that no other branch covers (`<2.7.51` on the
///   2.7.x branch is a fix; `<3.1.0` closing an unfixed 3.0.x branch, when a 3.1.x branch
///   follows, is not). `time` is not used for this: it is missing on some fixed branches.
/// - id: the `cve` when there is one, else `FriendsOfPHP/<vendor>/<package>/<file>` (without
///   `.yaml`), which is stable across runs; with a CVE, that path id is kept as an alias.
/// - Package names come from `reference: composer://vendor/package` (else the folder names),
///   lower-cased like OSV's Packagist names (Packagist names are case-insensitive).
/// - Packages with `composer-repository: false` (not on packagist.org) are kept: their
///   composer.lock entries carry the same names.
public struct FriendsOfPHPTransformer: FeedTransformer {
    public let name = "friendsofphp"

    public init() {}

    /// Reads a security-advisories tarball (`.tar.gz`, any top folder) or a checkout directory.
    /// Throws when the archive is unreadable or truncated, or holds no advisory at all; a bad
    /// advisory file or branch is a diagnostic naming its path inside the archive.
    public func transform(fileAt path: String) throws(FeedFileError) -> FriendsOfPHPResult {
        var result = FriendsOfPHPResult(file: path)
        let feed = "\(name):\((path as NSString).lastPathComponent)"
        var advisories = 0
        try FeedArchive(path: path).forEachMember(where: Self.isAdvisoryPath) { member in
            advisories += 1
            func diagnose(_ message: String) {
                result.diagnostics.append(FeedDiagnostic(feed: feed, record: member.path, message: message))
            }
            guard let bytes = member.bytes else {
                diagnose("advisory file is too large; skipped")
                return
            }
            let components = member.components.suffix(3).map { $0 }
            switch record(yaml: bytes, vendor: components[0], package: components[1],
                          file: String(components[2].dropLast(".yaml".count)), diagnose: diagnose) {
            case .success(let record): result.records.append(record)
            case .failure(let problem): diagnose("\(problem.message); advisory skipped")
            }
        }
        guard advisories > 0 else {
            throw .malformed(file: path, reason: "no <vendor>/<package>/<file>.yaml advisory files")
        }
        result.records.sort { ($0.packageName, $0.id) < ($1.packageName, $1.id) }
        return result
    }

    /// `…/<vendor>/<package>/<file>.yaml`, outside hidden folders (`.github/workflows/*.yaml`).
    static func isAdvisoryPath(_ components: [String]) -> Bool {
        guard components.count >= 3, let file = components.last, file.hasSuffix(".yaml") else { return false }
        return !components.contains { $0.hasPrefix(".") }
    }

    struct Problem: Error {
        var message: String
    }

    /// The record for one advisory's YAML; `diagnose` reports skipped branches.
    func record(yaml: [UInt8], vendor: String, package: String, file: String,
                diagnose: (String) -> Void) -> Result<VulnerabilityRecord, Problem> {
        let advisory: FriendsOfPHPAdvisory
        switch YAMLFields.parse(yaml) {
        case .failure(let problem):
            return .failure(Problem(message: problem.message))
        case .success(let fields):
            do throws(FriendsOfPHPAdvisory.Problem) {
                advisory = try FriendsOfPHPAdvisory(fields)
            } catch {
                return .failure(Problem(message: error.message))
            }
        }
        for branch in advisory.malformedBranches {
            diagnose("branch \(branch): versions is missing or not a list of constraint strings; branch skipped")
        }
        var ranges: [VersionRange] = []
        var upperBounds: [(version: Version, written: String)] = []
        branchLoop: for branch in advisory.branches {
            var comparisons: [VersionComparison] = []
            var uppers: [(version: Version, written: String)] = []
            for term in branch.versions {
                switch ComposerConstraintTerm.parse(term) {
                case .failure(let problem):
                    diagnose("branch \(branch.name): \(problem.message); branch skipped")
                    continue branchLoop
                case .success(let parsed):
                    comparisons.append(parsed.comparison)
                    if parsed.comparison.op == .less {
                        // The fixed version as published, without the `-dev` Composer reads into it.
                        guard let fixed = try? VersionFormat.composer.parse(parsed.written) else { continue }
                        uppers.append((fixed, parsed.written))
                    }
                }
            }
            ranges.append(VersionRange(comparisons))
            upperBounds += uppers
        }
        guard !ranges.isEmpty else {
            return .failure(Problem(message: "no usable branch"))
        }
        let constraint = VersionConstraint(ranges: ranges, format: .composer)
        var fixedIn: [String] = []
        for bound in upperBounds.sorted(by: { $0.version < $1.version })
        where (try? constraint.satisfied(by: bound.version)) == false && !fixedIn.contains(bound.written) {
            fixedIn.append(bound.written)
        }

        let pathID = "FriendsOfPHP/\(vendor)/\(package)/\(file)"
        let cve = advisory.cve.flatMap { $0.uppercased().hasPrefix("CVE-") ? $0.uppercased() : nil }
        let ecosystem = Self.ecosystem
        let rawName = advisory.package ?? "\(vendor)/\(package)"
        return .success(VulnerabilityRecord(
            id: cve ?? pathID,
            namespace: ecosystem?.namespace ?? "packagist",
            packageName: ecosystem?.normalizedPackageName(rawName) ?? rawName.lowercased(),
            versionFormat: VersionFormat.composer.rawValue,
            constraint: constraint.description,
            fixedIn: fixedIn,
            fixState: fixedIn.isEmpty ? .notFixed : .fixed,
            aliases: cve == nil ? [] : [pathID],
            summary: advisory.title,
            urls: advisory.link.map { [$0] } ?? [],
            source: name))
    }

    /// Packagist as OSV names it, so these records share namespace and name rules with GHSA's.
    private static let ecosystem = OSVEcosystem("Packagist")
}
