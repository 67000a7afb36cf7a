import Catalogers
import Foundation
import ImageSource
import Matching
import Model
import VulnDB

/// An analysed image as the service stores it: what the source described (manifest, config,
/// layers) and the SBOM cataloged from it.
public struct ImageAnalysis: Sendable {
    public var description: ImageDescription
    public var sbom: SBOM
}

extension Engine {
    /// Fetch and Analyze (steps 1–2) of one registry image for the service: the SBOM with file
    /// records, secrets and retrieved files, plus the image's description.
    public func analyze(_ reference: ImageReference, options: AnalysisOptions = AnalysisOptions()) async throws(EngineError) -> ImageAnalysis {
        let specifier = SourceSpecifier.registry(reference)
        let opened = try await open(specifier, keepUncompressedLayers: true)
        guard let description = opened.description else { throw .source(.invalidSource(reference.description, reason: "not an image")) }
        let sbom = await SBOMBuilder(catalogers: Catalogers.forImages()).build(opened, options: options)
        return ImageAnalysis(description: description, sbom: sbom)
    }

    /// Matches an SBOM against the vulnerability DB at `database` (the re-match path: no pull).
    public func match(_ sbom: SBOM, database: String) throws(EngineError) -> ScanReport {
        let provider = try Self.openDatabase(at: database)
        let clock = ContinuousClock()
        let started = clock.now
        let result = VulnerabilityMatcher().match(sbom, provider: provider)
        let elapsed = clock.now - started
        return ScanReport(source: sbom.source, distro: sbom.distro, matches: result.matches, diagnostics: result.diagnostics, database: database,
                          timings: ["match": Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18], sbom: sbom)
    }
}
