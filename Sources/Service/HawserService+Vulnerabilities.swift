import Foundation
import Matching
import Model
import Store

extension HawserService {
    /// The image's vulnerability matches against the current DB: the stored report when it came
    /// from this DB, else a re-match of the stored SBOM (then stored).
    public func vulnerabilities(account: String, digest: String, refresh: Bool = false) async throws(ServiceError) -> StoredVulnerabilityReport {
        let image = try await image(account: account, digest: digest)
        guard image.analysisStatus == .analyzed else { throw .notAnalyzed(status: image.analysisStatus) }
        let current = try await matchingDatabase.current()
        if !refresh, let data = try await storeCall({ () async throws(StoreError) in
            try await store.document(.vulnerabilities, account: account, digest: digest)
        }), let stored = try? JSONDecoder().decode(StoredVulnerabilityReport.self, from: data), stored.database == current.identity {
            return stored
        }
        // Re-matched from the stored SBOM; a change is notified as the scheduled re-match would.
        try await refreshVulnerabilities(image: image)
        guard let data = try await storeCall({ () async throws(StoreError) in try await store.document(.vulnerabilities, account: account, digest: digest) }),
              let report = try? JSONDecoder().decode(StoredVulnerabilityReport.self, from: data) else {
            throw .unavailable("the vulnerability report of \(digest) was not stored")
        }
        return report
    }

    /// Matches an SBOM against the current DB.
    func match(_ sbom: SBOM) async throws(ServiceError) -> StoredVulnerabilityReport {
        let current = try await matchingDatabase.current()
        let result = VulnerabilityMatcher().match(sbom, provider: current.database)
        return StoredVulnerabilityReport(database: current.identity, generatedAt: clock(), matches: result.matches)
    }

    static func encode<T: Encodable>(_ value: T) throws(ServiceError) -> Data {
        do { return try JSONEncoder().encode(value) } catch { throw .unavailable("cannot encode \(T.self): \(error)") }
    }
}
