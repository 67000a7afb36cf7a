import Foundation
import Hummingbird
import Model
import Service
import Store

/// `/images`: add, list, get, delete.
struct ImageRoutes {
    let service: HawserService

    func register<Router: RouterMethods<APIContext>>(on router: Router) {
        router.post("images") { request, context in try await add(request, context) }
        router.get("images") { request, context in try await list(request, context) }
        router.delete("images") { request, context in try await deleteMany(request, context) }
        router.get("images/by_id/:imageId") { _, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("imageId")
            let image = try await call { () async throws(ServiceError) in try await service.image(account: account, imageID: id) }
            return try JSONReply.make([AnchoreImage(image)])
        }
        router.get("images/:digest") { _, context in
            let image = try await resolve(context)
            return try JSONReply.make([AnchoreImage(image)])
        }
        router.delete("images/:digest") { _, context in
            let account = try context.requireAccount()
            let image = try await resolve(context)
            try await call { () async throws(ServiceError) in try await service.deleteImage(account: account, digest: image.digest) }
            return try JSONReply.make(DeleteStatus(digest: image.digest, status: "deleting", detail: nil))
        }
    }

    struct DeleteStatus: Encodable {
        var digest: String
        var status: String
        var detail: String?
    }

    /// The image named by the `digest` path parameter (a manifest digest).
    func resolve(_ context: APIContext) async throws -> StoredImage {
        let account = try context.requireAccount()
        // anchore-cli percent-encodes a digest the user typed (sha256%3A…).
        let raw = try context.parameters.require("digest")
        let digest = raw.removingPercentEncoding ?? raw
        guard (try? Digest(parsing: digest)) != nil else {
            throw APIError(status: .badRequest, message: "invalid image digest '\(digest)': expected sha256:<64 hex digits>")
        }
        return try await call { () async throws(ServiceError) in try await service.image(account: account, digest: digest) }
    }

    func add(_ request: Request, _ context: APIContext) async throws -> Response {
        let account = try context.requireAccount()
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        guard !data.isEmpty else { throw APIError(status: .badRequest, message: "the request needs a JSON body naming the image") }
        if request.query("source") == "sbom" {
            let tag = request.query("tag"), digest = request.query("digest")
            let image = try await call { () async throws(ServiceError) in
                try await service.importSBOM(account: account, data: data, tag: tag, digest: digest, annotations: [:])
            }
            return try JSONReply.make([AnchoreImage(image)])
        }
        try ImageRequestBody.checkKeys(data)
        let body: ImageRequestBody
        do { body = try JSONDecoder().decode(ImageRequestBody.self, from: data) } catch {
            throw APIError(status: .badRequest, message: "malformed image request body: \(error)")
        }
        if let imported = body.imported {
            let annotations = body.annotations ?? [:]
            let image = try await call { () async throws(ServiceError) in
                try await service.addImportedImage(account: account, imported, annotations: annotations)
            }
            return try JSONReply.make([AnchoreImage(image)])
        }
        let addition = try body.addition(force: try request.flag("force", default: false),
                                         autosubscribe: try request.flag("autosubscribe", default: true))
        let image = try await call { () async throws(ServiceError) in try await service.addImage(account: account, addition) }
        return try JSONReply.make([AnchoreImage(image)])
    }

    func list(_ request: Request, _ context: APIContext) async throws -> Response {
        let account = try context.requireAccount()
        var images = try await call { () async throws(ServiceError) in try await service.images(account: account) }
        if let fulltag = request.query("fulltag"), fulltag.count == 64, fulltag.allSatisfy(\.isHexDigit) {
            images = images.filter { $0.summary.imageID == fulltag.lowercased() }
        } else if let fulltag = request.query("fulltag") {
            let normalised = (try? ImageReference(parsing: fulltag)).map { "\($0.registry)/\($0.repository):\($0.tag ?? "latest")" } ?? fulltag
            images = images.filter { image in image.tags.contains { $0.fullTag == fulltag || $0.fullTag == normalised } }
            // The image the tag points at now first (anchore-cli takes the first): newest detection of this tag.
            func detected(_ image: StoredImage) -> Date {
                image.tags.filter { $0.fullTag == fulltag || $0.fullTag == normalised }.map(\.detectedAt).max() ?? .distantPast
            }
            images.sort { detected($0) > detected($1) }
        }
        if let status = request.query("analysis_status") { images = images.filter { $0.analysisStatus.rawValue == status } }
        if let status = request.query("image_status") { images = images.filter { $0.imageStatus == status } }
        return try JSONReply.make(images.map { AnchoreImage($0) })
    }

    func deleteMany(_ request: Request, _ context: APIContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let digests = request.query("imageDigests")?.split(separator: ",").map(String.init), !digests.isEmpty else {
            throw APIError(status: .badRequest, message: "query parameter imageDigests (comma-separated digests) is required")
        }
        var results: [DeleteStatus] = []
        for digest in digests {
            do {
                try await service.deleteImage(account: account, digest: digest)
                results.append(DeleteStatus(digest: digest, status: "deleting", detail: nil))
            } catch .notFound {
                results.append(DeleteStatus(digest: digest, status: "not_found", detail: "image not found"))
            } catch {
                results.append(DeleteStatus(digest: digest, status: "delete_failed", detail: error.description))
            }
        }
        return try JSONReply.make(results)
    }
}
