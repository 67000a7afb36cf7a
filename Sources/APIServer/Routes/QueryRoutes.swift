import Foundation
import Hummingbird
import Model
import Service
import Store

/// `/query/images/by_vulnerability` and `/query/images/by_package`.
struct QueryRoutes {
    let service: HawserService

    struct ImageRef: Encodable {
        struct Tag: Encodable {
            var fulltag: String
            var tag_detected_at: Date
        }
        var imageDigest: String
        var tag_history: [Tag]

        init(_ image: StoredImage) {
            imageDigest = image.digest
            tag_history = image.tags.map { Tag(fulltag: $0.fullTag, tag_detected_at: $0.detectedAt) }
        }
    }

    struct PackageRef: Encodable {
        var name: String
        var version: String
        var type: String
        @Nullable var severity: String?
        @Nullable var namespace: String?
    }

    struct VulnerabilityHit: Encodable {
        var image: ImageRef
        var vulnerable_packages: [PackageRef]
    }

    struct PackageHit: Encodable {
        var image: ImageRef
        var packages: [PackageRef]
    }

    struct Page<Item: Encodable>: Encodable {
        var images: [Item]
        var page: Int
        var next_page: Bool
        var returned_count: Int
    }

    /// `GET /summaries/imagetags` element (epoch seconds, as the engine's catalog keeps them).
    struct TagSummary: Encodable {
        var imageDigest: String
        var parentDigest: String
        var imageId: String
        var analysis_status: String
        var image_status: String
        var fulltag: String
        var created_at: Int
        var analyzed_at: Int
        var tag_detected_at: Int
    }

    func register<Router: RouterMethods<APIContext>>(on router: Router) {
        router.get("summaries/imagetags") { request, context in
            let account = try context.requireAccount()
            let status = request.query("image_status") ?? "active"
            let images = try await call { () async throws(ServiceError) in try await service.images(account: account) }
            let summaries = images.filter { status == "all" || $0.imageStatus == status }.flatMap { image in
                image.tags.map { tag in
                    TagSummary(imageDigest: image.digest, parentDigest: image.parentDigest ?? image.digest, imageId: image.summary.imageID ?? "",
                               analysis_status: image.analysisStatus.rawValue, image_status: image.imageStatus, fulltag: tag.fullTag,
                               created_at: Int(image.createdAt.timeIntervalSince1970), analyzed_at: Int(image.analyzedAt?.timeIntervalSince1970 ?? 0),
                               tag_detected_at: Int(tag.detectedAt.timeIntervalSince1970))
                }
            }
            return try JSONReply.make(summaries)
        }
        router.get("query/images/by_vulnerability") { request, context in
            let account = try context.requireAccount()
            guard let id = request.query("vulnerability_id") else {
                throw APIError(status: .badRequest, message: "query parameter vulnerability_id is required")
            }
            var severity: Severity?
            if let text = request.query("severity") {
                guard let found = Severity.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                    throw APIError(status: .badRequest, message: "unknown severity '\(text)'")
                }
                severity = found
            }
            let namespace = request.query("namespace"), package = request.query("affected_package")
            let vendorOnly = try request.flag("vendor_only", default: true)
            let hits = try await call { () async throws(ServiceError) in
                try await service.imagesAffected(account: account, vulnerabilityID: id, namespace: namespace, package: package,
                                                 severity: severity, vendorOnly: vendorOnly)
            }
            let images = hits.map { hit in
                VulnerabilityHit(image: ImageRef(hit.image), vulnerable_packages: hit.found.map {
                    PackageRef(name: $0.package.name, version: $0.package.version, type: HawserService.anchoreType($0.package.type),
                               severity: $0.severity.rawValue, namespace: $0.vulnerability.namespace)
                })
            }
            return try JSONReply.make(Page(images: images, page: 1, next_page: false, returned_count: images.count))
        }
        router.get("query/images/by_package") { request, context in
            let account = try context.requireAccount()
            guard let name = request.query("name") else { throw APIError(status: .badRequest, message: "query parameter name is required") }
            let type = request.query("package_type"), version = request.query("version")
            let hits = try await call { () async throws(ServiceError) in
                try await service.imagesWithPackage(account: account, name: name, type: type, version: version)
            }
            let images = hits.map { hit in
                PackageHit(image: ImageRef(hit.image), packages: hit.found.map {
                    PackageRef(name: $0.name, version: $0.version, type: HawserService.anchoreType($0.type))
                })
            }
            return try JSONReply.make(Page(images: images, page: 1, next_page: false, returned_count: images.count))
        }
    }
}
