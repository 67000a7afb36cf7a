import Archive
import Foundation
import Model
import Versions

/// Turns a Red Hat RHSA OVAL v1 file (`https://www.redhat.com/security/data/oval/v2/…` /
/// `com.redhat.rhsa-RHEL<N>.xml.bz2`) or a Rocky RLSA OVAL file (`org.rockylinux.rlsa-<N>.xml.bz2`,
/// same layout) into `VulnerabilityRecord`s in the `rhel:<N>` / `rocky:<N>` namespaces.
///
/// Each `patch` definition is one advisory (RHSA, sometimes RHBA; RLSA). Its criteria name binary
/// rpms through `rpminfo_test`s: "<rpm> is earlier than <epoch:version-release>" (state `evr`
/// `less than`) states a fix, and becomes constraint `< EVR`, fixed in EVR. The other rpminfo
/// tests are conditions, not fixes, and are passed over: "signed with Red Hat redhatrelease2 key"
/// (`signature_keyid`), `arch`-only states, "kpatch-patch not installed" (no state) and "kernel
/// version equals …". `0:` epochs are dropped (see `OVALEVR`): `RPMVersion` reads a missing
/// epoch as 0, and `RPMCataloger` writes `epoch:` only when the rpm header has one, so
/// `< 1.10-9.el9_0` and installed `1.10-8.el9` compare as rpm does; other epochs stay
/// (`< 1:3.0.1-47.el9_1`).
///
/// **Identifiers.** As for Ubuntu (see `UbuntuOVALTransformer`): one record per CVE the advisory
/// fixes, with the advisory in `related` (not `aliases`: it covers several CVEs, and VulnDB
/// expands aliases as "same vulnerability" for KEV/EPSS). Red Hat lists the CVEs as references
/// and `<cve>` entries with a per-CVE `impact` and `cvss3` (used for severity and CVSS, the
/// advisory `<severity>` as fallback); Rocky lists only the RLSA, so its CVEs are read from the
/// "Security Fix(es)" lines of the description. An advisory with no CVE gives records under
/// its own id. Records for the same CVE and rpm from several advisories merge (`OVALRecordMerger`).
public struct RedHatOVALTransformer: FeedTransformer {
    public let vendor: RedHatOVALVendor
    /// Cap on the decompressed size of a `.bz2` input.
    public var maxExpandedBytes: Int64

    /// `vendor` decides namespaces and the feed name; `RedHatOVALVendor.detected(fromFileName:)`
    /// gives it for the upstream file names.
    public init(vendor: RedHatOVALVendor = .redHat, maxExpandedBytes: Int64 = Bzip2Source.defaultLimit) {
        self.vendor = vendor
        self.maxExpandedBytes = maxExpandedBytes
    }

    /// `redhat-oval` or `rocky-oval`.
    public var name: String { vendor.feedName }

    /// Reads the OVAL file at `path`, bzip2-compressed (detected by its magic) or plain XML.
    ///
    /// Throws `OVALFeedError` when the file cannot be read, decompressed or parsed.
    public func transform(fileAt path: String) throws -> RedHatOVALResult {
        try transform(xml: OVALReader(maxExpandedBytes: maxExpandedBytes).source(fileAt: path), file: path)
    }

    /// Reads OVAL XML from `xml`; `file` names it in errors and diagnostics and, when it is an
    /// upstream file name, gives the major release for definitions that do not state one.
    public func transform(xml: ByteSource, file: String) throws -> RedHatOVALResult {
        let document = try OVALReader(maxExpandedBytes: maxExpandedBytes).document(xml: xml, file: file)
        return build(document, file: file)
    }

    /// Resolves each advisory's rpminfo tests to packages and versions.
    func build(_ document: OVALDocument, file: String) -> RedHatOVALResult {
        let feed = "\(name):\(OVALEVR.fileName(file))"
        let fileMajor = RedHatOVALRelease.major(fileName: file)
        var result = RedHatOVALResult(file: file, vendor: vendor, records: [], diagnostics: [], definitionCount: document.definitions.count)
        var merger = OVALRecordMerger(format: .rpm)
        for definition in document.definitions {
            func diagnose(_ message: String) {
                result.diagnostics.append(FeedDiagnostic(feed: feed, record: definition.id, message: message))
            }
            let advisory = advisoryID(of: definition)
            guard let major = Self.major(of: definition) ?? fileMajor else {
                diagnose("\(advisory): no major release in platform, criteria, advisory CPEs or file name")
                continue
            }
            let resolved = document.packageFixes(of: definition, kind: .rpm)
            for problem in resolved.problems { diagnose("\(advisory): \(problem)") }
            if resolved.fixes.isEmpty, resolved.problems.isEmpty {
                diagnose("\(advisory): criteria name no package (no rpminfo_test with an evr \"less than\" state; "
                    + "test_refs: \(definition.testRefs.joined(separator: ", ")))")
            }
            let namespace = "\(vendor.namespacePrefix):\(major)"
            for fix in resolved.fixes {
                let evr = OVALEVR.droppingZeroEpoch(fix.evr)
                guard (try? RPMVersion(parsing: evr)) != nil else {
                    diagnose("\(advisory): \(fix.package) evr \"\(fix.evr)\" is not a valid rpm version")
                    continue
                }
                for record in records(definition, advisory: advisory, namespace: namespace, package: fix.package, evr: evr) {
                    merger.add(record)
                }
            }
        }
        result.records = merger.merged
        return result
    }

    /// One record per CVE the advisory fixes, or one under the advisory id when it names none.
    private func records(_ definition: OVALDocument.Definition, advisory: String, namespace: String,
                         package: String, evr: String) -> [VulnerabilityRecord] {
        let advisoryURL = definition.references.first { $0.id == advisory }?.url
        let base = VulnerabilityRecord(
            id: advisory, namespace: namespace, packageName: package, versionFormat: VersionFormat.rpm.rawValue,
            constraint: "< \(evr)", fixedIn: [evr], fixState: .fixed,
            severity: RedHatSeverity.severity(definition.severity ?? Self.titleSeverity(definition.title)),
            summary: definition.title.isEmpty ? nil : definition.title, urls: advisoryURL.map { [$0] } ?? [],
            source: name, published: definition.issued, modified: definition.updated)
        let cves = Self.cves(of: definition)
        guard !cves.isEmpty else { return [base] }
        return cves.map { cve in
            var record = base
            record.id = cve.id
            record.related = [advisory]
            record.severity = RedHatSeverity.severity(cve.impact) ?? base.severity
            record.cvss = cve.cvss
            record.summary = Self.fixLine(for: cve.id, in: definition.description) ?? base.summary
            record.urls = [cve.url].compactMap { $0 } + base.urls
            return record
        }
    }

    struct CVE {
        var id: String
        var impact: String?
        var cvss: [CVSSScore] = []
        var url: String?
    }

    /// The CVEs an advisory fixes (see `namedCVEs`); when it names none (Rocky), the CVE ids in the description.
    static func cves(of definition: OVALDocument.Definition) -> [CVE] {
        let named = definition.namedCVEs.map { cve in
            CVE(id: cve.id, impact: cve.attributes["impact"],
                cvss: ["cvss3", "cvss2"].compactMap { cve.attributes[$0].flatMap(Self.score(scoreAndVector:)) }, url: cve.url)
        }
        guard named.isEmpty else { return named }
        var seen = Set<String>()
        return Self.cveIDs(in: definition.description).filter { seen.insert($0).inserted }.map { CVE(id: $0) }
    }

    /// Red Hat's `cvss3="8.8/CVSS:3.1/AV:N/…"` (score, slash, vector) as a score.
    static func score(scoreAndVector text: String) -> CVSSScore? {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        guard let vector = try? CVSSVector(parsing: String(text[text.index(after: slash)...])) else { return nil }
        var score = vector.score(source: "secalert@redhat.com")
        if let given = Double(text[..<slash]) { score.baseScore = given }
        return score
    }

    /// `CVE-YYYY-NNNN…` ids in `text`, in order of first appearance.
    static func cveIDs(in text: String) -> [String] {
        var ids: [String] = []
        var seen = Set<String>()
        var rest = Substring(text)
        while let range = rest.range(of: "CVE-") {
            let candidate = rest[range.lowerBound...].prefix { $0 == "-" || $0.isLetter || ($0.isASCII && $0.isNumber) }
            let parts = candidate.split(separator: "-")
            if parts.count >= 3, parts[1].count == 4, parts[1].allSatisfy(\.isNumber),
               parts[2].count >= 4, parts[2].allSatisfy({ $0.isASCII && $0.isNumber }) {
                let id = "CVE-\(parts[1])-\(parts[2])"
                if seen.insert(id).inserted { ids.append(id) }
            }
            rest = rest[range.upperBound...]
        }
        return ids
    }

    /// The description's "* component: what is wrong (CVE-…)" line for `id`, without the bullet.
    static func fixLine(for id: String, in description: String) -> String? {
        for line in description.split(whereSeparator: \.isNewline) where line.contains(id) {
            var text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("* ") { text.removeFirst(2) }
            return text.isEmpty ? nil : text
        }
        return nil
    }

    /// `RHSA-2022:4582` from the vendor's advisory reference, else the title's
    /// `RHSA-2022:4582: gzip security update (Important)` prefix.
    func advisoryID(of definition: OVALDocument.Definition) -> String {
        if let reference = definition.references.first(where: { $0.source == vendor.advisorySource }) { return reference.id }
        if let colon = definition.title.range(of: ": ") { return String(definition.title[..<colon.lowerBound]) }
        return definition.id
    }

    /// The major release a definition states itself, if any.
    static func major(of definition: OVALDocument.Definition) -> String? {
        definition.platforms.lazy.compactMap(RedHatOVALRelease.major(platform:)).first
            ?? definition.criteria.lazy.compactMap { $0.comment.flatMap(RedHatOVALRelease.major(criterionComment:)) }.first
            ?? ([definition.advisoryFrom].compactMap { $0 } + definition.affectedCPEs).lazy.compactMap(RedHatOVALRelease.major(cpe:)).first
    }

    /// `Important` from a title ending in `(Important)`, when there is no `<severity>`.
    static func titleSeverity(_ title: String) -> String? {
        guard title.hasSuffix(")"), let open = title.lastIndex(of: "(") else { return nil }
        return String(title[title.index(after: open)..<title.index(before: title.endIndex)])
    }
}
