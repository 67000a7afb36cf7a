import Cataloging
import Catalogers
import LayerFS
import Model

/// Turns an opened image into an SBOM: distro, catalogers over the chosen scope, source facts.
struct SBOMBuilder {
    var catalogers: [any Cataloger]

    func build(_ opened: OpenedImage, scope: Scope) async -> SBOM {
        let resolver = opened.resolver(scope: scope)
        // The distro is what the running container would see, whatever the scope.
        let distro = DistroDetector.detect(opened.resolver(scope: .squashed))
        let result = await CatalogRunner(catalogers: catalogers).run(resolver, distro: distro)
        let source: SBOMSource
        if let description = opened.description {
            source = SBOMSource(kind: "image", name: description.reference?.description ?? opened.source.description,
                                version: description.manifestDigest?.description, manifestDigest: description.manifestDigest,
                                configDigest: description.configDigest, platform: description.platform?.description,
                                layers: description.configuration.diffIDs, configuration: description.configuration)
        } else {
            source = SBOMSource(kind: "directory", name: opened.source.description)
        }
        return SBOM(source: source, distro: distro, packages: result.packages, relationships: result.relationships,
                    diagnostics: opened.diagnostics.map(\.description) + result.diagnostics.map(\.description))
    }
}
