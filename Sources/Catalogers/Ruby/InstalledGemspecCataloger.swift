import Cataloging
import Model

/// Installed gems: the specs RubyGems writes to `specifications/*.gemspec` under each gem home
/// (`/usr/local/bundle`, `/var/lib/gems/<ruby>`, `vendor/bundle/ruby/<ruby>` …), Syft's glob
/// `**/specifications/**/*.gemspec`. The files are Ruby; they are read with `Gemspec`, never run.
public struct InstalledGemspecCataloger: Cataloger {
    public let name = "ruby-installed-gemspec-cataloger"
    /// Generated specs are a few kilobytes; the literal reader is not meant for megabytes of Ruby.
    static let maxSpecBytes: Int64 = 4 << 20

    public init() {}

    static func isInstalledSpec(_ path: String) -> Bool {
        path.hasSuffix(".gemspec") && path.contains("/specifications/")
    }

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && Self.isInstalledSpec(entry.path) {
            guard entry.size <= Self.maxSpecBytes else {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: "gemspec larger than \(Self.maxSpecBytes) bytes"))
                continue
            }
            guard let text = resolver.text(of: entry, cataloger: name, diagnostics: &result.diagnostics) else { continue }
            switch Gemspec.parse(text) {
            case .failure(let problem):
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: "unusable gemspec: \(problem.message)"))
            case .success(let spec):
                let metadata = GemMetadata(name: spec.name, version: spec.version, authors: spec.authors, licenses: spec.licenses,
                                           homepage: spec.homepage, files: spec.files, dependencies: spec.dependencies)
                result.packages.append(RubyGems.package(metadata, location: Location(entry), foundBy: name))
            }
        }
        return result
    }
}
