import Engine
import Foundation
import ImageSource
import Model
import SBOMFormats
import Store

extension HawserService {
    /// Resolves the tag (or digest) at its registry with the account's credentials, stores the
    /// image and queues its analysis (once per digest), and creates the tag's subscriptions.
    public func addImage(account: String, _ addition: ImageAddition) async throws(ServiceError) -> StoredImage {
        guard let text = addition.digestPullString ?? addition.tag else {
            throw .badRequest("the request names no image: give a tag (registry/repo:tag) or a digest (registry/repo@sha256:…)")
        }
        let reference: ImageReference
        do { reference = try ImageReference(parsing: text) } catch { throw .badRequest("invalid image reference '\(text)': \(error)") }
        var tagReference = reference.tag.map { ImageReference(registry: reference.registry, repository: reference.repository, tag: $0, digest: nil) }
        if let tag = addition.tag, addition.digestPullString != nil {
            do { tagReference = try ImageReference(parsing: tag) } catch { throw .badRequest("invalid tag '\(tag)': \(error)") }
        }
        let options = try await sourceOptions(account: account, registry: reference.registry)
        let resolved: ResolvedManifest
        do { resolved = try await ImageLoader(options: options).resolveManifest(reference) } catch { throw Self.registryError(error, image: text) }
        let now = clock()
        let tag = tagReference.map { ImageTag(registry: $0.registry, repository: $0.repository, tag: $0.tag ?? "latest", detectedAt: now) }
        let pinned = "\(reference.name)@\(resolved.digest)"
        let request = ImageAddRequest(account: account, digest: resolved.digest.description, parentDigest: resolved.parentDigest?.description,
                                      tag: tag, pullString: pinned, force: addition.force, annotations: addition.annotations,
                                      dockerfile: addition.dockerfile, now: now)
        let outcome = try await storeCall { () async throws(StoreError) in try await store.addImage(request) }
        if let tag { try await createTagSubscriptions(account: account, fullTag: tag.fullTag, autosubscribe: addition.autosubscribe) }
        if outcome.queued {
            logger.info("queued analysis", metadata: ["account": "\(account)", "digest": "\(resolved.digest)", "tag": "\(tag?.fullTag ?? "-")"])
        }
        return outcome.image
    }

    /// Anchore's four tag subscriptions: `analysis_update` active, `tag_update` active iff autosubscribe, the rest inactive.
    func createTagSubscriptions(account: String, fullTag: String, autosubscribe: Bool) async throws(ServiceError) {
        let now = clock()
        for (type, active) in [("analysis_update", true), ("tag_update", autosubscribe), ("policy_eval", false), ("vuln_update", false)] {
            let id = Subscription.identifier(account: account, key: fullTag, type: type)
            guard try await storeCall({ () async throws(StoreError) in try await store.subscription(account: account, id: id) }) == nil else { continue }
            let subscription = Subscription(id: id, account: account, key: fullTag, type: type, active: active, createdAt: now, lastUpdated: now)
            try await storeCall { () async throws(StoreError) in try await store.putSubscription(subscription) }
        }
    }

    static func registryError(_ error: ImageSourceError, image: String) -> ServiceError {
        guard case .registry(let registryError) = error else { return .registry("cannot fetch \(image): \(error)", code: "REGISTRY_ERROR") }
        switch registryError.kind {
        case .unauthorized, .forbidden: return .registry("cannot fetch \(image): \(registryError)", code: "REGISTRY_PERMISSION_DENIED")
        case .notFound: return .registry("cannot fetch \(image): \(registryError)", code: "REGISTRY_IMAGE_NOT_FOUND")
        default: return .registry("cannot fetch \(image): \(registryError)", code: "REGISTRY_ERROR")
        }
    }

    public func images(account: String) async throws(ServiceError) -> [StoredImage] {
        try await storeCall { () async throws(StoreError) in try await store.images(account: account) }
    }

    /// The image, or `notFound` naming the digest.
    public func image(account: String, digest: String) async throws(ServiceError) -> StoredImage {
        guard let image = try await storeCall({ () async throws(StoreError) in try await store.image(account: account, digest: digest) }) else {
            throw .notFound("image \(digest) not found")
        }
        return image
    }

    /// The image whose config digest (Anchore's image id) is `imageID`.
    public func image(account: String, imageID: String) async throws(ServiceError) -> StoredImage {
        let wanted = imageID.hasPrefix("sha256:") ? String(imageID.dropFirst(7)) : imageID
        guard let found = try await images(account: account).first(where: { $0.summary.imageID == wanted }) else {
            throw .notFound("image with id \(imageID) not found")
        }
        return found
    }

    public func deleteImage(account: String, digest: String) async throws(ServiceError) {
        let image = try await image(account: account, digest: digest)
        _ = try await storeCall { () async throws(StoreError) in try await store.deleteImage(account: account, digest: image.digest) }
        try await recordEvent(account: account, type: "user.image.deleted", level: "info", message: "Image deleted",
                              resourceType: "image_digest", resourceID: digest)
    }

    /// The image's stored SBOM; `notAnalyzed` until its analysis finished.
    public func sbom(account: String, digest: String) async throws(ServiceError) -> SBOM {
        let image = try await image(account: account, digest: digest)
        guard image.analysisStatus == .analyzed else { throw .notAnalyzed(status: image.analysisStatus) }
        return try await storedSBOM(account: account, digest: digest, withFiles: true)
    }

    /// The stored SBOM document; with its file records (stored apart) when `withFiles`; `policyView`:
    /// without what policy evaluation never reads (`SBOM.policyView`). Without files, its packages
    /// and relationships may be decoded through a re-match pass's `entries` memo.
    func storedSBOM(account: String, digest: String, withFiles: Bool, policyView: Bool = false,
                    entries: SBOMDecodingMemo? = nil) async throws(ServiceError) -> SBOM {
        guard let data = try await storeCall({ () async throws(StoreError) in try await store.document(.sbom, account: account, digest: digest) }) else {
            throw .notFound("image \(digest) has no stored SBOM")
        }
        var sbom: SBOM
        do {
            if withFiles {
                let decoder = JSONDecoder()
                if policyView { decoder.userInfo[SBOM.policyView] = true }
                sbom = try decoder.decode(SBOM.self, from: data)
            } else {
                sbom = try NativeJSONEncoder.decodeWithoutFiles(Array(data), policyView: policyView, memo: entries)
            }
        } catch { throw .unavailable("the stored SBOM of \(digest) cannot be read: \(error)") }
        if withFiles, let data = try await storeCall({ () async throws(StoreError) in try await store.document(.files, account: account, digest: digest) }) {
            let lists: StoredFileLists
            do { lists = try JSONDecoder().decode(StoredFileLists.self, from: data) } catch {
                throw .unavailable("the stored file lists of \(digest) cannot be read: \(error)")
            }
            lists.restore(into: &sbom)
        }
        return sbom
    }

    /// The documents an SBOM is stored as: the SBOM without its file lists, and those lists. The
    /// SBOM's keys are sorted, so that a package reads the same in every image that has it (a
    /// re-match pass decodes each distinct package entry once, `SBOMDecodingMemo`).
    static func sbomDocuments(_ sbom: SBOM) throws(ServiceError) -> [ImageDocumentKind: Data] {
        var slim = sbom
        let lists = StoredFileLists(moving: &slim)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            return [.sbom: try encoder.encode(slim), .files: try encode(lists)]
        } catch { throw .unavailable("cannot encode the SBOM: \(error)") }
    }

    /// A stored document (manifest, config) of an analysed image.
    public func document(_ kind: ImageDocumentKind, account: String, digest: String) async throws(ServiceError) -> Data {
        let image = try await image(account: account, digest: digest)
        guard image.analysisStatus == .analyzed else { throw .notAnalyzed(status: image.analysisStatus) }
        guard let data = try await storeCall({ () async throws(StoreError) in try await store.document(kind, account: account, digest: digest) }) else {
            throw .notFound("image \(digest) has no stored \(kind.rawValue)")
        }
        return data
    }

    public func recordEvent(account: String, type: String, level: String, message: String, details: String = "{}",
                            resourceType: String, resourceID: String) async throws(ServiceError) {
        let event = StoredEvent(account: account, type: type, level: level, message: message, details: details,
                                resourceType: resourceType, resourceID: resourceID, createdAt: clock())
        try await storeCall { () async throws(StoreError) in try await store.addEvent(event) }
        await notifyEventLog(event)
    }
}
