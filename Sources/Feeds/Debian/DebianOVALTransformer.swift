import Archive
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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
/// record (see `DebianOVALResult.EarlierThanZero`). The XML is parsed as a stream.
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
        do {
            let size = try Bzip2.fileSize(path)
            let head = try readAll(FileRegionSource(HostFileRegion(path: path, length: min(size, 4))), limit: 4)
            let file = try FileRegionSource(HostFileRegion(path: path, length: size))
            source = Bzip2.hasMagic(head) ? try Bzip2Source(file, what: path, limit: maxExpandedBytes) : file
        } catch {
            throw DebianFeedError.unreadable(file: path, reason: "\(error)")
        }
        return try transform(xml: source, file: path)
    }

    /// Reads OVAL XML from `xml`; `file` names it in errors and diagnostics and, when it is a
    /// Debian OVAL file name, gives the release for definitions without a `<platform>`.
    public func transform(xml: ByteSource, file: String) throws -> DebianOVALResult {
        let stream = ByteSourceInputStream(xml)
        let handler = DebianOVALParser()
        let parser = XMLParser(stream: stream)
        parser.delegate = handler
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let succeeded = parser.parse()
        if let error = stream.error {
            throw DebianFeedError.unreadable(file: file, reason: "\(error)")
        }
        if handler.cancelled { throw CancellationError() }
        if !succeeded || parser.parserError != nil {
            let reason = parser.parserError.map { Self.describe($0) } ?? "XML parser failed"
            throw DebianFeedError.malformedOVAL(file: file, line: parser.lineNumber, column: parser.columnNumber, reason: reason)
        }
        guard handler.rootElement == "oval_definitions" else {
            throw DebianFeedError.malformedOVAL(file: file, line: 1, column: 1,
                                                reason: "root element is \(handler.rootElement.map { "<\($0)>" } ?? "missing"), not <oval_definitions>")
        }
        return build(handler.document, file: file)
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        return "XML error \(nsError.code) (\(nsError.domain))"
    }

    /// Resolves each definition's criteria to packages and versions.
    func build(_ document: DebianOVALDocument, file: String) -> DebianOVALResult {
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
            let dpkgTests = definition.testRefs.compactMap { ref in document.dpkgTests[ref].map { (ref, $0) } }
            guard !dpkgTests.isEmpty else {
                diagnose("\(vulnerabilityID): criteria reference no dpkginfo_test (test_refs: \(definition.testRefs.joined(separator: ", ")))")
                continue
            }
            for (ref, test) in dpkgTests {
                guard let objectRef = test.objectRef, let object = document.dpkgObjects[objectRef] else {
                    diagnose("\(vulnerabilityID): dpkginfo_test \(ref) refers to no dpkginfo_object")
                    continue
                }
                guard let package = object, !package.isEmpty else {
                    diagnose("\(vulnerabilityID): dpkginfo_object \(objectRef) has no package name (empty <name/> or a var_ref)")
                    continue
                }
                guard let stateRef = test.stateRef, let state = document.dpkgStates[stateRef], let rawEVR = state.evr, !rawEVR.isEmpty else {
                    diagnose("\(vulnerabilityID): dpkginfo_test \(ref) for \(package) has no dpkginfo_state evr")
                    continue
                }
                guard state.operation == "less than" else {
                    diagnose("\(vulnerabilityID): \(package) evr operation \"\(state.operation ?? "")\" is not supported (only \"less than\")")
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

    private func record(_ definition: DebianOVALDocument.Definition, id: String, namespace: String,
                        package: String, evr: String) -> VulnerabilityRecord {
        var aliases: [String] = []
        var related: [String] = []
        let isAdvisory = !id.hasPrefix("CVE-")
        for reference in definition.references where reference.id != id {
            // A DSA definition lists the CVEs it fixes: related, not the same vulnerability.
            if isAdvisory && reference.source == "CVE" { related.append(reference.id) } else { aliases.append(reference.id) }
        }
        for advisory in definition.advisories where advisory != id && !id.hasPrefix(advisory + "-") && !aliases.contains(advisory) {
            aliases.append(advisory)
        }
        let summary = definition.description == "security update" && !definition.moreInfo.isEmpty
            ? definition.moreInfo : definition.description
        var urls = definition.references.compactMap(\.url).filter { !$0.isEmpty }
        if urls.isEmpty { urls = ["https://security-tracker.debian.org/tracker/\(id)"] }
        return VulnerabilityRecord(
            id: id, namespace: namespace, packageName: package, versionFormat: VersionFormat.deb.rawValue,
            constraint: "< \(evr)", fixedIn: [evr], fixState: .fixed,
            severity: DebianUrgency.severity(definition.urgency), aliases: aliases, related: related,
            summary: summary.isEmpty ? nil : summary, urls: urls, source: name, published: definition.date)
    }

    /// The vulnerability id: the title's first word when it is an identifier (`CVE-2023-1234 glibc`,
    /// `DSA-5418-1 chromium`), else the first CVE reference.
    static func vulnerabilityID(of definition: DebianOVALDocument.Definition) -> String? {
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
