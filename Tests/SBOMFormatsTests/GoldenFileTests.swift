import Foundation
import Model
import SBOMFormats
import Testing

/// Each encoder's output for `SampleSBOM`, compared byte for byte with a golden file.
/// `HAWSER_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests` rewrites them (review the diff).
struct GoldenFileTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: [SBOMFormat.hawserJSON, .cyclonedxJSON, .spdxJSON, .syftJSON, .table])
    func encoderOutputMatchesGolden(format: SBOMFormat) throws {
        let bytes = try format.encode(SampleSBOM.sbom, timestamp: "2026-01-01T00:00:00Z", serial: "00000000-0000-4000-8000-000000000000")
        let golden = Self.directory.appendingPathComponent("sample.\(format.rawValue)\(format == .table ? ".txt" : ".json")")
        if ProcessInfo.processInfo.environment["HAWSER_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: golden)
        }
        let expected = try Data(contentsOf: golden)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self), "\(golden.lastPathComponent) differs")
    }

    @Test func nativeJSONRoundTripsLosslessly() throws {
        let sbom = SampleSBOM.sbom
        let decoded = try NativeJSONEncoder.decode(try NativeJSONEncoder.encode(sbom))
        #expect(decoded == sbom)
        #expect(decoded.schemaVersion == SBOM.schemaVersion)
    }

    @Test func cycloneDXCarriesIdentifiersSuppliersAndOwnership() throws {
        let bytes = try SBOMFormat.cyclonedxJSON.encode(SampleSBOM.sbom, timestamp: "2026-01-01T00:00:00Z", serial: "00000000-0000-4000-8000-000000000000")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(document["specVersion"] as? String == "1.6")
        let components = try #require(document["components"] as? [[String: Any]])
        let deb = try #require(components.first { $0["name"] as? String == "libssl3" })
        #expect(deb["purl"] as? String == SampleSBOM.sbom.packages[0].purl)
        #expect((deb["supplier"] as? [String: Any])?["name"] as? String == SampleSBOM.sbom.packages[0].supplier)
        #expect(components.contains { $0["type"] as? String == "operating-system" && $0["version"] as? String == "12" })
        let dependencies = try #require(document["dependencies"] as? [[String: Any]])
        let debDependencies = dependencies.first { $0["ref"] as? String == SampleSBOM.sbom.packages[0].id }?["dependsOn"] as? [String]
        #expect(debDependencies == [SampleSBOM.sbom.packages[1].id])
    }

    @Test func spdxSuppliersComeFromMetadataOrAreNoAssertion() throws {
        let bytes = try SBOMFormat.spdxJSON.encode(SampleSBOM.sbom, timestamp: "2026-01-01T00:00:00Z", serial: "x")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let packages = try #require(document["packages"] as? [[String: Any]])
        #expect(packages.first { $0["name"] as? String == "libssl3" }?["supplier"] as? String
            == "Person: Debian OpenSSL Team (pkg-openssl-devel@alioth-lists.debian.net)")
        #expect(packages.first { $0["name"] as? String == "@scope/widget" }?["supplier"] as? String == "NOASSERTION")
        #expect(packages.first { $0["name"] as? String == "example" }?["licenseDeclared"] as? String == "MIT")
        #expect(packages.allSatisfy { ($0["SPDXID"] as? String)?.range(of: "^SPDXRef-[A-Za-z0-9.-]+$", options: .regularExpression) != nil })
    }

    /// `hawser scan -o cyclonedx-json` and `-o sarif` for `SampleMatches`.
    @Test(arguments: ["cyclonedx-json", "sarif"])
    func scanReportMatchesGolden(format: String) throws {
        let bytes = format == "sarif"
            ? try SARIFEncoder(toolVersion: "0.1.0").encode(SampleMatches.matches, source: SampleSBOM.sbom.source)
            : try CycloneDXEncoder(timestamp: "2026-01-01T00:00:00Z", serial: "00000000-0000-4000-8000-000000000000")
                .encode(SampleSBOM.sbom, vulnerabilities: SampleMatches.matches)
        let golden = Self.directory.appendingPathComponent("sample.scan.\(format).json")
        if ProcessInfo.processInfo.environment["HAWSER_UPDATE_GOLDEN"] == "1" {
            try Data(bytes).write(to: golden)
        }
        let expected = try Data(contentsOf: golden)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self), "\(golden.lastPathComponent) differs")
    }
}
