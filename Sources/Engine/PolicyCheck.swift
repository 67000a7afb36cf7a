import Foundation
import LayerFS
import Matching
import Model
import Policy
import VulnDB

/// What `hawser policy eval` reports: the evaluation and the matches it read.
public struct PolicyCheck: Sendable {
    public var evaluation: PolicyEvaluation
    public var matches: [Match]
    /// How long the evaluation itself took (the bundle against the SBOM and matches), for benchmarks.
    public var evaluationSeconds: Double
}

extension Engine {
    /// Step 4 standalone: analyze `source` (or read `sbom:FILE`), match it against the DB at
    /// `database`, and evaluate `bundle` against the result, as the service does for a stored image.
    public func evaluatePolicy(_ bundle: PolicyBundle, source: String, database: String?, scope: Scope = .squashed,
                               now: Date = Date()) async throws(EngineError) -> PolicyCheck {
        let path = VulnDBLocation.defaultPath(override: database)
        let provider = try Self.openDatabase(at: path)
        let sbom: SBOM
        if source.hasPrefix("sbom:") {
            sbom = try await packagesOf(source, scope: scope)
        } else {
            sbom = try await self.sbom(source, options: AnalysisOptions(scope: scope))
        }
        let matches = VulnerabilityMatcher().match(sbom, provider: provider).matches
        let status = try? provider.status()
        let synced = status.flatMap { status in status.groups.compactMap(\.lastSync).max() ?? status.builtAt }
        let input = PolicyInput(image: Self.identity(of: sbom), sbom: sbom, matches: matches, vulnerabilityDataSyncedAt: synced, now: now)
        let clock = ContinuousClock()
        let started = clock.now
        let evaluation = PolicyEvaluator().evaluate(bundle, input: input)
        let elapsed = clock.now - started
        return PolicyCheck(evaluation: evaluation, matches: matches,
                           evaluationSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// The image an SBOM describes, as mappings see it (a directory maps as `local/<path>`).
    static func identity(of sbom: SBOM) -> ImageIdentity {
        let digest = sbom.source.manifestDigest?.description ?? "sha256:" + String(repeating: "0", count: 64)
        if sbom.source.kind == "image", let reference = try? ImageReference(parsing: sbom.source.name) {
            return ImageIdentity(registry: reference.registry, repository: reference.repository, tag: reference.tag, digest: digest,
                                 imageID: sbom.source.configDigest?.encoded)
        }
        return ImageIdentity(registry: "local", repository: sbom.source.name, tag: "latest", digest: digest, imageID: sbom.source.configDigest?.encoded)
    }
}
