import Cataloging
import Foundation
import Model

/// Installed npm packages: every `package.json` with a name and version (as Syft's image cataloger does).
/// Format: https://docs.npmjs.com/cli/configuring-npm/package-json
public struct NPMPackageCataloger: Cataloger {
    public let name = "javascript-package-cataloger"

    public init() {}

    struct Manifest: Decodable {
        var name: String?
        var version: String?
        var author: Person?
        var homepage: String?
        var license: LicenseField?
        var licenses: [LicenseField]?
        var `private`: Bool?
    }

    /// `"Name <email> (url)"` or `{"name", "email"}`.
    enum Person: Decodable {
        case text(String)
        case object(name: String?, email: String?)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .text(text); return }
            struct Object: Decodable { var name: String?; var email: String? }
            let object = try container.decode(Object.self)
            self = .object(name: object.name, email: object.email)
        }

        var display: String? {
            switch self {
            case .text(let text): text.isEmpty ? nil : text
            case .object(let name, let email): name.map { name in email.map { "\(name) <\($0)>" } ?? name } ?? email
            }
        }
    }

    /// `"MIT"` or the deprecated `{"type": "MIT"}`.
    enum LicenseField: Decodable {
        case value(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .value(text); return }
            struct Object: Decodable { var type: String? }
            self = .value(try container.decode(Object.self).type ?? "")
        }

        var text: String? { if case .value(let text) = self, !text.isEmpty { return text }; return nil }
    }

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && entry.path.hasSuffix("/package.json") {
            guard let bytes = try? resolver.contents(of: entry.path) else { continue }
            let manifest: Manifest
            do { manifest = try JSONDecoder().decode(Manifest.self, from: Data(bytes)) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: "malformed package.json: \(error)"))
                continue
            }
            guard let packageName = manifest.name, let version = manifest.version, !packageName.isEmpty, !version.isEmpty else { continue }
            let licenses = ([manifest.license] + (manifest.licenses ?? []).map { Optional($0) }).compactMap { $0?.text }
            var namespace: String?
            var bareName = packageName
            if packageName.hasPrefix("@"), let slash = packageName.firstIndex(of: "/") {
                namespace = String(packageName[..<slash])
                bareName = String(packageName[packageName.index(after: slash)...])
            }
            let author = manifest.author?.display
            result.packages.append(Package(
                name: packageName, version: version, type: .npm, foundBy: name,
                purl: PURL(type: "npm", namespace: namespace, name: bareName, version: version).description,
                cpes: CPE.candidates(vendors: [bareName], products: [bareName], version: version, targetSoftware: "node.js"),
                licenses: licenses, locations: [Location(entry)], language: "javascript", supplier: author,
                metadata: .npm(NPMMetadata(name: packageName, version: version, author: author, homepage: manifest.homepage, license: licenses.first))))
        }
        return result
    }
}
