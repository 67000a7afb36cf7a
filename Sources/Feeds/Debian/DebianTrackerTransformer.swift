import Foundation
import Model
import Versions

/// Turns the Debian security tracker's JSON (`https://security-tracker.debian.org/tracker/data/json`)
/// into `VulnerabilityRecord`s, one per (issue, source package, release), in `debian:<N>`
/// (`debian:unstable` for sid). This is Debian's primary feed: unlike OVAL it tells open,
/// won't-fix and not-affected apart.
///
/// Per release (FORMATS.md §4, the tracker's `security_db.py`):
/// - `resolved` with `fixed_version: "0"` → not affected (no constraint, no fixed version);
/// - `resolved` with a version → fixed, constraint `< version`;
/// - `open` → not fixed, every version affected, unless the urgency is `end-of-life` or the issue is
///   `no-dsa` (`nodsa` set) or `nodsa_reason` is `ignored`/`postponed` → won't fix;
/// - `undetermined` → unknown, every version;
/// - urgency via `DebianUrgency` (`unimportant` → Negligible, `high**` → High).
public struct DebianTrackerTransformer: FeedTransformer {
    public let name = "debian-tracker"

    public init() {}

    /// Reads the tracker JSON at `path`. Throws `DebianFeedError` when it cannot be read or is not
    /// the tracker's shape at the top level; bad issues become diagnostics.
    public func transform(fileAt path: String) throws -> DebianTrackerResult {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DebianFeedError.unreadable(file: path, reason: error.localizedDescription)
        }
        return try transform(json: data, file: path)
    }

    /// Reads tracker JSON from memory; `file` names it in errors and diagnostics.
    public func transform(json: Data, file: String) throws -> DebianTrackerResult {
        let packages: [String: DebianTrackerPackage]
        do {
            packages = try JSONDecoder().decode([String: DebianTrackerPackage].self, from: json)
        } catch {
            throw DebianFeedError.malformedTrackerJSON(file: file, reason: Self.describe(error))
        }
        let feed = "\(name):\(file.split(separator: "/").last.map(String.init) ?? file)"
        var result = DebianTrackerResult(file: file, records: [], diagnostics: [])
        for packageName in packages.keys.sorted() {
            guard let package = packages[packageName] else { continue }
            if let problem = package.problem {
                result.diagnostics.append(FeedDiagnostic(feed: feed, record: packageName, message: problem))
                continue
            }
            for id in package.issues.keys.sorted() {
                guard let issue = package.issues[id] else { continue }
                if let problem = issue.problem {
                    result.diagnostics.append(FeedDiagnostic(feed: feed, record: id, message: "\(packageName): \(problem)"))
                    continue
                }
                var records: [VulnerabilityRecord] = []
                for codename in issue.releases.keys.sorted() {
                    guard let release = issue.releases[codename] else { continue }
                    switch record(id: id, package: packageName, issue: issue, codename: codename, release: release) {
                    case .success(let record): records.append(record)
                    case .failure(let problem):
                        result.diagnostics.append(FeedDiagnostic(feed: feed, record: id, message: "\(packageName) in \(codename): \(problem.message)"))
                    }
                }
                result.records += records.sorted { $0.namespace < $1.namespace }
            }
        }
        return result
    }

    struct Problem: Error { var message: String }

    /// The record for one release of one issue, or why there is none.
    func record(id: String, package: String, issue: DebianTrackerIssue, codename: String,
                release: DebianTrackerIssue.Release) -> Result<VulnerabilityRecord, Problem> {
        guard let namespace = DebianRelease.namespace(codename: codename) else {
            return .failure(Problem(message: "unknown release codename \"\(codename)\""))
        }
        let urgency = release.urgency?.trimmingCharacters(in: .whitespaces).lowercased()
        var constraint = ""
        var fixedIn: [String] = []
        let fixState: FixState
        switch release.status {
        case "resolved":
            guard let fixed = release.fixedVersion?.trimmingCharacters(in: .whitespaces), !fixed.isEmpty else {
                return .failure(Problem(message: "status resolved without fixed_version"))
            }
            if fixed == "0" {
                fixState = .notAffected
            } else {
                guard (try? DebianVersion(parsing: fixed)) != nil else {
                    return .failure(Problem(message: "fixed_version \"\(fixed)\" is not a valid Debian version"))
                }
                fixState = .fixed
                constraint = "< \(fixed)"
                fixedIn = [fixed]
            }
        case "open":
            fixState = Self.isWontFix(urgency: urgency, release: release) ? .wontFix : .notFixed
        case "undetermined":
            fixState = .unknown
        default:
            return .failure(Problem(message: "unknown status \"\(release.status ?? "(none)")\""))
        }
        var urls = ["https://security-tracker.debian.org/tracker/\(id)"]
        if let bug = issue.debianBug { urls.append("https://bugs.debian.org/\(bug)") }
        let summary = issue.description.flatMap { $0.isEmpty ? nil : $0 }
        return .success(VulnerabilityRecord(
            id: id, namespace: namespace, packageName: package, versionFormat: VersionFormat.deb.rawValue,
            constraint: constraint, fixedIn: fixedIn, fixState: fixState, severity: DebianUrgency.severity(urgency),
            summary: summary, urls: urls, source: name))
    }

    /// `<end-of-life>`, `<no-dsa>`, `<ignored>` and `<postponed>`: the security team will not
    /// ship a fix for this release (a postponed fix may come with a point release).
    static func isWontFix(urgency: String?, release: DebianTrackerIssue.Release) -> Bool {
        if urgency == "end-of-life" { return true }
        if let nodsa = release.nodsa, !nodsa.isEmpty { return true }
        let reason = release.nodsaReason?.lowercased() ?? ""
        return reason == "ignored" || reason == "postponed" || reason == "no-dsa"
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            "not valid JSON" + (context.debugDescription.isEmpty ? "" : " (\(context.debugDescription))")
        case DecodingError.typeMismatch(_, let context):
            "top level is not an object of source package → issues (\(context.debugDescription))"
        default:
            "\(error)"
        }
    }
}
