import Cataloging
import Foundation
import Model

/// Libraries an application was built against, from its `<app>.deps.json`
/// (https://github.com/dotnet/sdk/blob/main/documentation/specs/runtime-configuration-file.md):
/// every `libraries` entry `Name/Version`, as Syft's `dotnet-deps-cataloger` reports them: NuGet
/// packages, the app's own projects, reference assemblies and runtime packs (the library type is kept
/// in the metadata, so consumers can tell them apart).
public struct DotNetDepsCataloger: Cataloger {
    public let name = "dotnet-deps-cataloger"

    public init() {}

    struct DepsFile: Decodable {
        struct Library: Decodable {
            var type: String?
            var path: String?
            var sha512: String?
            var hashPath: String?
        }

        var libraries: [String: Lenient<Library>]?
    }

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && entry.path.hasSuffix(".deps.json") {
            let bytes: [UInt8]
            do { bytes = try resolver.contents(of: entry.path) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: error.description))
                continue
            }
            let deps: DepsFile
            do { deps = try JSONDecoder().decode(DepsFile.self, from: Data(bytes)) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path,
                                                            message: "malformed deps.json: \(LenientJSON.describe(error))"))
                continue
            }
            let libraries = deps.libraries ?? [:]
            for key in libraries.keys.sorted() {
                let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path,
                                                                message: "libraries: \"\(key)\" is not Name/Version"))
                    continue
                }
                switch libraries[key] {
                case .value(let library)?:
                    let metadata = DotNetMetadata(name: String(parts[0]), version: String(parts[1]), type: library.type, path: library.path,
                                                  sha512: library.sha512.flatMap { $0.isEmpty ? nil : $0 }, hashPath: library.hashPath)
                    result.packages.append(NuGetPackages.package(metadata, location: Location(entry), foundBy: name))
                case .failure(let message)?:
                    result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: "libraries.\(key): \(message)"))
                case nil:
                    continue
                }
            }
        }
        return result
    }
}
