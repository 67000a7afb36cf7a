import Archive
import Foundation
import Model
import Versions

/// Turns an Ubuntu USN OVAL file (`https://security-metadata.canonical.com/oval/com.ubuntu.<codename>.usn.oval.xml.bz2`,
/// "Canonical USN OVAL Generator", OVAL 5.11.1) into `VulnerabilityRecord`s in the
/// `ubuntu:<YY.MM>` namespaces.
///
/// Each `patch` definition is one USN: its criteria are `dpkginfo_test`s whose object names the
/// fixed *binary* packages through a `constant_variable` (`var_ref`) and whose state is `evr`
/// `less than` the fixed version. Every (CVE the USN lists, binary package) becomes a record:
/// constraint `< EVR`, fixed in EVR, the `0:` epoch dropped (see `OVALEVR`). Names are kept as
/// the OVAL gives them; the distro matcher searches binary and source names.
///
/// **Identifiers.** Records are keyed by CVE, not by USN, because that is what users and the
/// other feeds speak: Grype and Trivy report Ubuntu findings as CVE ids, KEV and EPSS are keyed
/// by CVE, and a policy that allow-lists `CVE-2022-3602` must see that id. The USN goes in
/// `related`, not `aliases`: one USN fixes several CVEs, and VulnDB treats aliases as the same
/// vulnerability (it expands them for KEV/EPSS), so a shared USN alias would give CVE-A the KEV
/// flag of CVE-B. A USN that lists no CVE gives records under its own id. The per-CVE Ubuntu
/// priority (`<cve priority>`) is the severity, falling back to the USN's `<severity>`; the
/// `cvss_vector` Ubuntu republishes is kept as a score. When several USNs fix the same CVE in
/// the same package (regression updates), the records merge (see `OVALRecordMerger`).
///
/// Kernel USNs and LSN livepatch notices test the running kernel or the livepatch state
/// (`uname_test`, `variable_test`, `file_test`, `textfilecontent54_test`) rather than a package; they give no record and are listed in
/// `UbuntuOVALResult.kernelOnlyAdvisories`. Fixes "Available with Ubuntu Pro" (ESM versions such
/// as `+esm1`) are kept as fixed records: the installed version is affected either way.
/// Only fixed issues appear in USN OVAL; unfixed ones need the `cve` OVAL or the tracker.
public struct UbuntuOVALTransformer: FeedTransformer {
    public let name = "ubuntu-oval"
    /// Cap on the decompressed size of a `.bz2` input.
    public var maxExpandedBytes: Int64

    public init(maxExpandedBytes: Int64 = Bzip2Source.defaultLimit) {
        self.maxExpandedBytes = maxExpandedBytes
    }

    /// Reads the USN OVAL file at `path`, bzip2-compressed (detected by its magic) or plain XML.
    ///
    /// Throws `OVALFeedError` when the file cannot be read, decompressed or parsed.
    public func transform(fileAt path: String) throws -> UbuntuOVALResult {
        try transform(xml: OVALReader(maxExpandedBytes: maxExpandedBytes).source(fileAt: path), file: path)
    }

    /// Reads USN OVAL XML from `xml`; `file` names it in errors and diagnostics and, when it is an
    /// Ubuntu OVAL file name, gives the release for definitions without a `<platform>`.
    public func transform(xml: ByteSource, file: String) throws -> UbuntuOVALResult {
        let document = try OVALReader(maxExpandedBytes: maxExpandedBytes).document(xml: xml, file: file)
        return build(document, file: file)
    }

    /// Resolves each USN's dpkg tests to packages and versions.
    func build(_ document: OVALDocument, file: String) -> UbuntuOVALResult {
        let feed = "\(name):\(OVALEVR.fileName(file))"
        // Noble's definitions carry no <platform>: the file name, else the inventory definition, names the release.
        let fileNamespace = UbuntuRelease.codename(inOVALFileName: file).flatMap(UbuntuRelease.namespace(codename:))
            ?? document.definitions.lazy.filter { $0.definitionClass == "inventory" }
                .compactMap { UbuntuRelease.namespace(inventoryTitle: $0.title) }.first
        var result = UbuntuOVALResult(file: file, records: [], diagnostics: [], definitionCount: document.definitions.count,
                                      kernelOnlyAdvisories: [])
        var merger = OVALRecordMerger(format: .deb)
        for definition in document.definitions where definition.definitionClass != "inventory" {
            func diagnose(_ message: String) {
                result.diagnostics.append(FeedDiagnostic(feed: feed, record: definition.id, message: message))
            }
            let advisory = Self.advisoryID(of: definition)
            guard let namespace = definition.platforms.lazy.compactMap(UbuntuRelease.namespace(platform:)).first ?? fileNamespace else {
                diagnose("\(advisory): no Ubuntu release in platform \(definition.platforms), file name or inventory definition")
                continue
            }
            let resolved = document.packageFixes(of: definition, kind: .dpkg)
            for problem in resolved.problems { diagnose("\(advisory): \(problem)") }
            guard !resolved.fixes.isEmpty else {
                if resolved.problems.isEmpty, resolved.packageTestCount == 0,
                   !resolved.otherTestKinds.isDisjoint(with: Self.kernelTestKinds) {
                    result.kernelOnlyAdvisories.append(advisory)
                } else if resolved.problems.isEmpty {
                    diagnose("\(advisory): criteria name no package (no dpkginfo_test with an evr \"less than\" state; "
                        + "test_refs: \(definition.testRefs.joined(separator: ", ")))")
                }
                continue
            }
            for fix in resolved.fixes {
                let evr = OVALEVR.droppingZeroEpoch(fix.evr)
                guard (try? DebianVersion(parsing: evr)) != nil else {
                    diagnose("\(advisory): \(fix.package) evr \"\(fix.evr)\" is not a valid Debian version")
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

    /// The host-state tests of kernel USNs (running kernel: `uname_test`, `variable_test`) and
    /// LSN notices (livepatch client and status: `file_test`, `textfilecontent54_test`).
    private static let kernelTestKinds: Set<String> = ["uname_test", "variable_test", "file_test", "textfilecontent54_test"]

    /// One record per CVE the USN lists, or one under the USN id when it lists none.
    private func records(_ definition: OVALDocument.Definition, advisory: String, namespace: String,
                         package: String, evr: String) -> [VulnerabilityRecord] {
        let summary = Self.summary(of: definition)
        let advisoryURL = definition.references.first { $0.id == advisory }?.url
        let base = VulnerabilityRecord(
            id: advisory, namespace: namespace, packageName: package, versionFormat: VersionFormat.deb.rawValue,
            constraint: "< \(evr)", fixedIn: [evr], fixState: .fixed, severity: UbuntuPriority.severity(definition.severity),
            summary: summary, urls: advisoryURL.map { [$0] } ?? [], source: name, published: definition.issued)
        let cves = Self.cves(of: definition)
        guard !cves.isEmpty else { return [base] }
        return cves.map { cve in
            var record = base
            record.id = cve.id
            record.related = [advisory]
            record.severity = UbuntuPriority.severity(cve.priority) ?? base.severity
            record.urls = [cve.url].compactMap { $0 } + base.urls
            if let vector = cve.vector, let parsed = try? CVSSVector(parsing: vector) {
                record.cvss = [parsed.score(source: "ubuntu")]
            }
            return record
        }
    }

    struct CVE {
        var id: String
        var priority: String?
        var vector: String?
        var url: String?
    }

    /// The CVEs a USN lists (see `namedCVEs`), with their priority and CVSS vector.
    static func cves(of definition: OVALDocument.Definition) -> [CVE] {
        definition.namedCVEs.map { cve in
            CVE(id: cve.id, priority: cve.attributes["priority"], vector: cve.attributes["cvss_vector"].flatMap { $0.isEmpty ? nil : $0 }, url: cve.url)
        }
    }

    /// The USN id: the `source="USN"` reference, else the title's first word (`USN-5710-1 -- OpenSSL …`).
    static func advisoryID(of definition: OVALDocument.Definition) -> String {
        if let usn = definition.references.first(where: { $0.source == "USN" }) { return usn.id }
        let first = definition.title.split(separator: " ").first.map(String.init) ?? ""
        return first.isEmpty ? definition.id : first
    }

    /// The description without the "Update Instructions" boilerplate, else the title.
    static func summary(of definition: OVALDocument.Definition) -> String? {
        var text = definition.description
        if let range = text.range(of: "Update Instructions:") { text = String(text[..<range.lowerBound]) }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { return text }
        return definition.title.isEmpty ? nil : definition.title
    }
}
