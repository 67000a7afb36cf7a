import Feeds
import Foundation
import Model
import Testing
import Versions

/// NVD CVE API 2.0 pages (and the 2.0 feed files of the same shape) → `nvd:cpe` records, on the
/// real samples in ../shared/feeds/samples/nvd. Expected values were read off the JSON by hand.
@Suite struct NVDTransformerTests {
    static func sample(_ relative: String) -> URL { OSVFixtures.feed("samples/nvd/" + relative) }

    @Test func fullPage() throws {
        let result = try NVDTransformer().transform(fileAt: Self.sample("vunnel/full-page.json"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(3))")
        #expect(result.statistics.cves == 38)
        // 25 analysed CVEs with one product each; 13 still awaiting analysis have no configurations.
        #expect(result.statistics.transformed == 25)
        #expect(result.statistics.withoutVulnerableCPE == 13)
        #expect(result.records.count == 25)
        #expect(Set(result.records.map(\.namespace)) == ["nvd:cpe"])
        #expect(Set(result.records.map(\.versionFormat)) == ["fuzzy"])
        #expect(Set(result.records.map(\.source)) == ["nvd"])
        #expect(result.startIndex == 0)
        #expect(result.resultsPerPage == 38)
        #expect(result.totalResults == 38)
        #expect(result.nextStartIndex == nil)
        #expect(result.pages.first?.timestamp == "2023-10-18T18:04:18.493Z")
        // Every constraint parses back in the fuzzy scheme.
        for record in result.records where !record.constraint.isEmpty {
            #expect(throws: Never.self) { try VersionConstraint(parsing: record.constraint, scheme: .fuzzy) }
        }
    }

    /// CVE-2023-27314 (NetApp ONTAP): one range, then single releases with and without patch level.
    @Test func ontapRangesByHand() throws {
        let result = try NVDTransformer().transform(fileAt: Self.sample("vunnel/full-page.json"))
        let record = try #require(result.records.first { $0.id == "CVE-2023-27314" })
        #expect(record.packageName == "netapp:clustered_data_ontap")
        #expect(record.constraint == ">= 9.0, < 9.8 || = 9.8 || = 9.8-p7 || = 9.9.1 || = 9.9.1-p3 || = 9.10.0 || = 9.10.1 || = 9.12.0 || = 9.13.0")
        // `< 9.8` is no fix: 9.8 itself is listed as affected.
        #expect(record.fixedIn.isEmpty)
        #expect(record.fixState == .unknown)
        let primary = try #require(record.cvss.first { $0.source == "nvd@nist.gov" })
        #expect(primary.version == "3.1")
        #expect(primary.vector == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")
        #expect(primary.baseScore == 7.5)
        #expect(record.cvss.contains { $0.source == "security-alert@netapp.com" })
        #expect(record.severity == .high)
        #expect(record.published == "2023-10-12T19:15:11.747Z")
        #expect(record.modified == "2023-10-18T18:00:24.900Z")
        #expect(result.weaknesses["CVE-2023-27314"] == ["CWE-400"])
        let constraint = try VersionConstraint(parsing: record.constraint, scheme: .fuzzy)
        for affected in ["9.7", "9.0", "9.8", "9.8P7", "9.13.0"] {
            #expect(try constraint.satisfied(by: affected), "\(affected)")
        }
        for unaffected in ["9.8P19", "9.9.1P16", "9.11.1", "9.13.1", "8.3"] {
            #expect(try !constraint.satisfied(by: unaffected), "\(unaffected)")
        }
    }

    /// CVE-2022-22377: `AND` of the vulnerable IBM product and the OS it runs on; only the product
    /// becomes a record (the documented simplification).
    @Test func andConfigurationKeepsOnlyTheVulnerableNode() throws {
        let result = try NVDTransformer().transform(fileAt: Self.sample("vunnel/full-page.json"))
        let records = result.records.filter { $0.id == "CVE-2022-22377" }
        #expect(records.map(\.packageName) == ["ibm:security_verify_privilege_on-premises"])
        #expect(records.first?.constraint == "< 11.5")
        #expect(records.first?.fixedIn == ["11.5"])
        #expect(records.first?.fixState == .fixed)
        #expect(!result.records.contains { $0.packageName == "microsoft:windows" || $0.packageName == "apple:macos" })
    }

    /// CVE-2023-22068 (MySQL): Oracle is the only scorer, its Primary metric gives the severity.
    @Test func cnaPrimaryScoreWhenNVDHasNone() throws {
        let result = try NVDTransformer().transform(fileAt: Self.sample("vunnel/full-page.json"))
        let record = try #require(result.records.first { $0.id == "CVE-2023-22068" })
        #expect(record.packageName == "oracle:mysql")
        #expect(record.constraint == ">= 8.0, <= 8.0.34 || = 8.1.0")
        #expect(record.cvss == [CVSSScore(version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:N/I:N/A:H", baseScore: 4.9, source: "secalert_us@oracle.com")])
        #expect(record.severity == .medium)
    }

    /// CVE-2021-44228 (Log4Shell) with 20 configurations: ranges, pre-release criteria versions,
    /// firmware-on-hardware `AND`s, and a v3.1 score from NVD and CISA.
    @Test func log4ShellByHand() throws {
        let result = try NVDTransformer().transform(fileAt: Self.sample("vuls-data-update/nvd/api/cve/ssvc_affected/0-1.json"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(3))")
        #expect(result.records.count == 143)
        let log4j = try #require(result.records.first { $0.packageName == "apache:log4j" })
        #expect(log4j.id == "CVE-2021-44228")
        #expect(log4j.constraint
            == ">= 2.0.1, < 2.3.1 || >= 2.4.0, < 2.12.2 || >= 2.13.0, < 2.15.0 || = 2.0 || = 2.0-beta9 || = 2.0-rc1 || = 2.0-rc2")
        #expect(log4j.fixedIn == ["2.3.1", "2.12.2", "2.15.0"])
        #expect(log4j.fixState == .fixed)
        let v31 = try #require(log4j.cvss.first { $0.source == "nvd@nist.gov" && $0.version == "3.1" })
        #expect(v31.vector == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")
        #expect(v31.baseScore == 10.0)
        #expect(log4j.cvss.contains { $0.version == "2.0" && $0.vector == "AV:N/AC:M/Au:N/C:C/I:C/A:C" && $0.baseScore == 9.3 })
        #expect(log4j.severity == .critical)
        #expect(log4j.summary?.hasPrefix("Apache Log4j2 2.0-beta9 through 2.15.0") == true)
        let constraint = try VersionConstraint(parsing: log4j.constraint, scheme: .fuzzy)
        #expect(try constraint.satisfied(by: "2.14.1"))
        #expect(try constraint.satisfied(by: "2.0-beta9"))
        #expect(try !constraint.satisfied(by: "2.15.0"))
        #expect(try !constraint.satisfied(by: "2.17.1"))
        #expect(try !constraint.satisfied(by: "1.2.17"))
        // The firmware of an AND configuration is kept, the hardware it runs on is not vulnerable.
        #expect(result.records.contains { $0.packageName == "siemens:6bk1602-0aa12-0tp0_firmware" && $0.constraint == "< 2.7.0" })
        #expect(!result.records.contains { $0.packageName == "siemens:6bk1602-0aa12-0tp0" })
        // Escaped characters stay escaped in the key; Cisco's parenthesised versions are unescaped.
        #expect(result.records.contains { $0.packageName == "cisco:dna_spaces\\:_connector" && $0.constraint == "< 2.5" })
        let finesse = try #require(result.records.first { $0.packageName == "cisco:finesse" })
        #expect(finesse.constraint.hasPrefix("< 12.6(1) || = 12.6(1)"))
        // Unversioned products (`-`) are affected at every version.
        #expect(result.records.first { $0.packageName == "cisco:fog_director" }?.constraint == "")
    }

    @Test func singleEntryWithEscapedProductAndV2() throws {
        let result = try NVDTransformer().transform(fileAt: Self.sample("vunnel/single-entry.json"))
        let record = try #require(result.records.first)
        #expect(result.records.count == 1)
        #expect(record.id == "CVE-2022-1576")
        #expect(record.packageName == "themeisle:wp_maintenance_mode_\\&_coming_soon")
        #expect(record.constraint == "< 2.4.5")
        #expect(record.cvss.map(\.version) == ["3.1", "2.0"])
        #expect(record.cvss.first?.baseScore == 6.5)
        #expect(record.severity == .medium)
        #expect(record.urls == ["https://wpscan.com/vulnerability/68deab46-1c16-46ae-a912-a104958ca4cf"])
        #expect(result.weaknesses["CVE-2022-1576"] == ["CWE-352"])
    }

    @Test func pagingThroughAnAPISync() throws {
        let first = try NVDTransformer().transform(fileAt: Self.sample("vuls-data-update/nvd/api/cve/3_pages/0-3.json"))
        #expect(first.totalResults == 8)
        #expect(first.nextStartIndex == 3)
        let pages = ["0-3", "3-3", "6-3"].map { Self.sample("vuls-data-update/nvd/api/cve/3_pages/\($0).json") }
        let all = try NVDTransformer().transform(pages: pages)
        #expect(all.pages.map(\.startIndex) == [0, 3, 6])
        #expect(all.statistics.cves == 8)
        #expect(all.nextStartIndex == nil)
        // Received, not analysed: nothing to match yet.
        #expect(all.records.isEmpty)
        #expect(all.statistics.withoutVulnerableCPE == 8)
        let empty = try NVDTransformer().transform(fileAt: Self.sample("vuln-list-update/nvd/fixtures/emptyResp.json"))
        #expect(empty.records.isEmpty && empty.totalResults == 0 && empty.nextStartIndex == nil)
    }

    @Test func repeatedCVEsAcrossPagesAreReadOnce() throws {
        let pages = ["0-1", "0-3"].map { Self.sample("vuls-data-update/nvd/api/cve/moddate/\($0).json") }
        let result = try NVDTransformer().transform(pages: pages)
        #expect(result.statistics.cves == 16)
        #expect(result.statistics.duplicates == 8)
    }

    @Test func gzippedFeedFile() throws {
        let result = try NVDTransformer().transform(fileAt: Self.sample("vuls-data-update/nvd/feed/cve/v2/nvdcve-2.0-2021.json.gz"))
        #expect(result.statistics.cves == 3)
        #expect(result.records.count == 145)
        #expect(result.records.contains { $0.id == "CVE-2021-44228" && $0.packageName == "apache:log4j" })
    }

    @Test func badEntriesAreDiagnosticsNamingTheCVE() throws {
        let page = """
        {"resultsPerPage": 5, "startIndex": 0, "totalResults": 5, "format": "NVD_CVE", "version": "2.0",
         "timestamp": "2024-01-01T00:00:00.000",
         "vulnerabilities": [
          {"cve": {"id": "CVE-2024-0001", "vulnStatus": "Analyzed", "configurations": [{"nodes": [{"operator": "OR",
            "cpeMatch": [{"vulnerable": "yes", "criteria": "cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*"}]}]}]}},
          {"cve": {"id": "CVE-2024-0002", "vulnStatus": "Analyzed", "configurations": [{"nodes": [{"operator": "OR", "cpeMatch": [
            {"vulnerable": true, "criteria": "cpe:2.3:a:acme:gadget:*:*:*:*:*:*:*:*", "versionEndExcluding": "1.0 beta"},
            {"vulnerable": true, "criteria": "not a cpe"},
            {"vulnerable": true, "criteria": "cpe:2.3:a:acme:gadget:*:*:*:*:*:*:*:*", "versionStartIncluding": "2.0", "versionEndExcluding": "2.4"},
            {"vulnerable": true, "criteria": "cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*"}]}]}]}},
          {"cve": {"id": "CVE-2024-0003", "vulnStatus": "Rejected"}},
          {"cve": {"id": "CVE-2024-0004", "vulnStatus": "Analyzed", "configurations": [{"nodes": [{"operator": "OR", "cpeMatch": [
            {"vulnerable": true, "criteria": "cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*", "versionEndIncluding": ">1"}]}]}]}},
          {"cve": {"vulnStatus": "Analyzed"}}
         ]}
        """
        let result = try NVDTransformer().transform(data: Data(page.utf8), path: "page.json")
        #expect(result.records.map(\.id) == ["CVE-2024-0002"])
        #expect(result.records.first?.constraint == ">= 2.0, < 2.4")
        #expect(result.statistics.rejected == 1)
        #expect(result.statistics.malformed == 3)
        #expect(result.statistics.hardwareMatches == 1)
        #expect(result.diagnostics.map(\.record) == ["CVE-2024-0001", "vulnerabilities[4]", "CVE-2024-0002", "CVE-2024-0002", "CVE-2024-0004"])
        #expect(result.diagnostics[0].message.contains("vulnerable"))
        #expect(result.diagnostics[2].message.contains("1.0 beta"))
        #expect(result.diagnostics[3].message.contains("not a cpe"))
    }

    @Test func malformedPagesThrowNamingTheFile() throws {
        #expect(throws: NVDError.malformedPage(path: "p.json", reason: "missing .totalResults")) {
            try NVDTransformer().transform(data: Data(#"{"resultsPerPage": 1, "startIndex": 0}"#.utf8), path: "p.json")
        }
        #expect(throws: NVDError.self) { try NVDTransformer().transform(data: Data("not json".utf8), path: "p.json") }
        let cpePage = Self.sample("vuls-data-update/nvd/api/cpe/1_item/0-1.json")
        #expect(throws: NVDError.unexpectedFormat(path: cpePage.path, format: "NVD_CPE")) { try NVDTransformer().transform(fileAt: cpePage) }
        #expect(throws: NVDError.self) { try NVDTransformer().transform(fileAt: Self.sample("does-not-exist.json")) }
    }
}
