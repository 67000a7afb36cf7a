import Cataloging
import Foundation
import Model

/// NuGet packages locked by `packages.lock.json` (https://learn.microsoft.com/nuget/consume-packages/package-references-in-project-files#locking-dependencies):
/// `dependencies.<target framework>.<package>.resolved`. A package resolved to the same version under
/// several target frameworks is one package (NuGet IDs compare case-insensitively), described by its
/// most direct entry (Direct before CentralTransitive before Transitive), as Syft merges them.
/// `Project` entries reference sibling projects and carry no version; they are not packages.
public struct DotNetPackagesLockCataloger: Cataloger {
    public let name = "dotnet-packages-lock-cataloger"

    public init() {}

    struct LockFile: Decodable {
        struct Dependency: Decodable {
            var type: String?
            var requested: String?
            var resolved: String?
            var contentHash: String?
        }

        var dependencies: [String: [String: Lenient<Dependency>]]?
    }

    static let typePrecedence = ["Project", "Direct", "CentralTransitive", "Transitive"]

    static func rank(_ type: String?) -> Int {
        type.flatMap { typePrecedence.firstIndex(of: $0) } ?? typePrecedence.count
    }

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && ImagePaths.base(entry.path) == "packages.lock.json" {
            let bytes: [UInt8]
            do { bytes = try resolver.contents(of: entry.path) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: error.description))
                continue
            }
            let lock: LockFile
            do { lock = try JSONDecoder().decode(LockFile.self, from: Data(bytes)) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path,
                                                            message: "malformed packages.lock.json: \(LenientJSON.describe(error))"))
                continue
            }
            var merged: [String: (name: String, dependency: LockFile.Dependency)] = [:]
            let frameworks = lock.dependencies ?? [:]
            for framework in frameworks.keys.sorted() {
                let packages = frameworks[framework] ?? [:]
                for packageName in packages.keys.sorted() {
                    switch packages[packageName] {
                    case .value(let dependency)?:
                        guard let version = dependency.resolved, !version.isEmpty else { continue }
                        let key = packageName.lowercased() + "/" + version
                        if let existing = merged[key], Self.rank(existing.dependency.type) <= Self.rank(dependency.type) { continue }
                        merged[key] = (packageName, dependency)
                    case .failure(let message)?:
                        result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path,
                                                                    message: "dependencies.\(framework).\(packageName): \(message)"))
                    case nil:
                        continue
                    }
                }
            }
            for key in merged.keys.sorted() {
                guard let (packageName, dependency) = merged[key], let version = dependency.resolved else { continue }
                let metadata = DotNetMetadata(name: packageName, version: version, type: dependency.type,
                                              contentHash: dependency.contentHash, requested: dependency.requested)
                result.packages.append(NuGetPackages.package(metadata, location: Location(entry), foundBy: name))
            }
        }
        return result
    }
}
