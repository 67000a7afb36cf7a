import Cataloging
import Foundation
import Model

/// PHP packages installed by Composer, from `vendor/composer/installed.json` (Syft's glob:
/// `**/installed.json`). Composer 1 writes an array of packages; Composer 2 an object with
/// `packages` and `dev-package-names`, which marks development packages.
public struct ComposerInstalledCataloger: Cataloger {
    public let name = "php-composer-installed-cataloger"

    public init() {}

    enum Installed: Decodable {
        case composer1([Lenient<ComposerPackage>])
        case composer2(packages: [Lenient<ComposerPackage>], developmentNames: Set<String>)

        enum CodingKeys: String, CodingKey {
            case packages
            case devPackageNames = "dev-package-names"
        }

        init(from decoder: any Decoder) throws {
            if let container = try? decoder.container(keyedBy: CodingKeys.self) {
                self = .composer2(packages: try container.decode([Lenient<ComposerPackage>].self, forKey: .packages),
                                  developmentNames: Set(container.tolerant([String].self, forKey: .devPackageNames) ?? []))
            } else {
                self = .composer1(try [Lenient<ComposerPackage>](from: decoder))
            }
        }
    }

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && ImagePaths.base(entry.path) == "installed.json" {
            let bytes: [UInt8]
            do { bytes = try resolver.contents(of: entry.path) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: error.description))
                continue
            }
            let installed: Installed
            do { installed = try JSONDecoder().decode(Installed.self, from: Data(bytes)) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path,
                                                            message: "malformed installed.json: \(LenientJSON.describe(error))"))
                continue
            }
            let elements: [Lenient<ComposerPackage>]
            var developmentNames: Set<String> = []
            switch installed {
            case .composer1(let packages): elements = packages
            case .composer2(let packages, let names): elements = packages; developmentNames = names
            }
            for (index, element) in elements.enumerated() {
                switch element {
                case .value(let package):
                    result.packages.append(package.package(isDevelopment: developmentNames.contains(package.name), location: Location(entry),
                                                           foundBy: name))
                case .failure(let message):
                    result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: "packages[\(index)]: \(message)"))
                }
            }
        }
        return result
    }
}
