import Archive
import Foundation
import Model
import Versions

/// Turns NVD CVE API 2.0 pages (nvd.nist.gov/developers/vulnerabilities; the yearly
/// `nvdcve-2.0-YYYY.json.gz` feed files have the same shape) into `VulnerabilityRecord`s in the
/// `nvd:cpe` namespace, for CPE matching of packages no ecosystem feed covers.
///
/// - One record per (CVE, CPE `vendor:product`). The package name is the criteria's vendor and
///   product, lowercased, in the CPE 2.3 formatted binding's escaping (`apache:log4j`,
///   `themeisle:wp_maintenance_mode_\&_coming_soon`); the part (`a`/`o`) is not in the key because
///   catalogers only generate `a` CPEs while NVD files some software under `o`. Vulnerable
///   hardware (`h`) matches are dropped: hardware is never inside an image.
/// - Only `vulnerable: true` matches produce records; every match of one product becomes one
///   `||` alternative of the record's constraint, in the `fuzzy` version scheme
///   (``FuzzyVersion``): `versionStart/EndIncluding/Excluding` give `>=`/`>`/`<=`/`<` bounds;
///   without bounds the criteria's own version is `= version` (with a non-wildcard update field
///   appended as `version-update`: `2.0:beta9` → `= 2.0-beta9`), while `*` (ANY) and `-` (NA,
///   an unversioned product) make every version affected (empty constraint).
/// - Simplification: configurations whose nodes are joined by `AND` ("log4j running on this
///   appliance", "firmware on this device") contribute their vulnerable matches alone; the
///   platform condition (the non-vulnerable matches) is dropped, so such records may match more
///   widely than NVD states. Negated nodes are skipped.
/// - `versionEndExcluding` values that no other alternative lists as affected are the record's
///   fixed versions (fix state `fixed`); without one the fix state is `unknown`, since NVD does
///   not say whether a fix exists.
/// - CVSS: every v2, v3.0, v3.1 and v4.0 metric, Primary and Secondary, with its source; the
///   record's severity is NVD's own rating (`nvd@nist.gov` Primary, newest CVSS version), else a
///   CNA's, so one authority decides rather than the highest score.
/// - `Rejected` CVEs are skipped and counted; so are CVEs with nothing matchable (not analysed
///   yet). A CVE repeated across the pages of one transform is read once, the latest
///   `lastModified` winning. NVD timestamps carry no time zone; they are UTC and stored with `Z`.
/// - A malformed CVE or CPE match is a diagnostic naming the CVE; a file that is not a CVE API 2.0
///   page throws ``NVDError`` naming the file.
public struct NVDTransformer: FeedTransformer {
    public let name = "nvd"
    /// The namespace of every record this transformer writes.
    public static let namespace = "nvd:cpe"

    public init() {}

    /// Reads one page file (JSON, or gzip-compressed JSON such as the yearly feed files).
    public func transform(fileAt url: URL) throws(NVDError) -> NVDTransformResult {
        try transform(pages: [url])
    }

    /// Reads consecutive pages of one sync (or several feed files) as one result.
    public func transform(pages urls: [URL]) throws(NVDError) -> NVDTransformResult {
        var collector = Collector()
        for url in urls {
            if Task.isCancelled { throw .unreadableFile(path: url.path, reason: "cancelled") }
            let data: Data
            do {
                data = try Data(contentsOf: url, options: .mappedIfSafe)
            } catch {
                throw .unreadableFile(path: url.path, reason: error.localizedDescription)
            }
            try collector.add(page(from: data, path: url.path), path: url.path)
        }
        return finish(collector)
    }

    /// Reads one page held in memory (an API response body); `path` names it in errors and diagnostics.
    public func transform(data: Data, path: String) throws(NVDError) -> NVDTransformResult {
        var collector = Collector()
        try collector.add(page(from: data, path: path), path: path)
        return finish(collector)
    }

    // MARK: - Pages

    private func page(from data: Data, path: String) throws(NVDError) -> NVDPage {
        var bytes = data
        if data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B {
            do {
                let source = try GzipSource(MemorySource([UInt8](data)), what: path)
                bytes = Data(try readAll(source, limit: 4 << 30))
            } catch {
                throw .unreadableFile(path: path, reason: "gzip: \(error)")
            }
        }
        struct Header: Decodable { var format: String? }
        if let format = (try? JSONDecoder().decode(Header.self, from: bytes))?.format, format != "NVD_CVE" {
            throw .unexpectedFormat(path: path, format: format)
        }
        do {
            return try JSONDecoder().decode(NVDPage.self, from: bytes)
        } catch {
            throw .malformedPage(path: path, reason: DecodingErrorText.describe(error))
        }
    }

    /// The CVEs of every page read, de-duplicated by id.
    private struct Collector {
        var cves: [NVDCVE] = []
        var indexByID: [String: Int] = [:]
        var result = NVDTransformResult()

        mutating func add(_ page: NVDPage, path: String) {
            result.pages.append(NVDPageInfo(
                path: path, startIndex: page.startIndex, resultsPerPage: page.resultsPerPage, totalResults: page.totalResults,
                entries: page.vulnerabilities.count, timestamp: page.timestamp.map(NVDTransformer.utc)))
            for (index, entry) in page.vulnerabilities.enumerated() {
                result.statistics.cves += 1
                switch entry {
                case .malformed(let id, let reason):
                    result.statistics.malformed += 1
                    result.diagnostics.append(FeedDiagnostic(
                        feed: "nvd:\(path)", record: id ?? "vulnerabilities[\(index)]", message: "malformed CVE: \(reason); skipped"))
                case .cve(let cve):
                    if let existing = indexByID[cve.id] {
                        result.statistics.duplicates += 1
                        if (cve.lastModified ?? "") > (cves[existing].lastModified ?? "") { cves[existing] = cve }
                    } else {
                        indexByID[cve.id] = cves.count
                        cves.append(cve)
                    }
                }
            }
        }
    }

    private func finish(_ collector: Collector) -> NVDTransformResult {
        var result = collector.result
        for cve in collector.cves {
            if cve.vulnStatus == "Rejected" {
                result.statistics.rejected += 1
                continue
            }
            let cwes = Self.weaknesses(of: cve)
            if !cwes.isEmpty { result.weaknesses[cve.id] = cwes }
            let records = records(for: cve, result: &result)
            if !records.isEmpty {
                result.statistics.transformed += 1
                result.records.append(contentsOf: records)
            }
        }
        return result
    }

    // MARK: - CVE → records

    /// One product's alternatives while reading a CVE's matches.
    private struct ProductAccumulator {
        var key: String
        var ranges: [VersionRange] = []
        var seen: Set<String> = []
        var everyVersion = false
        var fixedIn: [String] = []
    }

    /// Why a CPE match could not be turned into a range.
    private struct MatchProblem: Error {
        var message: String
    }

    private func records(for cve: NVDCVE, result: inout NVDTransformResult) -> [VulnerabilityRecord] {
        var products: [ProductAccumulator] = []
        var productIndex: [String: Int] = [:]
        var vulnerableMatches = 0
        var failedMatches = 0
        for (configurationIndex, configuration) in (cve.configurations ?? []).enumerated() where configuration.negate != true {
            for (nodeIndex, node) in configuration.nodes.enumerated() where node.negate != true {
                for (matchIndex, match) in (node.cpeMatch ?? []).enumerated() where match.vulnerable {
                    let label = "configurations[\(configurationIndex)].nodes[\(nodeIndex)].cpeMatch[\(matchIndex)]"
                    guard let attributes = CPE.Attributes(parsing: match.criteria) else {
                        failedMatches += 1
                        result.diagnostics.append(FeedDiagnostic(
                            feed: name, record: cve.id, message: "\(label): \"\(match.criteria)\" is not a CPE 2.3 name; match skipped"))
                        continue
                    }
                    if attributes.part == "h" {
                        result.statistics.hardwareMatches += 1
                        continue
                    }
                    vulnerableMatches += 1
                    let range: VersionRange
                    do {
                        range = try Self.range(for: match, attributes: attributes)
                    } catch {
                        failedMatches += 1
                        result.diagnostics.append(FeedDiagnostic(
                            feed: name, record: cve.id, message: "\(label) (\(match.criteria)): \(error.message); match skipped"))
                        continue
                    }
                    let key = attributes.vendorProduct
                    let index: Int
                    if let existing = productIndex[key] {
                        index = existing
                    } else {
                        index = products.count
                        productIndex[key] = index
                        products.append(ProductAccumulator(key: key))
                    }
                    if range.comparisons.isEmpty {
                        products[index].everyVersion = true
                    } else if products[index].seen.insert(range.description).inserted {
                        products[index].ranges.append(range)
                    }
                    if let fixed = Self.bound(match.versionEndExcluding), !products[index].fixedIn.contains(fixed) {
                        products[index].fixedIn.append(fixed)
                    }
                }
            }
        }
        if products.isEmpty {
            if vulnerableMatches == 0 || failedMatches == 0 {
                result.statistics.withoutVulnerableCPE += 1
            } else {
                result.statistics.malformed += 1
            }
            return []
        }

        let cvss = scores(of: cve, diagnostics: &result.diagnostics)
        let severity = Self.severity(of: cve)
        let summary = (cve.descriptions?.first { $0.lang == "en" } ?? cve.descriptions?.first)?.value
        var urls: [String] = []
        for reference in cve.references ?? [] where !urls.contains(reference.url) { urls.append(reference.url) }
        return products.map { product in
            let constraint = VersionConstraint(ranges: product.ranges, format: .fuzzy)
            // An upper bound is a fix only if no other alternative lists it as affected: NVD
            // writes `< 9.8` beside `= 9.8:-` when only 9.8's patch releases fix it.
            let fixedIn = product.everyVersion ? [] : product.fixedIn.filter { text in
                guard let version = try? FuzzyVersion(parsing: text).erased else { return false }
                return (try? constraint.satisfied(by: version)) == false
            }
            return VulnerabilityRecord(
                id: cve.id,
                namespace: Self.namespace,
                packageName: product.key,
                versionFormat: VersionFormat.fuzzy.rawValue,
                constraint: product.everyVersion ? "" : constraint.description,
                fixedIn: fixedIn,
                fixState: fixedIn.isEmpty ? .unknown : .fixed,
                severity: severity,
                cvss: cvss,
                summary: summary,
                urls: urls,
                source: name,
                published: cve.published.map(Self.utc),
                modified: cve.lastModified.map(Self.utc))
        }
    }

    /// The versions one CPE match covers: its bounds, else the criteria's version; an empty range
    /// is every version.
    private static func range(for match: NVDCVE.CPEMatch, attributes: CPE.Attributes) throws(MatchProblem) -> VersionRange {
        func parse(_ text: String, role: String) throws(MatchProblem) -> Version {
            do {
                return try FuzzyVersion(parsing: text).erased
            } catch {
                throw MatchProblem(message: "\(role) \"\(text)\": \(error)")
            }
        }
        let bounds: [(String?, VersionComparison.Operator, String)] = [
            (bound(match.versionStartIncluding), .greaterOrEqual, "versionStartIncluding"),
            (bound(match.versionStartExcluding), .greater, "versionStartExcluding"),
            (bound(match.versionEndIncluding), .lessOrEqual, "versionEndIncluding"),
            (bound(match.versionEndExcluding), .less, "versionEndExcluding"),
        ]
        var comparisons: [VersionComparison] = []
        for case let (text?, op, role) in bounds {
            comparisons.append(VersionComparison(op, try parse(text, role: role)))
        }
        if !comparisons.isEmpty { return VersionRange(comparisons) }
        // No bounds: the criteria names one version, or ANY/NA (every version).
        guard let version = attributes.version.text else { return VersionRange([]) }
        let text = attributes.update.text.map { "\(version)-\($0)" } ?? version
        return VersionRange([VersionComparison(.equal, try parse(text, role: "criteria version"))])
    }

    /// A bound as NVD writes it, unescaped (`12.6\(1\)` → `12.6(1)`); nil when absent or empty.
    private static func bound(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard text.contains("\\") else { return text }
        var out = ""
        var escaped = false
        for character in text {
            if !escaped, character == "\\" {
                escaped = true
                continue
            }
            escaped = false
            out.append(character)
        }
        return out
    }

    // MARK: - Scores, severity, weaknesses

    /// Every metric, newest CVSS version first, as NVD published it; the vector is checked with
    /// `CVSSVector` and scored there only when NVD gives no base score.
    private func scores(of cve: NVDCVE, diagnostics: inout [FeedDiagnostic]) -> [CVSSScore] {
        var scores: [CVSSScore] = []
        for metric in Self.metricsNewestFirst(cve) {
            let data = metric.cvssData
            var baseScore = data.baseScore
            do {
                let vector = try CVSSVector(parsing: data.vectorString)
                if baseScore == nil { baseScore = vector.baseScore }
            } catch {
                diagnostics.append(FeedDiagnostic(feed: name, record: cve.id, message: "CVSS \(data.version) from \(metric.source ?? "?"): \(error)"))
                if baseScore == nil { continue }
            }
            let score = CVSSScore(version: data.version, vector: data.vectorString, baseScore: baseScore, source: metric.source)
            if !scores.contains(score) { scores.append(score) }
        }
        return scores
    }

    private static func metricsNewestFirst(_ cve: NVDCVE) -> [NVDCVE.Metric] {
        guard let metrics = cve.metrics else { return [] }
        return (metrics.cvssMetricV40 ?? []) + (metrics.cvssMetricV31 ?? []) + (metrics.cvssMetricV30 ?? []) + (metrics.cvssMetricV2 ?? [])
    }

    /// NVD's own rating when it scored the CVE, else the first Primary one, else any.
    private static func severity(of cve: NVDCVE) -> Severity? {
        let metrics = metricsNewestFirst(cve)
        let preferred = metrics.first { $0.source == "nvd@nist.gov" && $0.type == "Primary" }
            ?? metrics.first { $0.type == "Primary" }
            ?? metrics.first
        guard let metric = preferred else { return nil }
        switch (metric.cvssData.baseSeverity ?? metric.baseSeverity)?.uppercased() {
        case "CRITICAL": return .critical
        case "HIGH": return .high
        case "MEDIUM": return .medium
        case "LOW": return .low
        case "NONE": return .negligible
        default: return (try? CVSSVector(parsing: metric.cvssData.vectorString))?.severity
        }
    }

    /// `CWE-…` identifiers of every source, in order, once each (NVD's `NVD-CWE-Other` and
    /// `NVD-CWE-noinfo` placeholders are left out).
    private static func weaknesses(of cve: NVDCVE) -> [String] {
        var cwes: [String] = []
        for weakness in cve.weaknesses ?? [] {
            for description in weakness.description where description.value.hasPrefix("CWE-") && !cwes.contains(description.value) {
                cwes.append(description.value)
            }
        }
        return cwes
    }

    /// An NVD timestamp (`2023-10-18T18:04:18.493`, UTC without a zone) as RFC 3339 with `Z`;
    /// one that already has a zone is kept.
    static func utc(_ timestamp: String) -> String {
        guard let t = timestamp.firstIndex(of: "T") else { return timestamp }
        let time = timestamp[t...]
        if time.hasSuffix("Z") || time.contains("+") || time.contains("-") { return timestamp }
        return timestamp + "Z"
    }
}
