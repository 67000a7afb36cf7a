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
        }), let stored = try? JSONDecoder().decode(StoredVulnerabilityReport.self, from: data),
           await reportIsCurrent(account: account, digest: digest, database: current.identity, recorded: stored.database) {
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

    /// Matches an SBOM against the current DB, noting what the match read. The images of a re-match
    /// `pass` share its lookups while the DB is the one it was made for.
    func match(_ sbom: SBOM, pass: RematchPass? = nil) async throws(ServiceError) -> (report: StoredVulnerabilityReport, state: MatchState) {
        let current = try await matchingDatabase.current()
        let recorder = LookupRecorder(current.database)
        let result = VulnerabilityMatcher().match(sbom, provider: recorder, memo: pass?.database == current.identity ? pass?.lookups : nil)
        recorder.note(result.reads)
        return (StoredVulnerabilityReport(database: current.identity, generatedAt: clock(), matches: result.matches),
                recorder.state(database: current.identity))
    }

    /// The documents stored with every match: the report, the policy facts, the match
    /// fingerprints and the match state.
    static func reportDocuments(sbom: SBOM, report: StoredVulnerabilityReport, state: MatchState,
                                fingerprints: MatchFingerprints? = nil, records: RecordJSONMemo? = nil) throws(ServiceError) -> [ImageDocumentKind: Data] {
        [.vulnerabilities: report.jsonData(records: records), .policyFacts: try PolicyFacts.document(sbom: sbom, report: report),
         .matchFingerprints: (fingerprints ?? MatchFingerprints(report.matches)).jsonData(), .matchState: state.jsonData()]
    }

    func matchFingerprints(account: String, digest: String) async -> [String]? {
        guard let data = try? await store.document(.matchFingerprints, account: account, digest: digest) else { return nil }
        return (try? JSONDecoder().decode(MatchFingerprints.self, from: data))?.fingerprints
    }

    /// Whether the image's stored report (and policy facts) are current for `database`: its match
    /// state says so — a sync that touched none of its lookups moves it forward — or, for an image
    /// stored before match states were kept, the report's own DB (`recorded`) is that one.
    func reportIsCurrent(account: String, digest: String, database: String, recorded: String?) async -> Bool {
        if recorded == database { return true }
        if let state = await matchState(account: account, digest: digest) { return state.database == database }
        return recorded == database
    }

    func matchState(account: String, digest: String) async -> MatchState? {
        guard let data = try? await store.document(.matchState, account: account, digest: digest) else { return nil }
        return try? JSONDecoder().decode(MatchState.self, from: data)
    }

    static func encode<T: Encodable>(_ value: T) throws(ServiceError) -> Data {
        do { return try JSONEncoder().encode(value) } catch { throw .unavailable("cannot encode \(T.self): \(error)") }
    }
}
