import Foundation
import Hummingbird
import Model
import SBOMFormats
import Service
import Store

/// `/images/{digest}/content`, `/metadata`, `/vuln`, `/sboms` and `/artifacts`: what the analysis stored.
struct ImageContentRoutes {
    let service: HawserService
    let images: ImageRoutes
    let cache: ResponseCache

    struct ContentReply: Encodable {
        var imageDigest: String
        var content_type: String
        var content: [[String: AnchoreContent.Value]]
    }

    struct MetadataReply: Encodable {
        var imageDigest: String
        var metadata_type: String
        var metadata: String
    }

    struct VulnerabilityReply: Encodable {
        var imageDigest: String
        var vulnerability_type: String
        var vulnerabilities: [AnchoreVulnerability]
    }

    func register<Router: RouterMethods<APIContext>>(on router: Router) {
        router.get("images/:digest/content") { _, context in
            let image = try await images.resolve(context)
            guard image.analysisStatus == .analyzed else { throw APIError(ServiceError.notAnalyzed(status: image.analysisStatus)) }
            return try JSONReply.make(AnchoreContent.types)
        }
        router.get("images/:digest/content/:type") { _, context in try await content(context) }
        router.get("images/by_id/:imageId/content/:type") { _, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("imageId")
            let image = try await call { () async throws(ServiceError) in try await service.image(account: account, imageID: id) }
            return try await content(context, image: image)
        }
        router.get("images/:digest/metadata") { _, context in
            let image = try await images.resolve(context)
            guard image.analysisStatus == .analyzed else { throw APIError(ServiceError.notAnalyzed(status: image.analysisStatus)) }
            return try JSONReply.make(["manifest", "docker_history", "dockerfile"])
        }
        router.get("images/:digest/metadata/:type") { _, context in try await metadata(context) }
        router.get("images/:digest/vuln") { _, context in
            let image = try await images.resolve(context)
            guard image.analysisStatus == .analyzed else { throw APIError(ServiceError.notAnalyzed(status: image.analysisStatus)) }
            return try JSONReply.make(["os", "non-os", "all"])
        }
        router.get("images/:digest/vuln/:type") { request, context in try await vulnerabilities(request, context) }
        router.get("images/:digest/sboms/:format") { _, context in try await sbomExport(context) }
        router.get("images/:digest/artifacts/:type") { _, context in try await artifacts(context) }
    }

    func content(_ context: APIContext, image given: StoredImage? = nil) async throws -> Response {
        let account = try context.requireAccount()
        let type = try context.parameters.require("type")
        let image: StoredImage
        if let given { image = given } else { image = try await images.resolve(context) }
        guard AnchoreContent.types.contains(type) else {
            throw APIError(status: .notFound, message: "unknown content type '\(type)' (one of \(AnchoreContent.types.joined(separator: ", ")))")
        }
        let sbom = try await call { () async throws(ServiceError) in try await service.sbom(account: account, digest: image.digest) }
        let content = type == "files" ? AnchoreContent.files(sbom) : (AnchoreContent.packages(sbom, type: type) ?? [])
        return try JSONReply.make(ContentReply(imageDigest: image.digest, content_type: type, content: content))
    }

    func metadata(_ context: APIContext) async throws -> Response {
        let account = try context.requireAccount()
        let type = try context.parameters.require("type")
        let image = try await images.resolve(context)
        let text: Data
        switch type {
        case "manifest":
            text = try await call { () async throws(ServiceError) in try await service.document(.manifest, account: account, digest: image.digest) }
        case "docker_history":
            let sbom = try await call { () async throws(ServiceError) in try await service.sbom(account: account, digest: image.digest) }
            text = try JSONReply.encoder.encode(DockerHistory.entries(sbom.source.configuration))
        case "dockerfile":
            let sbom = try await call { () async throws(ServiceError) in try await service.sbom(account: account, digest: image.digest) }
            text = Data((sbom.dockerfile?.text ?? "").utf8)
        default:
            throw APIError(status: .notFound, message: "unknown metadata type '\(type)' (one of manifest, docker_history, dockerfile)")
        }
        return try JSONReply.make(MetadataReply(imageDigest: image.digest, metadata_type: type, metadata: text.base64EncodedString()))
    }

    func vulnerabilities(_ request: Request, _ context: APIContext) async throws -> Response {
        let account = try context.requireAccount()
        let type = try context.parameters.require("type")
        guard ["os", "non-os", "all"].contains(type) else {
            throw APIError(status: .notFound, message: "unknown vulnerability type '\(type)' (one of os, non-os, all)")
        }
        let vendorOnly = try request.flag("vendor_only", default: true)
        let refresh = try request.flag("force_refresh", default: false)
        let image = try await images.resolve(context)
        guard image.analysisStatus == .analyzed else { throw APIError(ServiceError.notAnalyzed(status: image.analysisStatus)) }
        let database = try await call { () async throws(ServiceError) in try await service.matchingDatabase.current().identity }
        let key = [account, image.digest, String(image.recordVersion), database, type, String(vendorOnly)].joined(separator: "|")
        if !refresh, let cached = await cache.value(key) { return JSONReply.raw(cached) }
        let report = try await call { () async throws(ServiceError) in
            try await service.vulnerabilities(account: account, digest: image.digest, refresh: refresh)
        }
        let rows = report.matches
            .filter { AnchoreVulnerability.matches($0, type: type) && (!vendorOnly || $0.vulnerability.fixState != .wontFix) }
            .map(AnchoreVulnerability.init)
        let body = Array(try JSONReply.encoder.encode(VulnerabilityReply(imageDigest: image.digest, vulnerability_type: type, vulnerabilities: rows)))
        await cache.store(key, body)
        return JSONReply.raw(body)
    }

    func sbomExport(_ context: APIContext) async throws -> Response {
        let account = try context.requireAccount()
        let format = try context.parameters.require("format")
        let image = try await images.resolve(context)
        let sbom = try await call { () async throws(ServiceError) in try await service.sbom(account: account, digest: image.digest) }
        let timestamp = JSONReply.timestamp(image.analyzedAt ?? image.createdAt)
        let serial = String(image.digest.dropFirst("sha256:".count).prefix(32))
        switch format {
        case "native", "native-json": return JSONReply.raw(try SBOMFormat.hawserJSON.encode(sbom, timestamp: timestamp, serial: serial))
        case "cyclonedx-json":
            return JSONReply.raw(try SBOMFormat.cyclonedxJSON.encode(sbom, timestamp: timestamp, serial: serial), contentType: "application/vnd.cyclonedx+json")
        case "spdx-json":
            return JSONReply.raw(try SBOMFormat.spdxJSON.encode(sbom, timestamp: timestamp, serial: serial), contentType: "application/spdx+json")
        case "syft-json": return JSONReply.raw(try SBOMFormat.syftJSON.encode(sbom, timestamp: timestamp, serial: serial))
        default: throw APIError(status: .notFound, message: "unknown SBOM format '\(format)' (one of native-json, cyclonedx-json, spdx-json, syft-json)")
        }
    }

    struct RetrievedFileReply: Encodable {
        var path: String
        var b64_content: String
    }

    struct SecretReply: Encodable {
        struct Match: Encodable {
            var name: String
            var regex: String
            var lines: [Int]
        }
        var path: String
        var matches: [Match]
    }

    func artifacts(_ context: APIContext) async throws -> Response {
        let account = try context.requireAccount()
        let type = try context.parameters.require("type")
        let image = try await images.resolve(context)
        let sbom = try await call { () async throws(ServiceError) in try await service.sbom(account: account, digest: image.digest) }
        switch type {
        case "retrieved_files":
            return try JSONReply.make(sbom.retrievedFiles.map { RetrievedFileReply(path: $0.location.path, b64_content: $0.contents.base64EncodedString()) })
        case "secret_search":
            let byPath = Dictionary(grouping: sbom.secrets, by: \.location.path)
            return try JSONReply.make(byPath.keys.sorted().map { path in
                SecretReply(path: path, matches: (byPath[path] ?? []).map { SecretReply.Match(name: $0.name, regex: $0.name, lines: [$0.line]) })
            })
        case "file_content_search":
            // Named by the analyzer's NAME=REGEX entry, as Anchore reports content-search matches.
            let byPath = Dictionary(grouping: sbom.contentMatches ?? [], by: \.location.path)
            return try JSONReply.make(byPath.keys.sorted().map { path in
                SecretReply(path: path, matches: Dictionary(grouping: byPath[path] ?? [], by: \.name).sorted { $0.key < $1.key }.map { entry, found in
                    let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                    return SecretReply.Match(name: parts[0], regex: parts.count > 1 ? parts[1] : entry, lines: found.map(\.line).sorted())
                })
            })
        default:
            throw APIError(status: .notFound, message: "unknown artifact type '\(type)' (one of retrieved_files, secret_search, file_content_search)")
        }
    }
}

/// Docker's `history` as Anchore serves it under `metadata/docker_history`.
enum DockerHistory {
    struct Entry: Encodable {
        var Created: String?
        var CreatedBy: String?
        var Comment: String?
        var Id: String
        var Size: Int
        var Tags: [String]
    }

    static func entries(_ configuration: ImageConfiguration?) -> [Entry] {
        (configuration?.history ?? []).map { entry in
            Entry(Created: entry.created, CreatedBy: entry.createdBy, Comment: entry.comment, Id: "<missing>", Size: 0, Tags: [])
        }
    }
}
