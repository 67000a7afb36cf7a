import Cataloging
import Foundation
import Model

/// PHP packages pinned by `composer.lock`: `packages`, and `packages-dev` marked as development
/// packages (Syft reads only `packages`; trivy reads both). Format: https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control
public struct ComposerLockCataloger: Cataloger {
    public let name = "php-composer-lock-cataloger"
    /// Whether `packages-dev` entries are reported too.
    public var includeDevelopmentPackages: Bool

    public init(includeDevelopmentPackages: Bool = true) {
        self.includeDevelopmentPackages = includeDevelopmentPackages
    }

    struct Lock: Decodable {
        var packages: [Lenient<ComposerPackage>]?
        var packagesDev: [Lenient<ComposerPackage>]?

        enum CodingKeys: String, CodingKey {
            case packages
            case packagesDev = "packages-dev"
        }
    }

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && ImagePaths.base(entry.path) == "composer.lock" {
            let bytes: [UInt8]
            do { bytes = try resolver.contents(of: entry.path) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: error.description))
                continue
            }
            let lock: Lock
            do { lock = try JSONDecoder().decode(Lock.self, from: Data(bytes)) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path,
                                                            message: "malformed composer.lock: \(LenientJSON.describe(error))"))
                continue
            }
            let sections = [("packages", lock.packages ?? [], false)] + (includeDevelopmentPackages ? [("packages-dev", lock.packagesDev ?? [], true)] : [])
            for (key, elements, isDevelopment) in sections {
                for (index, element) in elements.enumerated() {
                    switch element {
                    case .value(let package):
                        result.packages.append(package.package(isDevelopment: isDevelopment, location: Location(entry), foundBy: name))
                    case .failure(let message):
                        result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: "\(key)[\(index)]: \(message)"))
                    }
                }
            }
        }
        return result
    }
}
