import Feeds
import Foundation
import Testing

@Suite struct EPSSTransformerTests {
    static func load(_ day: String) throws -> EPSSScores {
        let url = OSVFixtures.feed("samples/epss/vuls-data-update/epss/epss_scores-\(day).csv.gz")
        return try EPSSTransformer().transform(data: Data(contentsOf: url), path: url.path)
    }

    @Test func currentLayoutWithModelComment() throws {
        let scores = try Self.load("2023-03-07")
        #expect(scores.modelVersion == "v2023.03.01")
        #expect(scores.scoreDate == "2023-03-07T00:00:00+0000")
        #expect(scores.rows.first == EPSSScore(cveID: "CVE-2020-5902", epss: 0.97567, percentile: 0.99995))
        #expect(scores.rows.count == 2)
        #expect(scores.diagnostics.isEmpty)
    }

    @Test func olderLayouts() throws {
        let april = try Self.load("2021-04-14")
        #expect(april.modelVersion == nil)
        #expect(april.rows.first == EPSSScore(cveID: "CVE-2020-5902", epss: 0.65117, percentile: nil))
        let september = try Self.load("2021-09-01")
        #expect(september.rows.first?.percentile == 0.9981063485700858)
        #expect(try Self.load("2022-02-04").modelVersion == "v2022.01.01")
    }

    @Test func badRowsAndFiles() throws {
        let scores = try EPSSTransformer().transform(csv: "cve,epss,percentile\nCVE-1,0.5,0.9\nCVE-2,x,0.1\n", path: "e.csv")
        #expect(scores.rows.count == 1)
        #expect(scores.diagnostics.map(\.record) == ["CVE-2"])
        #expect(throws: EPSSError.self) { try EPSSTransformer().transform(csv: "a,b\n1,2\n", path: "e.csv") }
        #expect(throws: EPSSError.self) { try EPSSTransformer().transform(data: Data([0x1F, 0x8B, 0, 1, 2]), path: "e.csv.gz") }
    }
}
