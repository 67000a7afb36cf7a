import Foundation
import Store

/// An image as Anchore's v1 API returns it (`AnchoreImage`): the record, its metadata and one
/// `image_detail` per tag that pointed at it.
struct AnchoreImage: Encodable {
    struct Content: Encodable {
        var metadata: Metadata
    }

    struct Metadata: Encodable {
        @Nullable var arch: String?
        @Nullable var distro: String?
        @Nullable var distro_version: String?
        @Nullable var dockerfile_mode: String?
        var image_size: Int64
        var layer_count: Int
    }

    struct Detail: Encodable {
        @Nullable var fulltag: String?
        var fulldigest: String
        var registry: String
        var repo: String
        @Nullable var tag: String?
        var digest: String
        var imageId: String
        var imageDigest: String
        @Nullable var dockerfile: String?
        var tag_detected_at: Date
        var created_at: Date
        var last_updated: Date
        var userId: String
    }

    struct Transition: Encodable {
        @Nullable var from_status: String?
        var to_status: String
        var timestamp: Date
        @Nullable var detail: String?
    }

    var imageDigest: String
    var parentDigest: String
    var userId: String
    var image_status: String
    var analysis_status: String
    @Nullable var analysis_status_detail: String?
    var image_type = "docker"
    @Nullable var analyzed_at: Date?
    var created_at: Date
    var last_updated: Date
    var record_version: Int
    var annotations: [String: String]
    var image_content: Content
    var image_detail: [Detail]

    init(_ image: StoredImage, registryFallback: (registry: String, repo: String)? = nil) {
        imageDigest = image.digest
        parentDigest = image.parentDigest ?? image.digest
        userId = image.account
        image_status = image.imageStatus
        analysis_status = image.analysisStatus.rawValue
        analysis_status_detail = image.failureReason
        analyzed_at = image.analyzedAt
        created_at = image.createdAt
        last_updated = image.lastUpdated
        record_version = image.recordVersion
        annotations = image.annotations
        image_content = Content(metadata: Metadata(arch: image.summary.arch, distro: image.summary.distro,
                                                   distro_version: image.summary.distroVersion, dockerfile_mode: image.summary.dockerfileMode,
                                                   image_size: image.summary.imageSize, layer_count: image.summary.layerCount))
        let imageID = image.summary.imageID ?? ""
        image_detail = image.tags.map { tag in
            Detail(fulltag: tag.fullTag, fulldigest: "\(tag.registry)/\(tag.repository)@\(image.digest)", registry: tag.registry,
                   repo: tag.repository, tag: tag.tag, digest: image.digest, imageId: imageID, imageDigest: image.digest, dockerfile: nil,
                   tag_detected_at: tag.detectedAt, created_at: tag.detectedAt, last_updated: image.lastUpdated, userId: image.account)
        }
    }
}
