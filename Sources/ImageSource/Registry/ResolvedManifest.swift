import AsyncHTTPClient
import Model

/// What a registry says a reference points at, without fetching layers: the platform manifest's
/// digest (and the index's, when the reference named a multi-platform index). The service keys
/// images by this digest before it queues their analysis, as Anchore does.
public struct ResolvedManifest: Sendable, Hashable {
    public var digest: Digest
    /// The index (manifest list) digest when the reference named one; Anchore's `parentDigest`.
    public var parentDigest: Digest?
    public var mediaType: String?
    public var bytes: [UInt8]
}

extension ImageLoader {
    /// Resolves `reference` to its manifest digest, picking the options' platform from an index.
    public func resolveManifest(_ reference: ImageReference) async throws(ImageSourceError) -> ResolvedManifest {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .follow(max: 5, allowCycles: false),
                                                     timeout: .init(connect: .seconds(15), read: .seconds(60)))
        configuration.decompression = .disabled
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let client = RegistryClient(http: http, credentials: options.credentials, insecureHTTP: options.insecureHTTP, retry: options.retry)
        let result: Result<ResolvedManifest, ImageSourceError>
        do { result = .success(try await resolve(reference, client: client)) } catch { result = .failure(error) }
        try? await http.shutdown()
        return try result.get()
    }

    private func resolve(_ reference: ImageReference, client: RegistryClient) async throws(ImageSourceError) -> ResolvedManifest {
        let top = try await client.manifest(reference, reference: reference.manifestReference)
        switch try ManifestDocument.parse(top.bytes, declaredType: top.mediaType, what: "manifest \(reference)") {
        case .manifest:
            return ResolvedManifest(digest: top.digest, parentDigest: nil, mediaType: top.mediaType, bytes: top.bytes)
        case .index(let index):
            let selector = ManifestSelector(platform: options.platform, reference: nil)
            let chosen = try selector.choose(index.manifests.map { .init(descriptor: $0, referenceName: nil) }, in: reference.description)
            let child = try await client.manifest(reference, reference: chosen.descriptor.digest.description)
            return ResolvedManifest(digest: child.digest, parentDigest: top.digest, mediaType: child.mediaType ?? chosen.descriptor.mediaType,
                                    bytes: child.bytes)
        }
    }
}

extension ImageLoader {
    /// Logs in to `registry` (`GET /v2/`, answering its auth challenge) with the options' credentials:
    /// how `registry add` validates them. Throws `.registry(.unauthorized)` when they are refused.
    public func checkAccess(registry: String) async throws(ImageSourceError) {
        let http = HTTPClient(eventLoopGroupProvider: .singleton,
                              configuration: HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(30))))
        let client = RegistryClient(http: http, credentials: options.credentials, insecureHTTP: options.insecureHTTP, retry: options.retry)
        // The scope of a token request needs a repository; any name serves to check the login.
        let probe = ImageReference(registry: registry, repository: "hawser/access-check", tag: "latest", digest: nil)
        let result: Result<Void, ImageSourceError>
        do {
            _ = try await client.send(url: "\(await client.baseURL(registry))/v2/", image: probe, headers: [], collect: 1 << 16)
            result = .success(())
        } catch { result = .failure(error) }
        try? await http.shutdown()
        try result.get()
    }
}

extension ImageLoader {
    /// The tags of a repository (`GET /v2/<name>/tags/list`, following `Link` pages), for watching repositories.
    public func listTags(_ repository: ImageReference) async throws(ImageSourceError) -> [String] {
        let http = HTTPClient(eventLoopGroupProvider: .singleton,
                              configuration: HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(60))))
        let client = RegistryClient(http: http, credentials: options.credentials, insecureHTTP: options.insecureHTTP, retry: options.retry)
        let result: Result<[String], ImageSourceError>
        do {
            var tags: [String] = []
            var next: String? = "/v2/\(repository.repository)/tags/list?n=1000"
            var pages = 0
            while let path = next, pages < 100 {
                pages += 1
                let (response, body) = try await client.send(url: "\(await client.baseURL(repository.registry))\(path)", image: repository,
                                                             headers: [], collect: 8 << 20)
                struct TagList: Decodable { var tags: [String]? }
                tags += try JSONErrors.decode(TagList.self, from: body ?? [], what: "tag list of \(repository.name)").tags ?? []
                // `Link: </v2/name/tags/list?n=1000&last=x>; rel="next"`
                next = response.headers.first(name: "Link").flatMap { link in
                    guard link.contains("rel=\"next\""), let open = link.firstIndex(of: "<"), let close = link.firstIndex(of: ">") else { return nil }
                    return String(link[link.index(after: open)..<close])
                }
            }
            result = .success(tags)
        } catch { result = .failure(error) }
        try? await http.shutdown()
        return try result.get()
    }
}
