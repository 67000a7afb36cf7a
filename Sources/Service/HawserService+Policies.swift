import Foundation
import Model
import Policy
import Store

/// An image whose result a bundle would change (`POST /policies/{id}/preview`).
public struct PolicyPreviewChange: Sendable {
    public var image: StoredImage
    public var tag: String
    public var current: PolicyEvaluation
    public var proposed: PolicyEvaluation
}

extension HawserService {
    static func parseBundle(_ data: Data) throws(ServiceError) -> PolicyBundle {
        do { return try BundleParser().parse(data) } catch { throw .invalidPolicy(error.problems.map(\.description)) }
    }

    /// The account's bundles. An account without any gets Hawser's default bundle, active (as Anchore does).
    public func policies(account: String) async throws(ServiceError) -> [StoredPolicy] {
        let stored = try await storeCall { () async throws(StoreError) in try await store.policies(account: account) }
        if !stored.isEmpty { return stored }
        let data = Data(DefaultBundle.json.utf8)
        let bundle = try Self.parseBundle(data)
        let now = clock()
        let policy = StoredPolicy(account: account, id: bundle.id, name: bundle.name, active: true, document: data, digest: bundle.digest,
                                  source: "hawser", createdAt: now, lastUpdated: now)
        try await storeCall { () async throws(StoreError) in try await store.putPolicy(policy) }
        return [policy]
    }

    public func policy(account: String, id: String) async throws(ServiceError) -> StoredPolicy {
        guard let found = try await policies(account: account).first(where: { $0.id == id }) else { throw .notFound("policy \(id) not found") }
        return found
    }

    /// Validates and stores a bundle (a new id is added inactive; an existing id is replaced, keeping its state).
    public func addPolicy(account: String, document: Data) async throws(ServiceError) -> StoredPolicy {
        let bundle = try Self.parseBundle(document)
        let existing = try await policies(account: account).first { $0.id == bundle.id }
        let now = clock()
        let policy = StoredPolicy(account: account, id: bundle.id, name: bundle.name, active: existing?.active ?? false, document: document,
                                  digest: bundle.digest, createdAt: existing?.createdAt ?? now, lastUpdated: now)
        try await storeCall { () async throws(StoreError) in try await store.putPolicy(policy) }
        return policy
    }

    /// Replaces a bundle's document (when given) and activates it (when `active` is true).
    public func updatePolicy(account: String, id: String, document: Data?, active: Bool?) async throws(ServiceError) -> StoredPolicy {
        var policy = try await self.policy(account: account, id: id)
        if let document {
            let bundle = try Self.parseBundle(document)
            guard bundle.id == id else { throw .badRequest("the bundle's id (\(bundle.id)) differs from the policy id in the path (\(id))") }
            policy.document = document
            policy.digest = bundle.digest
            policy.name = bundle.name
        }
        if let active {
            guard active || !policy.active else { throw .badRequest("a bundle is deactivated by activating another") }
            policy.active = active
        }
        policy.lastUpdated = clock()
        let updated = policy
        try await storeCall { () async throws(StoreError) in try await store.putPolicy(updated) }
        return updated
    }

    public func deletePolicy(account: String, id: String) async throws(ServiceError) {
        let policy = try await self.policy(account: account, id: id)
        guard !policy.active else { throw .conflict("policy \(id) is the active bundle and cannot be deleted; activate another first") }
        _ = try await storeCall { () async throws(StoreError) in try await store.deletePolicy(account: account, id: id) }
    }

    /// Evaluates the active bundle (or `policyID`) against an analysed image for `tag` (default: its first tag), and keeps the result.
    public func evaluate(account: String, digest: String, tag: String?, policyID: String?) async throws(ServiceError)
        -> (policy: StoredPolicy, evaluation: PolicyEvaluation) {
        let policies = try await self.policies(account: account)
        guard let policy = policyID.map({ id in policies.first { $0.id == id } }) ?? policies.first(where: \.active) else {
            throw .notFound(policyID.map { "policy \($0) not found" } ?? "no active policy bundle")
        }
        let bundle = try Self.parseBundle(policy.document)
        let image = try await self.image(account: account, digest: digest)
        let evaluation = try await evaluate(bundle, image: image, tag: tag)
        let record = StoredEvaluation(account: account, digest: image.digest, tag: evaluation.tag, bundleID: bundle.id, bundleDigest: bundle.digest,
                                      finalAction: evaluation.finalAction.rawValue, status: evaluation.status, result: try Self.encode(evaluation),
                                      createdAt: evaluation.evaluatedAt)
        try await storeCall { () async throws(StoreError) in try await store.addEvaluation(record) }
        return (policy, evaluation)
    }

    /// Earlier evaluations of the image (newest first), decoded.
    public func evaluationHistory(account: String, digest: String, tag: String?) async throws(ServiceError) -> [PolicyEvaluation] {
        try await storeCall { () async throws(StoreError) in try await store.evaluations(account: account, digest: digest, tag: tag) }
            .compactMap { try? JSONDecoder.withDates.decode(PolicyEvaluation.self, from: $0.result) }
    }

    func evaluate(_ bundle: PolicyBundle, image: StoredImage, tag: String?) async throws(ServiceError) -> PolicyEvaluation {
        PolicyEvaluator().evaluate(bundle, input: try await policyInput(image: image, tag: tag))
    }

    /// What a bundle is evaluated against: the stored SBOM, the current matches, the feed sync time and the tag's previous image.
    func policyInput(image: StoredImage, tag: String?) async throws(ServiceError) -> PolicyInput {
        guard image.analysisStatus == .analyzed else { throw .notAnalyzed(status: image.analysisStatus) }
        let chosen = try Self.tag(image, tag)
        let sbom = try await self.sbom(account: image.account, digest: image.digest)
        let report = try await vulnerabilities(account: image.account, digest: image.digest)
        let synced = try? await matchingDatabase.current().database.status()
        let identity = ImageIdentity(registry: chosen.registry, repository: chosen.repository, tag: chosen.tag, digest: image.digest,
                                     imageID: image.summary.imageID)
        return PolicyInput(image: identity, sbom: sbom, matches: report.matches,
                           vulnerabilityDataSyncedAt: synced.flatMap { $0.groups.compactMap(\.lastSync).max() ?? $0.builtAt },
                           previousSBOM: try await previousSBOM(image, tag: chosen), now: clock())
    }

    /// The tag to evaluate for: the one asked for (normalised as Docker does), else the image's first.
    static func tag(_ image: StoredImage, _ wanted: String?) throws(ServiceError) -> ImageTag {
        if let wanted {
            guard let reference = try? ImageReference(parsing: wanted) else { throw .badRequest("invalid tag '\(wanted)'") }
            let full = "\(reference.registry)/\(reference.repository):\(reference.tag ?? "latest")"
            guard let found = image.tags.first(where: { $0.fullTag == full || $0.fullTag == wanted }) else {
                throw .notFound("image \(image.digest) was never tagged \(wanted)")
            }
            return found
        }
        guard let first = image.tags.first else {
            return ImageTag(registry: "local", repository: "image", tag: "latest", detectedAt: image.createdAt)
        }
        return first
    }

    /// The SBOM of the image the tag pointed at before this one, for `tag_drift`.
    func previousSBOM(_ image: StoredImage, tag: ImageTag) async throws(ServiceError) -> SBOM? {
        let images = try await storeCall { () async throws(StoreError) in try await store.analyzedImages(account: image.account) }
        guard let earlier = Self.previousImage(image, tag: tag, among: images) else { return nil }
        return try? await sbom(account: image.account, digest: earlier.digest)
    }

    /// The image `tag` pointed at most recently before it pointed at `image`.
    static func previousImage(_ image: StoredImage, tag: ImageTag, among images: [StoredImage]) -> StoredImage? {
        images.filter { $0.digest != image.digest }
            .compactMap { other in other.tags.first { $0.fullTag == tag.fullTag && $0.detectedAt < tag.detectedAt }.map { (other, $0.detectedAt) } }
            .max { $0.1 < $1.1 }?.0
    }

    /// What `document` would change if it were active: every analysed image whose final action differs from the active bundle's.
    ///
    /// The image list and the feed time are read once; each image's stored SBOM (without its file
    /// list when neither bundle has a `files` rule) and matches are read once for both bundles; the
    /// tag's previous image only when a bundle has a `tag_drift` rule. Images are evaluated a few at a time.
    public func previewPolicy(account: String, document: Data) async throws(ServiceError) -> (checked: Int, changes: [PolicyPreviewChange]) {
        let proposed = try Self.parseBundle(document)
        guard let active = try await policies(account: account).first(where: \.active) else { throw .notFound("no active policy bundle") }
        let current = try Self.parseBundle(active.document)
        let gates = Set([current, proposed].flatMap { $0.ruleSets.flatMap { $0.rules.map { $0.gate.lowercased() } } })
        let images = try await storeCall { () async throws(StoreError) in try await store.analyzedImages(account: account) }
        let matching = try? await matchingDatabase.current()
        let synced = try? matching?.database.status()
        let context = PolicyInputContext(images: images, database: matching?.identity, syncedAt: synced.flatMap { $0.groups.compactMap(\.lastSync).max() ?? $0.builtAt },
                                         withFiles: gates.contains("files"), withPrevious: gates.contains("tag_drift"), now: clock())
        let work = images.flatMap { image in (image.tags.isEmpty ? [nil] : image.tags.map(\.fullTag) as [String?]).map { (image, $0) } }
        let width = max(2, ProcessInfo.processInfo.activeProcessorCount)
        var changes: [(Int, PolicyPreviewChange)] = []
        do {
            try await withThrowingTaskGroup(of: (Int, PolicyPreviewChange?).self) { group in
                var next = 0
                func start() {
                    guard next < work.count else { return }
                    let index = next, (image, tag) = work[index]
                    next += 1
                    group.addTask {
                        let input = try await self.policyInput(image: image, tag: tag, context: context)
                        let before = PolicyEvaluator().evaluate(current, input: input)
                        let after = PolicyEvaluator().evaluate(proposed, input: input)
                        guard before.finalAction != after.finalAction || Set(before.findings.map(\.triggerID)) != Set(after.findings.map(\.triggerID)) else {
                            return (index, nil)
                        }
                        return (index, PolicyPreviewChange(image: image, tag: after.tag, current: before, proposed: after))
                    }
                }
                for _ in 0..<width { start() }
                while let (index, change) = try await group.next() {
                    if let change { changes.append((index, change)) }
                    start()
                }
            }
        } catch let error as ServiceError {
            throw error
        } catch {
            throw .unavailable("policy preview failed: \(error)")
        }
        return (work.count, changes.sorted { $0.0 < $1.0 }.map(\.1))
    }

    /// The image's `policy_facts` when they come from `database` (nil: read the full documents).
    func policyFacts(_ image: StoredImage, database: String?) async throws(ServiceError) -> PolicyFacts? {
        let account = image.account, digest = image.digest
        guard let database, let data = try await storeCall({ () async throws(StoreError) in
            try await store.document(.policyFacts, account: account, digest: digest)
        }), let facts = try? JSONDecoder().decode(PolicyFacts.self, from: data),
            await reportIsCurrent(account: account, digest: digest, database: database, recorded: facts.database) else { return nil }
        return facts
    }

    /// `policyInput` for many images at once: what is the same for all of them, read once.
    struct PolicyInputContext: Sendable {
        var images: [StoredImage]
        /// The current matching DB's identity: stored reports from another are re-matched.
        var database: String?
        var syncedAt: Date?
        var withFiles: Bool
        var withPrevious: Bool
        var now: Date
    }

    func policyInput(image: StoredImage, tag: String?, context: PolicyInputContext) async throws(ServiceError) -> PolicyInput {
        let chosen = try Self.tag(image, tag)
        if !context.withFiles, let facts = try await policyFacts(image, database: context.database) {
            var previous: SBOM?
            if context.withPrevious, let earlier = Self.previousImage(image, tag: chosen, among: context.images) {
                previous = try? await self.sbom(account: image.account, digest: earlier.digest)
            }
            let identity = ImageIdentity(registry: chosen.registry, repository: chosen.repository, tag: chosen.tag, digest: image.digest,
                                         imageID: image.summary.imageID)
            return PolicyInput(image: identity, sbom: facts.sbom, matches: facts.policyMatches, vulnerabilityDataSyncedAt: context.syncedAt,
                               previousSBOM: previous, now: context.now)
        }
        let sbom = try await storedSBOM(account: image.account, digest: image.digest, withFiles: context.withFiles, policyView: true)
        let account = image.account, digest = image.digest
        // The stored report, read without the text policy never shows; a stale one is re-matched first.
        let policyDecoder = JSONDecoder()
        policyDecoder.userInfo[SBOM.policyView] = true
        let stored = try await storeCall { () async throws(StoreError) in try await store.document(.vulnerabilities, account: account, digest: digest) }
            .flatMap { try? policyDecoder.decode(StoredVulnerabilityReport.self, from: $0) }
        let report: StoredVulnerabilityReport
        if let stored, let database = context.database,
           await reportIsCurrent(account: account, digest: digest, database: database, recorded: stored.database) {
            report = stored
        } else {
            report = try await vulnerabilities(account: account, digest: digest)
        }
        var previous: SBOM?
        if context.withPrevious, let earlier = Self.previousImage(image, tag: chosen, among: context.images) {
            previous = try? await self.sbom(account: image.account, digest: earlier.digest)
        }
        let identity = ImageIdentity(registry: chosen.registry, repository: chosen.repository, tag: chosen.tag, digest: image.digest,
                                     imageID: image.summary.imageID)
        return PolicyInput(image: identity, sbom: sbom, matches: report.matches, vulnerabilityDataSyncedAt: context.syncedAt,
                           previousSBOM: previous, now: context.now)
    }
}

extension JSONDecoder {
    /// The decoder for documents the service encoded (dates as seconds since 2001, `JSONEncoder`'s default).
    static var withDates: JSONDecoder { JSONDecoder() }
}
