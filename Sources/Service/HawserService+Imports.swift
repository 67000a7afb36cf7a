import Crypto
import Foundation
import Model
import SBOMFormats
import Store

/// What `POST /images` with `source.import` names: the operation and the digests of its uploaded parts.
public struct ImportedImage: Sendable, Hashable {
    public var operation: String
    public var digest: String
    public var parentDigest: String?
    public var tags: [String]
    public var packages: String
    public var dockerfile: String?
    public var manifest: String?
    public var imageConfig: String?

    public init(operation: String, digest: String, parentDigest: String?, tags: [String], packages: String, dockerfile: String?,
                manifest: String?, imageConfig: String?) {
        self.operation = operation
        self.digest = digest
        self.parentDigest = parentDigest
        self.tags = tags
        self.packages = packages
        self.dockerfile = dockerfile
        self.manifest = manifest
        self.imageConfig = imageConfig
    }
}

extension HawserService {
    /// The parts an import may upload, with Anchore's path names.
    public static let importKinds = ["packages", "dockerfile", "manifest", "parent_manifest", "image_config", "content_searches",
                                     "secret_searches", "file_contents"]

    public func createImport(account: String) async throws(ServiceError) -> ImportOperation {
        let now = clock()
        let operation = ImportOperation(uuid: UUID().uuidString.lowercased(), account: account, createdAt: now,
                                        expiresAt: now.addingTimeInterval(24 * 3600))
        try await storeCall { () async throws(StoreError) in try await store.createImportOperation(operation) }
        return operation
    }

    public func importOperation(account: String, uuid: String) async throws(ServiceError) -> ImportOperation {
        guard let operation = try await storeCall({ () async throws(StoreError) in try await store.importOperation(account: account, uuid: uuid) }) else {
            throw .notFound("import operation \(uuid) not found")
        }
        return operation
    }

    public func importOperations(account: String) async throws(ServiceError) -> [ImportOperation] {
        try await storeCall { () async throws(StoreError) in try await store.importOperations(account: account) }
    }

    /// Keeps an uploaded part; `packages` must be an SBOM Hawser reads (Syft JSON, CycloneDX, SPDX, Hawser JSON).
    public func uploadImportContent(account: String, uuid: String, kind: String, data: Data) async throws(ServiceError) -> String {
        guard Self.importKinds.contains(kind) else {
            throw .notFound("unknown import content type '\(kind)' (one of \(Self.importKinds.joined(separator: ", ")))")
        }
        let operation = try await importOperation(account: account, uuid: uuid)
        guard operation.status == "pending", operation.expiresAt > clock() else {
            throw .conflict("import operation \(uuid) is \(operation.expiresAt > clock() ? operation.status : "expired") and takes no more content")
        }
        guard !data.isEmpty else { throw .badRequest("the \(kind) upload is empty") }
        if kind == "packages" { _ = try Self.decodeSBOM(data, what: "the packages upload") }
        if ["manifest", "image_config", "parent_manifest"].contains(kind), (try? JSONSerialization.jsonObject(with: data)) == nil {
            throw .badRequest("the \(kind) upload is not JSON")
        }
        let digest = Digest.sha256(of: Array(data)).description
        try await storeCall { () async throws(StoreError) in try await store.putImportContent(uuid: uuid, kind: kind, digest: digest, data: data) }
        return digest
    }

    static func decodeSBOM(_ data: Data, what: String) throws(ServiceError) -> SBOM {
        do { return try SBOMDecoder.decode(Array(data)) } catch { throw .badRequest("\(what) is not an SBOM Hawser reads (Syft JSON, CycloneDX, SPDX, Hawser JSON): \(error)") }
    }

    /// Adds the image an import operation describes: its SBOM matched now, stored as analysed.
    public func addImportedImage(account: String, _ imported: ImportedImage, annotations: [String: String]) async throws(ServiceError) -> StoredImage {
        let operation = try await importOperation(account: account, uuid: imported.operation)
        guard operation.status == "pending" else { throw .conflict("import operation \(imported.operation) is \(operation.status)") }
        func part(_ kind: String, _ digest: String?) async throws(ServiceError) -> Data? {
            guard let digest else { return nil }
            guard let data = try await storeCall({ () async throws(StoreError) in
                try await store.importContent(uuid: imported.operation, kind: kind, digest: digest)
            }) else { throw .badRequest("import operation \(imported.operation) has no \(kind) content with digest \(digest)") }
            return data
        }
        guard let packages = try await part("packages", imported.packages) else { throw .badRequest("an import needs its packages") }
        var sbom = try Self.decodeSBOM(packages, what: "the packages content")
        if let dockerfile = try await part("dockerfile", imported.dockerfile) {
            sbom.dockerfile = Dockerfile(text: String(decoding: dockerfile, as: UTF8.self), guessed: false)
        }
        let manifest = try await part("manifest", imported.manifest)
        let config = try await part("image_config", imported.imageConfig)
        let image = try await storeImported(account: account, sbom: sbom, digest: imported.digest, parentDigest: imported.parentDigest,
                                            tags: imported.tags, annotations: annotations, manifest: manifest, config: config)
        try await storeCall { () async throws(StoreError) in try await store.setImportStatus(account: account, uuid: imported.operation, status: "complete") }
        return image
    }

    /// `POST /images?source=sbom`: an SBOM made elsewhere (CI), stored as an analysed image and matched.
    /// The digest is the SBOM's manifest digest, else `digest`, else the SBOM document's own.
    public func importSBOM(account: String, data: Data, tag: String?, digest: String?, annotations: [String: String]) async throws(ServiceError) -> StoredImage {
        let sbom = try Self.decodeSBOM(data, what: "the request body")
        let chosen = sbom.source.manifestDigest?.description ?? digest ?? Digest.sha256(of: Array(data)).description
        guard (try? Digest(parsing: chosen)) != nil else { throw .badRequest("invalid digest '\(chosen)': expected sha256:<64 hex digits>") }
        let tags = [tag ?? (sbom.source.kind == "image" ? sbom.source.name : nil)].compactMap { $0 }
        return try await storeImported(account: account, sbom: sbom, digest: chosen, parentDigest: nil, tags: tags, annotations: annotations,
                                       manifest: nil, config: nil)
    }

    func storeImported(account: String, sbom: SBOM, digest: String, parentDigest: String?, tags: [String], annotations: [String: String],
                       manifest: Data?, config: Data?) async throws(ServiceError) -> StoredImage {
        guard (try? Digest(parsing: digest)) != nil else { throw .badRequest("invalid image digest '\(digest)'") }
        let now = clock()
        var tag: ImageTag?
        if let text = tags.first {
            guard let reference = try? ImageReference(parsing: text) else { throw .badRequest("invalid tag '\(text)'") }
            tag = ImageTag(registry: reference.registry, repository: reference.repository, tag: reference.tag ?? "latest", detectedAt: now)
        }
        let (report, state) = try await match(sbom)
        var documents = try Self.sbomDocuments(sbom)
        documents.merge(try Self.reportDocuments(sbom: sbom, report: report, state: state)) { _, new in new }
        if let manifest { documents[.manifest] = manifest }
        if let config { documents[.config] = config }
        let summary = ImageSummary(arch: sbom.source.configuration?.architecture, distro: sbom.distro?.id, distroVersion: sbom.distro?.versionID,
                                   dockerfileMode: sbom.dockerfile.map { $0.guessed ? "Guessed" : "Actual" },
                                   layerCount: sbom.source.layers.count, imageID: sbom.source.configDigest?.encoded)
        let event = StoredEvent(account: account, type: "user.image.analysis.completed", level: "info", message: "Image imported from an SBOM",
                                details: AnalysisWorker.details(["packages": "\(sbom.packages.count)", "vulnerabilities": "\(report.matches.count)"]),
                                resourceType: "image_digest", resourceID: digest, createdAt: now)
        let request = ImageAddRequest(account: account, digest: digest, parentDigest: parentDigest, tag: tag, pullString: tags.first ?? digest,
                                      annotations: annotations, now: now)
        let result = AnalysisResult(summary: summary, documents: documents, event: event)
        let stored = try await storeCall { () async throws(StoreError) in
            try await store.importImage(request, result: result)
        }
        await notifyEventLog(event)
        if let tag { try await createTagSubscriptions(account: account, fullTag: tag.fullTag, autosubscribe: false) }
        return stored
    }
}
