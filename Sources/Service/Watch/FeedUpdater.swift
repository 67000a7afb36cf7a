import Engine
import Foundation
import Matching
import Store
import VulnDB

/// Steps 5 and 6 on a schedule: every `feeds.syncInterval` the feeds are synced into the VulnDB
/// (one instance at a time, under the store lease `feeds.sync`), then every stored image whose
/// report came from an older DB is re-matched from its stored SBOM — no pull, no analysis — and
/// its changes are notified (`vuln_update`, `policy_eval`).
public struct FeedUpdater: Sendable {
    let service: HawserService
    let holder: String

    public init(service: HawserService, holder: String) {
        self.service = service
        self.holder = holder
    }

    public func run() async {
        let settings = service.configuration.feeds
        guard settings.syncInterval > .zero else { return }
        // A service started without a DB syncs at once; otherwise the first sync is one interval away.
        if !FileManager.default.fileExists(atPath: service.configuration.vulnerabilityDatabase) {
            _ = try? await service.syncFeeds(holder: holder)
        }
        while !Task.isCancelled {
            try? await Task.sleep(for: settings.syncInterval)
            if Task.isCancelled { break }
            _ = try? await service.syncFeeds(holder: holder)
        }
    }
}

/// What one sync did: the feed report, and the re-matching that followed.
public struct FeedUpdate: Sendable {
    public var updatedGroups: [String: Int]
    public var unchangedGroups: [String]
    public var failures: [String]
    /// Images re-matched, how many of those changed, how many the sync did not touch (marked
    /// current without matching), and how long it all took.
    public var rematched: Int
    public var changed: Int
    public var untouched: Int
    public var rematchSeconds: Double
}

extension HawserService {
    /// Syncs the configured feeds now and re-matches what the new data touches. Refused (409) while
    /// another instance holds the sync lease.
    public func syncFeeds(holder: String, full: Bool = false) async throws(ServiceError) -> FeedUpdate {
        let settings = configuration.feeds
        let now = clock()
        let leased = try await storeCall { () async throws(StoreError) in
            try await store.acquireLease(name: "feeds.sync", holder: holder, until: now.addingTimeInterval(3600), now: now)
        }
        guard leased else { throw .conflict("a feed sync is already running on another instance") }
        defer {
            let store = self.store
            Task { _ = try? await store.acquireLease(name: "feeds.sync", holder: holder, until: Date(timeIntervalSince1970: 0), now: Date()) }
        }
        try await recordEvent(account: "admin", type: "system.feeds.sync.started", level: "info", message: "Feed sync started",
                              resourceType: "feeds", resourceID: "vulnerabilities")
        // What the stored reports are current for before the sync: the sync's changes apply to it.
        let before = try? await matchingDatabase.current().identity
        var sync = FeedSync(database: configuration.vulnerabilityDatabase, sources: settings.sources, mirrorURL: settings.mirrorURL, full: full)
        if let mirror = settings.mirrorDirectory { sync.mirror = mirror }
        let report = await sync.run()
        let failed = !report.failures.isEmpty
        try await recordEvent(account: "admin", type: failed ? "system.feeds.sync.failed" : "system.feeds.sync.completed", level: failed ? "error" : "info",
                              message: failed ? "Feed sync finished with failures: \(report.failures.joined(separator: "; "))"
                                  : "Feed sync completed: \(report.updated.count) groups updated, \(report.unchanged.count) unchanged",
                              resourceType: "feeds", resourceID: "vulnerabilities")
        logger.info("feeds synced", metadata: ["updated": "\(report.updated.count)", "failures": "\(report.failures.count)"])
        let started = Date()
        let outcome = await rematchStoredImages(changes: report.changes, since: before)
        let seconds = Date().timeIntervalSince(started)
        logger.info("re-matched stored images", metadata: ["rematched": "\(outcome.rematched)", "changed": "\(outcome.changed)",
                                                           "untouched": "\(outcome.untouched)", "seconds": "\(String(format: "%.3f", seconds))"])
        return FeedUpdate(updatedGroups: report.updated, unchangedGroups: report.unchanged, failures: report.failures,
                          rematched: outcome.rematched, changed: outcome.changed, untouched: outcome.untouched, rematchSeconds: seconds)
    }

    /// What bringing the stored reports up to the current DB did.
    public struct RematchOutcome: Sendable, Hashable {
        /// Images matched again from their stored SBOMs, and how many of those now read differently.
        public var rematched = 0
        public var changed = 0
        /// Images whose lookups the sync did not touch: marked current without matching.
        public var untouched = 0
    }

    /// Brings every analysed image's report up to the current DB, a few at a time (two per core),
    /// sharing one `RematchPass`.
    /// With the `changes` a sync made to the DB whose identity was `since`, a report current for
    /// `since` that none of them touch is only marked current; any other stale report is re-matched.
    public func rematchStoredImages(changes: VulnDBChanges? = nil, since: String? = nil) async -> RematchOutcome {
        guard let current = try? await matchingDatabase.current(),
              let images = try? await store.analyzedImages(account: nil) else { return RematchOutcome() }
        let pass = RematchPass(database: current.identity)
        // Two per core: while one image waits for the store, another is decoded or matched.
        let width = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        return await withTaskGroup(of: RematchStep.self) { group in
            var next = 0, outcome = RematchOutcome()
            func start() {
                guard next < images.count, !Task.isCancelled else { return }
                let image = images[next]
                next += 1
                group.addTask { await rematch(image, database: current.identity, changes: changes, since: since, pass: pass) }
            }
            for _ in 0..<width { start() }
            while let step = await group.next() {
                switch step {
                case .current: break
                case .untouched: outcome.untouched += 1
                case .rematched(let changed):
                    outcome.rematched += 1
                    if changed { outcome.changed += 1 }
                }
                start()
            }
            return outcome
        }
    }

    enum RematchStep: Sendable {
        case current, untouched, rematched(changed: Bool)
    }

    func rematch(_ image: StoredImage, database: String, changes: VulnDBChanges?, since: String?,
                 pass: RematchPass) async -> RematchStep {
        let account = image.account, digest = image.digest
        let state = await matchState(account: account, digest: digest)
        if let state {
            if state.database == database { return .current }
            if let changes, let since, state.database == since, !changes.touches(lookups: state.lookups, ids: state.ids) {
                var moved = state
                moved.database = database
                if (try? await store.putDocument(.matchState, account: account, digest: digest, data: moved.jsonData())) != nil {
                    return .untouched
                }
            }
        } else if let data = try? await store.document(.vulnerabilities, account: account, digest: digest),
                  let stored = try? JSONDecoder().decode(StoredReportIdentity.self, from: data), stored.database == database {
            return .current
        }
        do {
            return .rematched(changed: try await refreshVulnerabilities(image: image, pass: pass))
        } catch {
            logger.warning("re-match failed", metadata: ["digest": "\(digest)", "error": "\(error)"])
            return .rematched(changed: false)
        }
    }

    /// Matches the image's stored SBOM against the current DB, stores the report and, when it
    /// differs from the stored one, raises the image's `vuln_update` (and `policy_eval` when the
    /// active bundle's result changes) for each tag. Returns whether anything changed.
    /// Images re-matched in one `pass` share what it memoizes.
    @discardableResult
    func refreshVulnerabilities(image: StoredImage, pass: RematchPass? = nil) async throws(ServiceError) -> Bool {
        let account = image.account, digest = image.digest
        let sbom = try await storedSBOM(account: account, digest: digest, withFiles: false, entries: pass?.entries)
        let (report, state) = try await match(sbom, pass: pass)
        // Diffed against the stored report's fingerprints; the report itself is only read when a
        // match went away (the diff lists it) or it has none. No old report: nothing to diff.
        let fingerprints = MatchFingerprints(report.matches)
        var diff = await matchFingerprints(account: account, digest: digest).flatMap {
            VulnerabilityDiff(oldFingerprints: $0, new: report.matches, newFingerprints: fingerprints.fingerprints)
        }
        if diff == nil, let old = (try? await storeCall({ () async throws(StoreError) in try await store.document(.vulnerabilities, account: account, digest: digest) }))
            .flatMap({ $0 }).flatMap({ try? JSONDecoder().decode(StoredVulnerabilityReport.self, from: $0) }) {
            diff = VulnerabilityDiff(old: old.matches, new: report.matches)
        }
        // All in one transaction: the report, its facts, fingerprints and match state agree.
        let documents = try Self.reportDocuments(sbom: sbom, report: report, state: state, fingerprints: fingerprints, records: pass?.records)
        try await storeCall { () async throws(StoreError) in try await store.putDocuments(documents, account: account, digest: digest) }
        guard let diff, !diff.isEmpty else { return false }
        try await recordEvent(account: account, type: "user.checks.tag.vulnerabilities.update", level: "info",
                              message: "Vulnerabilities of \(digest) changed: \(diff.added.count) added, \(diff.updated.count) updated, \(diff.removed.count) removed",
                              resourceType: "image_digest", resourceID: digest)
        for tag in image.tags {
            try await notify(account: account, type: "vuln_update", key: tag.fullTag, digest: digest, fields: [
                "diff_vulnerability_result": diff.payload, "imageDigest": digest, "annotations": image.annotations,
            ])
            try await reevaluatePolicy(image: image, tag: tag)
        }
        return true
    }

    /// For a tag with an active `policy_eval` subscription: evaluates the active bundle and, when the
    /// final action differs from the last stored evaluation, stores it and notifies.
    func reevaluatePolicy(image: StoredImage, tag: ImageTag) async throws(ServiceError) {
        let account = image.account
        let digest = image.digest, fullTag = tag.fullTag
        guard try await subscribed(account: account, type: "policy_eval", key: fullTag, digest: digest) else { return }
        let previous = try await storeCall { () async throws(StoreError) in try await store.evaluations(account: account, digest: digest, tag: fullTag) }.first
        let (_, evaluation) = try await evaluate(account: account, digest: digest, tag: fullTag, policyID: nil)
        guard previous?.finalAction != evaluation.finalAction.rawValue else { return }
        func summary(_ action: String?, status: String?) -> [String: Any] {
            ["image_digest": digest, "final_action": action ?? NSNull(), "status": status ?? NSNull()]
        }
        try await recordEvent(account: account, type: "user.checks.tag.policy_evaluation.update", level: "info",
                              message: "Policy result of \(fullTag) changed from \(previous?.finalAction ?? "none") to \(evaluation.finalAction.rawValue)",
                              resourceType: "image_tag", resourceID: fullTag)
        try await notify(account: account, type: "policy_eval", key: fullTag, digest: digest, fields: [
            "last_eval": summary(previous?.finalAction, status: previous?.status),
            "curr_eval": summary(evaluation.finalAction.rawValue, status: evaluation.status),
            "annotations": image.annotations,
        ])
    }
}
