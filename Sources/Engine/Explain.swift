import Matching
import Model
import LayerFS
import VulnDB

/// What `hawser explain` reports: every record of a vulnerability (by its id or an alias) and,
/// for each package of the given name in the source, whether it matched and why (not).
public struct ExplainReport: Sendable, Codable {
    public var vulnerabilityID: String
    public var aliases: [String]
    public var packageName: String
    public var source: String
    public var records: [VulnerabilityRecord]
    public var packages: [MatchExplainer.PackageExplanation]
}

extension Engine {
    public func explain(_ vulnerabilityID: String, packageName: String, source: String, database: String?,
                        scope: Scope = .squashed) async throws(EngineError) -> ExplainReport {
        let path = VulnDBLocation.defaultPath(override: database)
        let provider = try Self.openDatabase(at: path)
        var aliases: [String] = []
        var records: [VulnerabilityRecord] = []
        do {
            aliases = try provider.aliases(of: vulnerabilityID)
            for id in [vulnerabilityID] + aliases { records += try provider.records(id: id) }
        } catch {
            throw .database(error.description)
        }
        var seen = Set<String>()
        records = records.filter { seen.insert("\($0.id)|\($0.namespace)|\($0.packageName)|\($0.constraint)").inserted }
        let sbom = try await packagesOf(source, scope: scope)
        let packages = MatchExplainer().explain(records: records, packageName: packageName, in: sbom, provider: provider)
        return ExplainReport(vulnerabilityID: vulnerabilityID, aliases: aliases, packageName: packageName, source: source,
                             records: records, packages: packages)
    }
}
