import Cataloging
import Model

/// Gems locked by Bundler: `Gemfile.lock` and `Gemfile.next.lock` (Syft's globs), every spec of the
/// `GEM`, `GIT`, `PATH` and `PLUGIN SOURCE` sections.
public struct GemfileLockCataloger: Cataloger {
    public let name = "ruby-gemfile-cataloger"

    public init() {}

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && ["Gemfile.lock", "Gemfile.next.lock"].contains(ImagePaths.base(entry.path)) {
            guard let text = resolver.text(of: entry, cataloger: name, diagnostics: &result.diagnostics) else { continue }
            let lock = GemfileLock.parse(text)
            for problem in lock.problems {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: "line \(problem.line): \(problem.message)"))
            }
            for spec in lock.specs {
                let metadata = GemMetadata(name: spec.name, version: spec.version, dependencies: spec.dependencies)
                result.packages.append(RubyGems.package(metadata, platform: spec.platform, location: Location(entry), foundBy: name))
            }
        }
        return result
    }
}
