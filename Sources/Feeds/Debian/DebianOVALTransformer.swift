import Archive
import Foundation
import Model
import Versions

/// Turns a Debian OVAL file (`https://www.debian.org/security/oval/oval-definitions-<codename>.xml.bz2`,
/// OVAL 5.11.2) into `VulnerabilityRecord`s in the `debian:<N>` namespaces.
///
/// Each definition is one CVE (or, for class `patch`, one DSA) for one source package, with the
/// criteria "Debian N is installed AND <package> DPKG is earlier than <EVR>". Every `criterion`
/// whose `dpkginfo_test` resolves to a `dpkginfo_object` name and a `dpkginfo_state` `evr`
/// `less than` becomes a record: constraint `< EVR`, fixed in EVR. The `0:` epoch Debian writes on
/// every EVR is dropped (dpkg treats `0:1.2-3` and `1.2-3` as the same version, and installed
/// versions are written without it); other epochs are kept. "Earlier than 0" tests produce no
/// record (see `DebianOVALResult.EarlierThanZero`). The XML is parsed as a stream by `OVALReader`.
public struct DebianOVALTransformer: FeedTransformer {
    public let name = "debian-oval"
    /// Cap on the decompressed size of a `.bz2` input.
    public var maxExpandedBytes: Int64

    public init(maxExpandedBytes: Int64 = Bzip2Source.defaultLimit) {
        self.maxExpandedBytes = maxExpandedBytes
    }

    /// Reads the OVAL file at `path`, bzip2-compressed (detected by its magic) or plain XML.
    ///
    /// Throws `DebianFeedError` when the file cannot be read, decompressed or parsed.
    public func transform(fileAt path: String) throws -> DebianOVALResult {
        let source: ByteSource
        do { source = try OVALReader(maxExpandedBytes: maxExpandedBytes).source(fileAt: path) } catch { throw Self.debianError(error) }
        return try transform(xml: source, file: path)
    }

    /// Reads OVAL XML from `xml`; `file` names it in errors and diagnostics and, when it is a
    /// Debian OVAL file name, gives the release for definitions without a `<platform>`.
    public func transform(xml: ByteSource, file: String) throws -> DebianOVALResult {
        let document: OVALDocument
        do {
            document = try OVALReader(maxExpandedBytes: maxExpandedBytes).document(xml: xml, file: file)
        } catch let error as OVALFeedError {
            throw Self.debianError(error)
        }
        return build(document, file: file)
    }

    /// The shared OVAL reader's errors, as this transformer has always reported them.
    private static func debianError(_ error: OVALFeedError) -> DebianFeedError {
        switch error {
        case .unreadable(let file, let reason): .unreadable(file: file, reason: reason)
        case .malformedOVAL(let file, let line, let column, let reason): .malformedOVAL(file: file, line: line, column: column, reason: reason)
        }
    }

    /// Resolves each definition's criteria to packages and versions.
    func build(_ document: OVALDocument, file: String) -> DebianOVALResult {
        let feed = "\(name):\(file.split(separator: "/").last.map(String.init) ?? file)"
        let fileNamespace = DebianRelease.codename(inOVALFileName: file).flatMap(DebianRelease.namespace(codename:))
        var result = DebianOVALResult(file: file, records: [], diagnostics: [], definitionCount: document.definitions.count,
                                      sourcePackages: [], earlierThanZero: [])
        for definition in document.definitions {
            func diagnose(_ message: String) {
                result.diagnostics.append(FeedDiagnostic(feed: feed, record: definition.id, message: message))
            }
            guard let vulnerabilityID = Self.vulnerabilityID(of: definition) else {
                diagnose("no CVE, DSA or DLA identifier in title \"\(definition.title)\" or references")
                continue
            }
            guard let namespace = definition.platforms.lazy.compactMap(DebianRelease.namespace(platform:)).first ?? fileNamespace else {
                diagnose("\(vulnerabilityID): no Debian release in platform \(definition.platforms) or file name")
                continue
            }
            let dpkgTests = definition.testRefs.compactMap { ref in document.packageTests[ref].flatMap { $0.kind == .dpkg ? (ref, $0) : nil } }
            guard !dpkgTests.isEmpty else {
                diagnose("\(vulnerabilityID): criteria reference no dpkginfo_test (test_refs: \(definition.testRefs.joined(separator: ", ")))")
                continue
            }
            for (ref, test) in dpkgTests {
                guard let objectRef = test.objectRef, let object = document.packageObjects[objectRef], object.kind == .dpkg else {
                    diagnose("\(vulnerabilityID): dpkginfo_test \(ref) refers to no dpkginfo_object")
                    continue
                }
                guard let package = object.name, !package.isEmpty else {
                    diagnose("\(vulnerabilityID): dpkginfo_object \(objectRef) has no package name (empty <name/> or a var_ref)")
                    continue
                }
                guard let stateRef = test.stateRef, let state = document.packageStates[stateRef], state.kind == .dpkg,
                      let rawEVR = state.evr, !rawEVR.isEmpty else {
                    diagnose("\(vulnerabilityID): dpkginfo_test \(ref) for \(package) has no dpkginfo_state evr")
                    continue
                }
                guard state.evrOperation == "less than" else {
                    diagnose("\(vulnerabilityID): \(package) evr operation \"\(state.evrOperation ?? "")\" is not supported (only \"less than\")")
                    continue
                }
                result.sourcePackages.insert(package)
                let evr = Self.normalizedEVR(rawEVR)
                if evr == "0" {
                    result.earlierThanZero.append(.init(vulnerabilityID: vulnerabilityID, packageName: package, definitionID: definition.id))
                    continue
                }
                guard (try? DebianVersion(parsing: evr)) != nil else {
                    diagnose("\(vulnerabilityID): \(package) evr \"\(rawEVR)\" is not a valid Debian version")
                    continue
                }
                result.records.append(record(definition, id: vulnerabilityID, namespace: namespace, package: package, evr: evr))
            }
        }
        return result
    }

    private func record(_ definition: OVALDocument.Definition, id: String, namespace: String,
                        package: String, evr: String) -> VulnerabilityRecord {
        var aliases: [String] = []
        var related: [String] = []
        // An advisory (DSA/DLA) fixes several CVEs and a CVE is fixed by an advisory: related, never
        // aliases, since aliases are followed for KEV/EPSS and would lend one CVE another's flags.
        let isAdvisory = !id.hasPrefix("CVE-")
        for reference in definition.references where reference.id != id {
            let sameKind = reference.id.hasPrefix("CVE-") != isAdvisory
            if sameKind { aliases.append(reference.id) } else { related.append(reference.id) }
        }
        for advisory in definition.debianAdvisories where advisory != id && !id.hasPrefix(advisory + "-") && !related.contains(advisory) {
            related.append(advisory)
        }
        let summary = definition.description == "security update" && !definition.debianMoreInfo.isEmpty
            ? definition.debianMoreInfo : definition.description
        var urls = definition.references.compactMap(\.url).filter { !$0.isEmpty }
        if urls.isEmpty { urls = ["https://security-tracker.debian.org/tracker/\(id)"] }
        return VulnerabilityRecord(
            id: id, namespace: namespace, packageName: package, versionFormat: VersionFormat.deb.rawValue,
            constraint: "< \(evr)", fixedIn: [evr], fixState: .fixed,
            severity: DebianUrgency.severity(definition.debianUrgency), aliases: aliases, related: related,
            summary: summary.isEmpty ? nil : summary, urls: urls, source: name, published: definition.debianDate)
    }

    /// The vulnerability id: the title's first word when it is an identifier (`CVE-2023-1234 glibc`,
    /// `DSA-5418-1 chromium`), else the first CVE reference.
    static func vulnerabilityID(of definition: OVALDocument.Definition) -> String? {
        if let first = definition.title.split(separator: " ").first,
           ["CVE-", "DSA-", "DLA-", "DTSA-", "TEMP-"].contains(where: { first.hasPrefix($0) }) {
            return String(first)
        }
        return definition.references.first { $0.source == "CVE" }?.id
    }

    /// `0:1.2-3` → `1.2-3`: dpkg reads a missing epoch as 0, so dropping `0:` keeps the version.
    static func normalizedEVR(_ evr: String) -> String {
        evr.hasPrefix("0:") && evr.count > 2 ? String(evr.dropFirst(2)) : evr
    }
}
