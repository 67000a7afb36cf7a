import Feeds
import Foundation
import Model
import Testing
import ZIPFoundation

/// The CVSS calculator against every (vector, baseScore) pair published in ../shared/feeds:
/// the NVD 2.0 / 1.1 samples, Red Hat CSAF samples, and the CVE 5 records of the Vulnrichment
/// subset (CISA-ADP and CNA metrics).
@Suite struct CVSSVectorTests {
    struct Published: CustomStringConvertible {
        var vector: String
        var score: Double
        var origin: String
        var description: String { "\(origin): \(vector) = \(score)" }
    }

    /// Every object holding `vectorString` and `baseScore` (number or string) in a JSON tree.
    static func collect(_ value: Any, origin: String, into result: inout [Published]) {
        if let object = value as? [String: Any] {
            if let vector = object["vectorString"] as? String {
                let score = (object["baseScore"] as? NSNumber)?.doubleValue ?? (object["baseScore"] as? String).flatMap(Double.init)
                if let score { result.append(Published(vector: vector, score: score, origin: origin)) }
            }
            for child in object.values { collect(child, origin: origin, into: &result) }
        } else if let array = value as? [Any] {
            for child in array { collect(child, origin: origin, into: &result) }
        }
    }

    static func samplePairs() throws -> [Published] {
        var result: [Published] = []
        let samples = OSVFixtures.feed("samples")
        let enumerator = FileManager.default.enumerator(at: samples, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "json", let data = try? Data(contentsOf: url),
                  let json = try? JSONSerialization.jsonObject(with: data) else { continue }
            collect(json, origin: url.path.replacingOccurrences(of: samples.path + "/", with: ""), into: &result)
        }
        return result
    }

    /// Pairs from the Vulnrichment CVE 5 records, split into CISA-ADP and CNA metrics.
    static func vulnrichmentPairs() throws -> (adp: [Published], cna: [Published]) {
        let archive = try Archive(url: OSVFixtures.feed("cve5/vulnrichment-subset.zip"), accessMode: .read)
        var adp: [Published] = [], cna: [Published] = []
        for entry in archive where entry.type == .file && entry.path.hasSuffix(".json") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let containers = json["containers"] as? [String: Any] else { continue }
            let id = ((json["cveMetadata"] as? [String: Any])?["cveId"] as? String) ?? entry.path
            for container in containers["adp"] as? [[String: Any]] ?? [] {
                collect(container, origin: "\(id) adp", into: &adp)
            }
            if let container = containers["cna"] { collect(container, origin: id, into: &cna) }
        }
        return (adp, cna)
    }

    private func mismatches(_ pairs: [Published]) -> [String] {
        pairs.compactMap { pair in
            do {
                let vector = try CVSSVector(parsing: pair.vector)
                return abs(vector.baseScore - pair.score) < 0.001 ? nil : "\(pair) (computed \(vector.baseScore))"
            } catch {
                return "\(pair): \(error)"
            }
        }
    }

    @Test func nvdAndOtherSamples() throws {
        let pairs = try Self.samplePairs()
        #expect(pairs.count >= 120)
        for version in ["CVSS:3.1/", "CVSS:3.0/", "CVSS:4.0/"] {
            #expect(pairs.contains { $0.vector.hasPrefix(version) }, "\(version)")
        }
        #expect(pairs.contains { $0.vector.hasPrefix("AV:") })
        let wrong = mismatches(pairs)
        #expect(wrong.isEmpty, "\(wrong)")
    }

    /// NVD publishes exploitability and impact sub-scores beside each `cvssData`; the policy gate's
    /// `cvss_v3_exploitability_score` / `cvss_v3_impact_score` compare against these.
    @Test func nvdSubScores() throws {
        var trios: [(vector: String, exploitability: Double, impact: Double, origin: String)] = []
        func walk(_ value: Any, origin: String) {
            if let object = value as? [String: Any] {
                if let data = object["cvssData"] as? [String: Any], let vector = data["vectorString"] as? String,
                   let exploitability = (object["exploitabilityScore"] as? NSNumber)?.doubleValue,
                   let impact = (object["impactScore"] as? NSNumber)?.doubleValue {
                    trios.append((vector, exploitability, impact, origin))
                }
                for child in object.values { walk(child, origin: origin) }
            } else if let array = value as? [Any] {
                for child in array { walk(child, origin: origin) }
            }
        }
        let samples = OSVFixtures.feed("samples/nvd")
        let enumerator = FileManager.default.enumerator(at: samples, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "json", let data = try? Data(contentsOf: url),
                  let json = try? JSONSerialization.jsonObject(with: data) else { continue }
            walk(json, origin: url.lastPathComponent)
        }
        #expect(trios.count >= 20)
        #expect(trios.contains { $0.vector.hasPrefix("CVSS:3") } && trios.contains { $0.vector.hasPrefix("AV:") })
        let wrong = trios.compactMap { trio -> String? in
            guard let parsed = try? CVSSVector(parsing: trio.vector) else { return "\(trio.origin): \(trio.vector) unparsed" }
            let same = abs((parsed.exploitabilityScore ?? -1) - trio.exploitability) < 0.001 && abs((parsed.impactScore ?? -1) - trio.impact) < 0.001
            return same ? nil : "\(trio.origin): \(trio.vector) published \(trio.exploitability)/\(trio.impact), computed \(parsed.exploitabilityScore ?? -1)/\(parsed.impactScore ?? -1)"
        }
        #expect(wrong.isEmpty, "\(wrong)")
    }

    @Test func cisaADPScores() throws {
        let (adp, _) = try Self.vulnrichmentPairs()
        #expect(adp.count == 221)
        let wrong = mismatches(adp)
        #expect(wrong.isEmpty, "\(wrong)")
    }

    /// CNA scores: all match except ten Fortinet records whose "baseScore" is the temporal score
    /// or otherwise not the vector's (checked with the `cvss` Python library as well).
    @Test func cnaScores() throws {
        let (_, cna) = try Self.vulnrichmentPairs()
        #expect(cna.count >= 320)
        let wrong = Set(mismatches(cna).map { String($0.prefix { $0 != ":" }) })
        #expect(wrong == [
            "CVE-2018-13374", "CVE-2018-13379", "CVE-2018-13382", "CVE-2018-13383", "CVE-2021-44168",
            "CVE-2022-41328", "CVE-2022-42475", "CVE-2023-27997", "CVE-2023-48788", "CVE-2024-21762",
        ])
    }

    @Test(arguments: [
        ("AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, Severity.high),
        ("(AV:N/AC:M/Au:N/C:N/I:P/A:N)", 4.3, .medium),
        ("AV:L/AC:H/Au:N/C:N/I:N/A:N", 0.0, .low),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, .critical),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, .medium),
        ("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1, .high),
        ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N", 0.0, .negligible),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, .critical),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0, .critical),
        ("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.5, .high),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.3, .medium),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 8.1, .high),
    ])
    func knownScores(vector: String, score: Double, severity: Severity) throws {
        let parsed = try CVSSVector(parsing: vector)
        #expect(parsed.baseScore == score)
        #expect(parsed.severity == severity)
    }

    @Test func invalidVectors() {
        #expect(throws: CVSSError.self) { try CVSSVector(parsing: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H") }
        #expect(throws: CVSSError.self) { try CVSSVector(parsing: "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") }
        #expect(throws: CVSSError.self) { try CVSSVector(parsing: "CVSS:5.0/AV:N") }
        #expect(throws: CVSSError.self) { try CVSSVector(parsing: "") }
    }
}
