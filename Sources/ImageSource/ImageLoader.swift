import AsyncHTTPClient
import Model

/// Fetches an image from any supported source, up to the point where its layer blobs are on
/// local disk (in the blob cache, or in place inside an archive or layout). Nothing is executed.
public struct ImageLoader: Sendable {
    public var options: SourceOptions

    public init(options: SourceOptions) {
        self.options = options
    }

    public func load(_ source: SourceSpecifier) async throws(ImageSourceError) -> LoadedSource {
        let selector = ManifestSelector(platform: options.platform, reference: nil)
        let assembler = ImageAssembler(source: source.description, sourceKind: source.kind, platform: options.platform)
        switch source {
        case .registry(let reference):
            return .image(try await readRegistry(reference, selector: selector, assembler: assembler))
        case .ociDirectory(let path, let reference):
            guard HostFiles.isDirectory(path) else {
                throw HostFiles.exists(path) ? .invalidSource(source.description, reason: "\(path) is not a directory") : .fileNotFound(path: path)
            }
            var named = selector
            named.reference = reference
            return .image(try OCILayoutReader(files: DirectoryLayoutFiles(root: path), selector: named, assembler: assembler).read())
        case .ociArchive(let path, let reference):
            var named = selector
            named.reference = reference
            let files = try ArchiveLayoutFiles(archive: path, cache: BlobCache(directory: options.cacheDirectory), limits: options.limits)
            return .image(try OCILayoutReader(files: files, selector: named, assembler: assembler).read())
        case .dockerArchive(let path, let reference):
            let files = try ArchiveLayoutFiles(archive: path, cache: BlobCache(directory: options.cacheDirectory), limits: options.limits)
            return .image(try DockerArchiveReader(files: files, reference: reference, assembler: assembler).read())
        case .directory(let path):
            guard HostFiles.isDirectory(path) else {
                throw HostFiles.exists(path) ? .invalidSource(source.description, reason: "\(path) is not a directory") : .fileNotFound(path: path)
            }
            return .directory(path: path)
        }
    }

    private func readRegistry(_ reference: ImageReference, selector: ManifestSelector, assembler: ImageAssembler) async throws(ImageSourceError) -> ImageDescription {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .follow(max: 5, allowCycles: false),
                                                     timeout: .init(connect: .seconds(15), read: .seconds(90)))
        configuration.decompression = .disabled
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let client = RegistryClient(http: http, credentials: options.credentials, insecureHTTP: options.insecureHTTP, retry: options.retry)
        let reader = RegistryImageReader(client: client, cache: BlobCache(directory: options.cacheDirectory), selector: selector, assembler: assembler)
        let result: Result<ImageDescription, ImageSourceError>
        do { result = .success(try await reader.read(reference)) } catch { result = .failure(error) }
        try? await http.shutdown()
        return try result.get()
    }
}
