import Archive
import Cataloging
import Catalogers
import ImageSource
import LayerFS
import Model

/// Hawser's use cases; the CLI and the API server are thin shells over this.
public struct Engine: Sendable {
    public var sourceOptions: SourceOptions
    public var limits: ArchiveLimits
    public var progress: (any ProgressReporter)?

    public init(sourceOptions: SourceOptions, limits: ArchiveLimits = .default, progress: (any ProgressReporter)? = nil) {
        self.sourceOptions = sourceOptions
        self.limits = limits
        self.progress = progress
    }

    /// Fetches `source` and indexes its layers (Fetch, mission step 1).
    public func open(_ source: String) async throws(EngineError) -> OpenedImage {
        let specifier: SourceSpecifier
        do { specifier = try SourceSpecifier(parsing: source) } catch { throw .source(error) }
        return try await open(specifier)
    }

    /// `keepUncompressedLayers` keeps an uncompressed copy of each compressed layer in the cache,
    /// for use cases that read many files' contents (cataloging).
    public func open(_ specifier: SourceSpecifier, keepUncompressedLayers: Bool = false) async throws(EngineError) -> OpenedImage {
        let loaded: LoadedSource
        progress?.stage("fetching \(specifier)")
        do { loaded = try await ImageLoader(options: sourceOptions).load(specifier) } catch { throw .source(error) }
        switch loaded {
        case .image(let description):
            progress?.stage("reading \(description.layers.count) layers")
            do {
                let layers = try await LayeredImage.read(description.layers, limits: limits,
                                                         uncompressedCache: keepUncompressedLayers ? sourceOptions.cacheDirectory + "/layers" : nil)
                return OpenedImage(source: specifier, content: .image(description, layers))
            } catch {
                throw .layers(error)
            }
        case .directory(let path):
            do {
                return OpenedImage(source: specifier, content: .directory(path: path, try DirectoryTree.read(root: path, limits: limits)))
            } catch {
                throw .layers(error)
            }
        }
    }

    /// What `hawser inspect` reports.
    public func inspect(_ source: String) async throws(EngineError) -> ImageInspection {
        let opened = try await open(source)
        return ImageInspection(opened)
    }

    /// Analyze (mission step 2): packages, files, secrets and image metadata of `source`, as an SBOM.
    public func sbom(_ source: String, scope: Scope) async throws(EngineError) -> SBOM {
        try await sbom(source, options: AnalysisOptions(scope: scope))
    }

    public func sbom(_ source: String, options: AnalysisOptions = AnalysisOptions()) async throws(EngineError) -> SBOM {
        let specifier: SourceSpecifier
        do { specifier = try SourceSpecifier(parsing: source) } catch { throw .source(error) }
        let opened = try await open(specifier, keepUncompressedLayers: true)
        progress?.stage("cataloging")
        let catalogers = opened.description == nil ? Catalogers.forDirectories() : Catalogers.forImages()
        let sbom = await SBOMBuilder(catalogers: catalogers).build(opened, options: options)
        progress?.finished()
        return sbom
    }
}
