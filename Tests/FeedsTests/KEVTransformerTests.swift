import Feeds
import Foundation
import Testing

@Suite struct KEVTransformerTests {
    @Test func jsonCatalog() throws {
        let url = OSVFixtures.feed("kev/known_exploited_vulnerabilities.json")
        let catalog = try KEVTransformer().transform(json: Data(contentsOf: url), path: url.path)
        #expect(catalog.entries.count == 1_404)
        #expect(catalog.entries.filter(\.knownRansomwareCampaignUse).count == 293)
        #expect(catalog.catalogVersion == "2025.08.25")
        #expect(catalog.diagnostics.isEmpty)
        let log4shell = try #require(catalog.entries.first { $0.cveID == "CVE-2021-44228" })
        #expect(log4shell.dateAdded == "2021-12-10")
        #expect(log4shell.knownRansomwareCampaignUse)
    }

    @Test func csvCatalogAgreesWithJSON() throws {
        let jsonURL = OSVFixtures.feed("kev/known_exploited_vulnerabilities.json")
        let csvURL = OSVFixtures.feed("kev/known_exploited_vulnerabilities.csv")
        let json = try KEVTransformer().transform(json: Data(contentsOf: jsonURL), path: jsonURL.path)
        let csv = try KEVTransformer().transform(csv: String(contentsOf: csvURL, encoding: .utf8), path: csvURL.path)
        #expect(csv.diagnostics.isEmpty, "\(csv.diagnostics.prefix(3))")
        #expect(csv.entries.count == 1_404)
        #expect(csv.entries.filter(\.knownRansomwareCampaignUse).count == 293)
        #expect(Dictionary(uniqueKeysWithValues: csv.entries.map { ($0.cveID, $0) }) == Dictionary(uniqueKeysWithValues: json.entries.map { ($0.cveID, $0) }))
    }

    @Test func badEntriesAreDiagnostics() throws {
        let text = """
        cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes
        CVE-2024-0001,Acme,"Widget, Pro","Acme ""Widget"" RCE",2024-01-02,"multi
        line",Apply,2024-01-23,Known,,"CWE-78, CWE-20"
        NOT-A-CVE,Acme,W,x,2024-01-02,d,a,2024-01-23,Unknown,,
        CVE-2024-0002,Acme,W,x,yesterday,d,a,2024-01-23,Unknown,,
        """
        let catalog = try KEVTransformer().transform(csv: text, path: "kev.csv")
        #expect(catalog.entries.map(\.cveID) == ["CVE-2024-0001"])
        #expect(catalog.entries.first?.product == "Widget, Pro")
        #expect(catalog.entries.first?.vulnerabilityName == "Acme \"Widget\" RCE")
        #expect(catalog.diagnostics.map(\.record) == ["NOT-A-CVE", "CVE-2024-0002"])
        #expect(throws: KEVError.self) { try KEVTransformer().transform(json: Data("{}".utf8), path: "x.json") }
    }
}
