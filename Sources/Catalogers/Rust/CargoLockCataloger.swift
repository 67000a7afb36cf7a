import Cataloging
import Model

/// Crates pinned by `Cargo.lock` files: every `[[package]]` entry, whatever its source (registry, git or
/// path), as Syft does, with `dependency-of` edges from each entry's `dependencies`.
public struct CargoLockCataloger: Cataloger {
    public let name = "rust-cargo-lock-cataloger"

    public init() {}

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && ImagePaths.base(entry.path) == "Cargo.lock" {
            guard let text = resolver.text(of: entry, cataloger: name, diagnostics: &result.diagnostics) else { continue }
            let lock = CargoLock.parse(text)
            for problem in lock.problems {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: "line \(problem.line): \(problem.message)"))
            }
            let crates = lock.crates.map {
                RustCrateMetadata(name: $0.name, version: $0.version, source: $0.source, checksum: $0.checksum, dependencies: $0.dependencies)
            }
            var packages = crates.map { RustCrates.package($0, location: Location(entry), foundBy: name) }
            RustCrates.disambiguate(&packages)
            for (index, crate) in crates.enumerated() {
                for reference in crate.dependencies {
                    guard let dependency = RustCrates.resolve(reference, in: crates), dependency != index else { continue }
                    result.relationships.append(Relationship(parent: packages[dependency].id, child: packages[index].id, kind: .dependencyOf))
                }
            }
            result.packages += packages
        }
        return result
    }
}
