import Foundation
import Model
import Versions
import ZIPFoundation

/// Turns OSV documents (ossf.github.io/osv-schema) into `VulnerabilityRecord`s: one record per
/// (document, namespace, package), whatever the ecosystem (PyPI, Go, crates.io, npm, Maven,
/// RubyGems, Packagist, NuGet, AlmaLinux, Rocky, Debian, Ubuntu, Alpine…).
///
/// - `ECOSYSTEM` and `SEMVER` ranges become constraints through `VersionConstraint(osvEvents:)`
///   (introduced / fixed / last_affected / limit, in the ecosystem's version scheme); `GIT`
///   ranges are ignored; any other range type is a diagnostic.
/// - An explicit `versions` list adds `= v` alternatives for the versions the ranges miss
///   (osv.dev matches on either).
/// - `withdrawn` documents and RustSec `informational` notices (`database_specific.informational`
///   of the document or of every entry) are skipped and counted.
/// - CVSS vectors from `severity[]` are scored with `CVSSVector`; GHSA's
///   `database_specific.severity`, Ubuntu's severity word and the Red Hat-style summary prefix
///   of AlmaLinux/Rocky advisories (`Important: …`) give the vendor severity.
/// - A malformed document or entry is a diagnostic naming the record; a corrupt archive throws.
public struct OSVTransformer: FeedTransformer {
    public let name = "osv"

    public init() {}

    /// Reads an ecosystem's `all.zip`. Members are found by their `.json` suffix wherever they
    /// sit (root or `all/`), directory entries are skipped; an id present twice is read once.
    public func transform(archiveAt url: URL) throws(OSVError) -> OSVTransformResult {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .unreadableArchive(path: url.path, reason: String(describing: error))
        }
        return try transform(archive: archive, path: url.path)
    }

    /// Reads an `all.zip` held in memory; `path` names it in errors and diagnostics.
    public func transform(archiveData: Data, path: String) throws(OSVError) -> OSVTransformResult {
        let archive: Archive
        do {
            archive = try Archive(data: archiveData, accessMode: .read)
        } catch {
            throw .unreadableArchive(path: path, reason: String(describing: error))
        }
        return try transform(archive: archive, path: path)
    }

    /// Reads one OSV JSON document (`<ID>.json`, or the body of `vuln.go.dev/ID/<ID>.json`).
    public func transform(document: Data, path: String) -> OSVTransformResult {
        var result = OSVTransformResult()
        result.statistics.documents = 1
        switch decode(document, path: path) {
        case .failure(let diagnostic):
            result.diagnostics.append(diagnostic)
            result.statistics.rejected += 1
        case .success(let osv):
            append(osv, to: &result)
        }
        return result
    }

    // MARK: - Archive

    private func transform(archive: Archive, path: String) throws(OSVError) -> OSVTransformResult {
        var result = OSVTransformResult()
        // Decoded documents by id, in archive order, to de-duplicate copies.
        var documents: [OSVDocument] = []
        var indexByID: [String: Int] = [:]
        for entry in archive {
            guard entry.type == .file else { continue }
            let member = entry.path
            guard member.lowercased().hasSuffix(".json"), !member.hasPrefix("__MACOSX/") else { continue }
            if Task.isCancelled { throw .unreadableArchive(path: path, reason: "cancelled") }
            var data = Data()
            data.reserveCapacity(Int(entry.uncompressedSize))
            let checksum: CRC32
            do {
                checksum = try archive.extract(entry, skipCRC32: false) { chunk in data.append(chunk) }
            } catch {
                throw .unreadableArchive(path: path, reason: "member \(member): \(error)")
            }
            guard checksum == entry.checksum else {
                throw .unreadableArchive(path: path, reason: "member \(member): CRC-32 mismatch")
            }
            result.statistics.documents += 1
            switch decode(data, path: "\(path):\(member)") {
            case .failure(let diagnostic):
                result.diagnostics.append(diagnostic)
                result.statistics.rejected += 1
            case .success(let osv):
                if let existing = indexByID[osv.id] {
                    result.statistics.duplicates += 1
                    if Self.isNewer(osv, than: documents[existing]) { documents[existing] = osv }
                } else {
                    indexByID[osv.id] = documents.count
                    documents.append(osv)
                }
            }
        }
        for osv in documents {
            append(osv, to: &result)
        }
        return result
    }

    private static func isNewer(_ candidate: OSVDocument, than current: OSVDocument) -> Bool {
        guard let new = candidate.modified.flatMap(OSVModifiedIndex.parseTimestamp) else { return false }
        guard let old = current.modified.flatMap(OSVModifiedIndex.parseTimestamp) else { return true }
        return new > old
    }

    private enum Decoded {
        case success(OSVDocument)
        case failure(FeedDiagnostic)
    }

    private func decode(_ data: Data, path: String) -> Decoded {
        do {
            return .success(try JSONDecoder().decode(OSVDocument.self, from: data))
        } catch {
            let id = (try? JSONDecoder().decode(OSVIdentifier.self, from: data))?.id ?? path
            return .failure(FeedDiagnostic(feed: name, record: id, message: "malformed OSV document: \(Self.describe(error))"))
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing \(Self.codingPath(context.codingPath + [key]))"
        case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
            "expected \(type) at \(Self.codingPath(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            "invalid JSON at \(Self.codingPath(context.codingPath)): \(context.debugDescription)"
        default:
            String(describing: error)
        }
    }

    private static func codingPath(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "top level" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    // MARK: - Document → records

    private func append(_ osv: OSVDocument, to result: inout OSVTransformResult) {
        if osv.withdrawn != nil {
            result.statistics.withdrawn += 1
            return
        }
        if let affected = osv.affected, !affected.isEmpty,
           osv.databaseSpecific?.informational != nil || affected.allSatisfy({ $0.databaseSpecific?.informational != nil }) {
            result.statistics.informational += 1
            return
        }
        let records = self.records(for: osv, diagnostics: &result.diagnostics)
        if records.isEmpty {
            result.statistics.rejected += 1
        } else {
            result.statistics.transformed += 1
            result.records.append(contentsOf: records)
        }
    }

    /// One package's accumulated constraint while reading a document's `affected` entries.
    private struct PackageAccumulator {
        var ecosystem: OSVEcosystem
        var packageName: String
        var constraint: VersionConstraint?
        var fixedIn: [String] = []
        var cvss: [CVSSScore] = []
        var severity: Model.Severity?
    }

    private func records(for osv: OSVDocument, diagnostics: inout [FeedDiagnostic]) -> [VulnerabilityRecord] {
        func diagnose(_ message: String) {
            diagnostics.append(FeedDiagnostic(feed: name, record: osv.id, message: message))
        }
        let documentCVSS = scores(osv.severity, diagnose: diagnose)
        let documentSeverity = vendorSeverity(osv)

        var packages: [PackageAccumulator] = []
        var packageIndex: [String: Int] = [:]
        for (entryIndex, affected) in (osv.affected ?? []).enumerated() {
            let label = "affected[\(entryIndex)]"
            // RustSec notices (unmaintained, unsound, notice) are not vulnerabilities.
            if affected.databaseSpecific?.informational != nil { continue }
            guard let package = affected.package else {
                diagnose("\(label) has no package; entry skipped")
                continue
            }
            guard let ecosystem = OSVEcosystem(package.ecosystem) else {
                diagnose("\(label): ecosystem \"\(package.ecosystem)\" has no supported version scheme; entry skipped")
                continue
            }
            let format = ecosystem.versionFormat
            var constraint: VersionConstraint?
            var fixed: [String] = []
            var sawRange = false
            for (rangeIndex, range) in (affected.ranges ?? []).enumerated() {
                switch range.type {
                case "ECOSYSTEM", "SEMVER":
                    sawRange = true
                    var events: [OSVEvent] = []
                    var malformed = false
                    for event in range.events {
                        guard event.count == 1, let (key, value) = event.first, let parsed = OSVEvent(key: key, version: value) else {
                            diagnose("\(label).ranges[\(rangeIndex)]: unknown event \(event.keys.sorted()); range skipped")
                            malformed = true
                            break
                        }
                        events.append(parsed)
                    }
                    if malformed { continue }
                    if events.isEmpty {
                        diagnose("\(label).ranges[\(rangeIndex)] has no events; range skipped")
                        continue
                    }
                    do {
                        let rangeConstraint = try VersionConstraint(osvEvents: events, scheme: format)
                        constraint = try constraint.map { try $0.union(rangeConstraint) } ?? rangeConstraint
                        for event in events where event.kind == .fixed && !fixed.contains(event.version) {
                            fixed.append(event.version)
                        }
                    } catch {
                        diagnose("\(label).ranges[\(rangeIndex)] (\(package.name)): \(error); range skipped")
                    }
                case "GIT":
                    continue
                default:
                    diagnose("\(label).ranges[\(rangeIndex)]: unknown range type \"\(range.type)\"; range skipped")
                }
            }
            if let versions = affected.versions, !versions.isEmpty {
                var extra: [VersionRange] = []
                var invalid: [String] = []
                for text in versions {
                    guard let version = try? format.parse(text) else {
                        invalid.append(text)
                        continue
                    }
                    if let constraint, (try? constraint.satisfied(by: version)) == true { continue }
                    extra.append(VersionRange([VersionComparison(.equal, version)]))
                }
                if !invalid.isEmpty {
                    let shown = invalid.prefix(5).joined(separator: ", ")
                    diagnose("\(label) (\(package.name)): \(invalid.count) listed version(s) not valid \(format): \(shown)\(invalid.count > 5 ? ", …" : ""); ignored")
                }
                if !extra.isEmpty {
                    let listed = VersionConstraint(ranges: extra, format: format)
                    constraint = constraint.map { VersionConstraint(ranges: $0.ranges + listed.ranges, format: format) } ?? listed
                }
            }
            guard let constraint else {
                if !sawRange, affected.versions?.isEmpty ?? true {
                    diagnose("\(label) (\(package.name)): no ECOSYSTEM or SEMVER range and no versions list; entry skipped")
                } else {
                    diagnose("\(label) (\(package.name)): no usable range or version; entry skipped")
                }
                continue
            }
            let packageName = ecosystem.normalizedPackageName(package.name)
            let entryCVSS = scores(affected.severity, diagnose: diagnose)
            let key = ecosystem.namespace + "\u{0}" + packageName
            if let index = packageIndex[key] {
                packages[index].constraint = packages[index].constraint.map {
                    VersionConstraint(ranges: $0.ranges + constraint.ranges, format: format)
                } ?? constraint
                for version in fixed where !packages[index].fixedIn.contains(version) {
                    packages[index].fixedIn.append(version)
                }
                for score in entryCVSS where !packages[index].cvss.contains(score) { packages[index].cvss.append(score) }
            } else {
                packageIndex[key] = packages.count
                packages.append(PackageAccumulator(
                    ecosystem: ecosystem, packageName: packageName, constraint: constraint, fixedIn: fixed,
                    cvss: entryCVSS, severity: severityWord(affected.databaseSpecific?.severity)))
            }
        }

        let urls = (osv.references ?? []).compactMap(\.url)
        return packages.map { package in
            var cvss = documentCVSS
            for score in package.cvss where !cvss.contains(score) { cvss.append(score) }
            return VulnerabilityRecord(
                id: osv.id,
                namespace: package.ecosystem.namespace,
                packageName: package.packageName,
                versionFormat: package.ecosystem.versionFormat.rawValue,
                constraint: package.constraint?.description ?? "",
                fixedIn: package.fixedIn,
                fixState: package.fixedIn.isEmpty ? .notFixed : .fixed,
                severity: package.severity ?? documentSeverity,
                cvss: cvss,
                aliases: osv.sameVulnerabilityIDs,
                related: osv.relatedIDs,
                summary: osv.summary ?? osv.details,
                urls: urls,
                source: name,
                published: osv.published,
                modified: osv.modified)
        }
    }

    /// CVSS vectors from a `severity` list, scored; other types are vendor words, not vectors.
    private func scores(_ severities: [OSVDocument.Severity]?, diagnose: (String) -> Void) -> [CVSSScore] {
        var result: [CVSSScore] = []
        for severity in severities ?? [] where severity.type.hasPrefix("CVSS_") {
            do {
                let vector = try CVSSVector(parsing: severity.score)
                let score = vector.score(source: nil)
                if !result.contains(score) { result.append(score) }
            } catch {
                diagnose("severity \(severity.type): \(error); score skipped")
            }
        }
        return result
    }

    /// The vendor's own severity: GHSA's `database_specific.severity`, an `Ubuntu` severity
    /// entry, or the Red Hat-style summary prefix AlmaLinux and Rocky use (`Important: …`).
    private func vendorSeverity(_ osv: OSVDocument) -> Model.Severity? {
        if let word = severityWord(osv.databaseSpecific?.severity) { return word }
        if let ubuntu = osv.severity?.first(where: { $0.type == "Ubuntu" }), let word = severityWord(ubuntu.score) {
            return word
        }
        if let summary = osv.summary, let colon = summary.firstIndex(of: ":") {
            let prefix = summary[..<colon]
            if prefix.count <= 10, let word = severityWord(String(prefix)) { return word }
        }
        return nil
    }

    private func severityWord(_ word: String?) -> Model.Severity? {
        switch word?.lowercased() {
        case "critical": .critical
        case "high", "important": .high
        case "moderate", "medium": .medium
        case "low": .low
        case "negligible", "unimportant": .negligible
        default: nil
        }
    }
}
