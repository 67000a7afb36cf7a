import Foundation
import LayerFS
import Matching
import Model
import SBOMFormats
import VulnDB

/// What `hawser scan` reports: the image and its matches (the document notifications will diff).
public struct ScanReport: Sendable, Codable {
    public var source: SBOMSource
    public var distro: Distro?
    public var matches: [Match]
    public var diagnostics: [String]
    public var database: String
    /// Seconds each phase took (`sbom`, `match`), for benchmarks.
    public var timings: [String: Double]
    /// The SBOM the matches were found in (for CycloneDX output); not part of the JSON report.
    public var sbom: SBOM?

    enum CodingKeys: String, CodingKey {
        case source, distro, matches, diagnostics, database, timings
    }
}

extension Engine {
    /// Step 4's vulnerability part: catalog (or read an SBOM given as `sbom:FILE`) and match every
    /// package against the vulnerability DB at `database` (default: the user's data directory).
    /// The DB for a command that reads it, with how to get one when it is missing.
    static func openDatabase(at path: String) throws(EngineError) -> VulnerabilityDatabase {
        do { return try VulnerabilityDatabase(path: path) } catch {
            throw .database("\(error.description) (get one with `hawser db sync`, `hawser db build --from DIR` or `hawser db import`)")
        }
    }

    /// The SBOM of `source`: read from `sbom:FILE`, else cataloged (packages only, no file records).
    func packagesOf(_ source: String, scope: Scope) async throws(EngineError) -> SBOM {
        if source.hasPrefix("sbom:") {
            let file = String(source.dropFirst("sbom:".count))
            guard let data = FileManager.default.contents(atPath: file) else { throw .sbom(file: file, reason: "no such file") }
            do { return try SBOMDecoder.decode(Array(data)) } catch { throw .sbom(file: file, reason: error.description) }
        }
        var options = AnalysisOptions(scope: scope, fileRecords: false)
        // A scan matches vulnerabilities only: no policy reads the verification.
        options.verifyPackageFiles = false
        return try await self.sbom(source, options: options)
    }

    public func scan(_ source: String, database: String?, scope: Scope = .squashed) async throws(EngineError) -> ScanReport {
        let path = VulnDBLocation.defaultPath(override: database)
        let provider = try Self.openDatabase(at: path)
        let clock = ContinuousClock()
        let started = clock.now
        let sbom = try await packagesOf(source, scope: scope)
        progress?.stage("matching \(sbom.packages.count) packages")
        let matchStarted = clock.now
        let result = VulnerabilityMatcher().match(sbom, provider: provider)
        let finished = clock.now
        progress?.finished()
        func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
        return ScanReport(source: sbom.source, distro: sbom.distro, matches: result.matches, diagnostics: result.diagnostics, database: path,
                          timings: ["sbom": seconds(matchStarted - started), "match": seconds(finished - matchStarted)], sbom: sbom)
    }
}
