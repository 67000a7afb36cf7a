import Foundation
import Service

/// `POST /images` bodies: Anchore's legacy form `{tag | digest, dockerfile, annotations, created_at,
/// image_type}` and the `source` form `{source: {tag: {pullstring, dockerfile} | digest: {pullstring,
/// tag, creation_timestamp_override, dockerfile}}, annotations}`. Unknown fields are refused.
struct ImageRequestBody: Decodable {
    struct TagSource: Decodable {
        var pullstring: String
        var dockerfile: String?
    }

    struct DigestSource: Decodable {
        var pullstring: String
        var tag: String?
        var creation_timestamp_override: String?
        var dockerfile: String?
    }

    struct ImportSource: Decodable {
        struct Contents: Decodable {
            var packages: String
            var dockerfile: String?
            var manifest: String?
            var image_config: String?
            var parent_manifest: String?
        }
        var operation_uuid: String
        var digest: String
        var tags: [String]?
        var parent_digest: String?
        var local_image_id: String?
        var contents: Contents
    }

    struct Source: Decodable {
        var tag: TagSource?
        var digest: DigestSource?
        var archive: [String: String]?
        var `import`: ImportSource?
    }

    var tag: String?
    var digest: String?
    var dockerfile: String?
    var annotations: [String: String]?
    var created_at: String?
    var image_type: String?
    var source: Source?

    static let allowedKeys: Set<String> = ["tag", "digest", "dockerfile", "annotations", "created_at", "image_type", "source"]
    static let allowedSourceKeys: Set<String> = ["tag", "digest", "archive", "import"]

    /// Checks the body's keys before decoding, so a misspelt field is an error rather than ignored.
    static func checkKeys(_ data: Data) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        let unknown = Set(object.keys).subtracting(allowedKeys)
        if !unknown.isEmpty {
            throw APIError(status: .badRequest, message: "unknown field(s) in the request body: \(unknown.sorted().joined(separator: ", "))")
        }
        if let source = object["source"] as? [String: Any] {
            let unknownSource = Set(source.keys).subtracting(allowedSourceKeys)
            if !unknownSource.isEmpty {
                throw APIError(status: .badRequest, message: "unknown source type(s): \(unknownSource.sorted().joined(separator: ", ")) (use tag or digest)")
            }
        }
    }

    /// The import this body names, if it is the `source.import` form.
    var imported: ImportedImage? {
        guard let found = source?.import else { return nil }
        return ImportedImage(operation: found.operation_uuid, digest: found.digest, parentDigest: found.parent_digest, tags: found.tags ?? [],
                             packages: found.contents.packages, dockerfile: found.contents.dockerfile, manifest: found.contents.manifest,
                             imageConfig: found.contents.image_config)
    }

    func addition(force: Bool, autosubscribe: Bool) throws -> ImageAddition {
        if image_type.map({ $0 != "docker" }) == true {
            throw APIError(status: .badRequest, message: "unsupported image_type '\(image_type ?? "")' (only docker)")
        }
        func decodeDockerfile(_ text: String?) throws -> String? {
            guard let text, !text.isEmpty else { return nil }
            guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else {
                throw APIError(status: .badRequest, message: "dockerfile must be base64-encoded text")
            }
            return decoded
        }
        var addition = ImageAddition(force: force, autosubscribe: autosubscribe, annotations: annotations ?? [:])
        if let source {
            if source.archive != nil {
                throw APIError(status: .badRequest, message: "archive sources are not supported; add the image by tag, digest or import")
            }
            if let tagSource = source.tag {
                addition.tag = tagSource.pullstring
                addition.dockerfile = try decodeDockerfile(tagSource.dockerfile)
            } else if let digestSource = source.digest {
                addition.digestPullString = digestSource.pullstring
                addition.tag = digestSource.tag
                addition.dockerfile = try decodeDockerfile(digestSource.dockerfile)
                guard digestSource.pullstring.contains("@") else {
                    throw APIError(status: .badRequest, message: "source.digest.pullstring must be registry/repo@sha256:<digest>, not '\(digestSource.pullstring)'")
                }
            } else {
                throw APIError(status: .badRequest, message: "source must have tag or digest")
            }
        } else {
            addition.tag = tag
            addition.dockerfile = try decodeDockerfile(dockerfile)
            if let digest {
                if digest.contains("@") {
                    addition.digestPullString = digest
                } else if let tag, let at = Optional(tag.split(separator: ":").dropLast().joined(separator: ":")), !at.isEmpty {
                    addition.digestPullString = "\(tag.contains("/") ? at : tag)@\(digest)"
                } else {
                    throw APIError(status: .badRequest, message: "a digest needs the tag it belongs to (tag: registry/repo:tag)")
                }
                if !digest.contains("sha256:") { throw APIError(status: .badRequest, message: "invalid digest '\(digest)': expected sha256:<64 hex>") }
            }
        }
        guard addition.tag != nil || addition.digestPullString != nil else {
            throw APIError(status: .badRequest, message: "the request names no image: give tag, digest or source")
        }
        return addition
    }
}
