import Foundation
import Model
import Versions

/// Turns Alpine's security database (secdb.alpinelinux.org, one JSON file per release and
/// repository, generated from the `secfixes` comments of aports) into `VulnerabilityRecord`s in
/// `alpine:<major.minor>` or `alpine:edge`, one per (vulnerability id, origin package).
///
/// The feed only says which version *fixed* an id (FORMATS.md §5, "Alpine secdb"):
/// - `"<version>": [ids]` → fixed, constraint `< version` (apk ordering), `fixedIn` that version.
///   When the same id is listed under several versions of one package (238 cases, mostly
///   re-listings after an upgrade such as thunderbird `102.0-r0` and `102.1.0-r0`), the lowest
///   is the boundary, since that release already carried the fix; `fixedIn` lists them all.
/// - `"0": [ids]` → Alpine's "never affected / not applicable" marker: a `not-affected` record
///   with no constraint, like Debian's `fixed_version "0"`. Matchers skip it, but it stays in
///   the DB so it can suppress CPE matches and explain why nothing was reported.
///   If an id is both under `"0"` and a real version, the fix wins (the safer reading).
/// - id strings may name several ids or carry notes (`AlpineSecfixID`).
/// - No severity, CVSS or dates: secdb has none; other feeds joined on the CVE supply them.
/// - Package names are origin (source) packages; the matcher maps binary packages to their
///   origin (`o:` in the apk database).
/// - A malformed package, an invalid apk version or an id string with no id is a diagnostic
///   naming the file, the package and the version; the rest of the file is used.
public struct AlpineSecDBTransformer: FeedTransformer {
    public let name = "alpine-secdb"

    public init() {}

    /// Reads one secdb file (`v3.19/main.json`). Throws when it cannot be read or is not a
    /// secdb document at the top level (no `distroversion`, no `packages` list).
    public func transform(fileAt path: String) throws(FeedFileError) -> AlpineSecDBResult {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: path, member: nil, reason: error.localizedDescription)
        }
        return try transform(json: data, file: path)
    }

    /// Reads a secdb document from memory; `file` names it in errors and diagnostics.
    public func transform(json: Data, file: String) throws(FeedFileError) -> AlpineSecDBResult {
        let document: AlpineSecDBDocument
        do {
            document = try JSONDecoder().decode(AlpineSecDBDocument.self, from: json)
        } catch {
            throw .malformed(file: file, reason: "not a secdb document: \(error)")
        }
        guard let namespace = Self.namespace(distroversion: document.distroversion) else {
            throw .malformed(file: file, reason: "distroversion \"\(document.distroversion)\" is neither v<major>.<minor> nor edge")
        }
        let components = FeedArchive.components(file)
        let feed = "\(name):\(components.suffix(2).joined(separator: "/"))"
        var result = AlpineSecDBResult(file: file, namespace: namespace)
        for (index, entry) in document.packages.enumerated() {
            let packageName = entry.name ?? "packages[\(index)]"
            if let problem = entry.problem {
                result.diagnostics.append(FeedDiagnostic(feed: feed, record: packageName, message: "\(problem); package skipped"))
                continue
            }
            result.records += records(package: packageName, secfixes: entry.secfixes, namespace: namespace) { message in
                result.diagnostics.append(FeedDiagnostic(feed: feed, record: packageName, message: message))
            }
        }
        result.records.sort { ($0.packageName, $0.id) < ($1.packageName, $1.id) }
        return result
    }

    /// `v3.19` → `alpine:3.19`, `edge` → `alpine:edge` (the namespaces `DistroNamespace` and
    /// `OSVEcosystem` use); nil for anything else.
    static func namespace(distroversion: String) -> String? {
        let text = distroversion.trimmingCharacters(in: .whitespaces)
        if text == "edge" { return "alpine:edge" }
        let release = text.hasPrefix("v") ? text.dropFirst() : Substring(text)
        let parts = release.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        return "alpine:\(release)"
    }

    /// What one package's `secfixes` say about one id.
    private struct Accumulator {
        var fixed: [Version] = []
        var notAffected = false
        var aliases: [String] = []
        var notes: [String] = []
    }

    private func records(package: String, secfixes: [String: [String]], namespace: String,
                         diagnose: (String) -> Void) -> [VulnerabilityRecord] {
        var byID: [String: Accumulator] = [:]
        for versionText in secfixes.keys.sorted() {
            let texts = secfixes[versionText] ?? []
            let trimmed = versionText.trimmingCharacters(in: .whitespaces)
            var version: Version?
            if trimmed != "0" {
                do {
                    version = try VersionFormat.apk.parse(trimmed)
                } catch {
                    diagnose("fixed version: \(error); \(texts.count) id string(s) skipped: \(texts.prefix(3).joined(separator: ", "))\(texts.count > 3 ? ", …" : "")")
                    continue
                }
            }
            for text in texts {
                guard let parsed = AlpineSecfixID(text) else {
                    diagnose("id string \"\(text)\" under \(versionText) names no identifier; skipped")
                    continue
                }
                for id in parsed.ids {
                    var accumulator = byID[id] ?? Accumulator()
                    if let version {
                        if !accumulator.fixed.contains(version) { accumulator.fixed.append(version) }
                    } else {
                        accumulator.notAffected = true
                    }
                    for alias in parsed.aliases where !accumulator.aliases.contains(alias) { accumulator.aliases.append(alias) }
                    if let note = parsed.note, !accumulator.notes.contains(note) { accumulator.notes.append(note) }
                    byID[id] = accumulator
                }
            }
        }
        return byID.keys.sorted().compactMap { id in
            guard let accumulator = byID[id] else { return nil }
            let fixed = accumulator.fixed.sorted()
            let summary = accumulator.notes.isEmpty ? nil : accumulator.notes.joined(separator: "; ")
            guard let lowest = fixed.first else {
                return VulnerabilityRecord(
                    id: id, namespace: namespace, packageName: package, versionFormat: VersionFormat.apk.rawValue,
                    constraint: "", fixState: .notAffected, aliases: accumulator.aliases, summary: summary, source: name)
            }
            let constraint = VersionConstraint(ranges: [VersionRange([VersionComparison(.less, lowest)])], format: .apk)
            return VulnerabilityRecord(
                id: id, namespace: namespace, packageName: package, versionFormat: VersionFormat.apk.rawValue,
                constraint: constraint.description, fixedIn: fixed.map(\.description), fixState: .fixed,
                aliases: accumulator.aliases, summary: summary, source: name)
        }
    }
}
