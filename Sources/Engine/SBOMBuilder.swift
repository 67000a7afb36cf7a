import Cataloging
import Foundation
import Catalogers
import LayerFS
import Model

/// Turns an opened image into an SBOM: distro, catalogers over the chosen scope, source facts.
struct SBOMBuilder {
    var catalogers: [any Cataloger]

    func build(_ opened: OpenedImage, options: AnalysisOptions) async -> SBOM {
        let resolver = opened.resolver(scope: options.scope)
        // The distro is what the running container would see, whatever the scope.
        let distro = DistroDetector.detect(opened.resolver(scope: .squashed))
        let layers = opened.description?.configuration.diffIDs ?? []
        let cache = options.layerCacheDirectory.flatMap { layers.isEmpty ? nil : LayerResultsCache(directory: $0, options: options) }
        let known = cache?.load(layers) ?? [:]
        async let catalogued = CatalogRunner(catalogers: catalogers).run(resolver, distro: distro)
        async let fileRecords = options.fileRecords
            ? FileRecordCataloger(digestSizeLimit: options.digestSizeLimit).catalog(resolver, known: known) : ([], [])
        let searcher = SecretsSearcher(patterns: options.secretPatterns, maxFileSize: options.secretMaxFileSize)
        let secrets = searcher.search(resolver, known: known)
        // Not cached per layer: the patterns are the deployment's own and usually few.
        let content = options.contentPatterns.isEmpty ? nil
            : SecretsSearcher(patterns: options.contentPatterns, maxFileSize: options.secretMaxFileSize).search(resolver)
        let verification = options.verifyPackageFiles ? PackageFileVerifier().verify(resolver) : nil
        var retrieved: [RetrievedFile] = []
        for path in options.retrievedFiles {
            if let entry = try? resolver.resolve(path), let bytes = try? resolver.contents(of: path) {
                retrieved.append(RetrievedFile(location: Location(entry), contents: Data(bytes)))
            }
        }
        let result = await catalogued
        let files = await fileRecords
        if let cache, options.fileRecords {
            cache.save(layers, known: known, files: files.0, searched: resolver.entries.filter(searcher.reads), secrets: secrets.findings)
        }
        let source: SBOMSource
        if let description = opened.description {
            source = SBOMSource(kind: "image", name: description.reference?.description ?? opened.source.description,
                                version: description.manifestDigest?.description, manifestDigest: description.manifestDigest,
                                configDigest: description.configDigest, platform: description.platform?.description,
                                layers: description.configuration.diffIDs, configuration: description.configuration)
        } else {
            source = SBOMSource(kind: "directory", name: opened.source.description)
        }
        let dockerfile = options.dockerfile.map { Dockerfile(text: $0, guessed: false) }
            ?? opened.description.flatMap { DockerfileGuesser.guess($0.configuration) }
        let diagnostics = opened.diagnostics.map(\.description) + (result.diagnostics + files.1 + secrets.diagnostics + (content?.diagnostics ?? [])).map(\.description)
        return SBOM(source: source, distro: distro, packages: result.packages, relationships: result.relationships, files: files.0,
                    secrets: secrets.findings, contentMatches: content?.findings,
                    packageVerification: verification, retrievedFiles: retrieved, dockerfile: dockerfile, diagnostics: diagnostics)
    }
}
