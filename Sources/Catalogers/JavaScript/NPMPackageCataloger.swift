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
        var licenses: LicenseField?
        var `private`: Bool?
    }

    /// `"Name <email> (url)"` or `{"name", "email", "url"}`; anything else counts as absent.
    enum Person: Decodable {
        case text(String)
        case object(name: String?, email: String?, url: String?)
        case unusable

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .text(text); return }
            struct Object: Decodable { var name: String?; var email: String?; var url: String? }
            guard let object = try? container.decode(Object.self) else { self = .unusable; return }
            self = .object(name: object.name, email: object.email, url: object.url)
        }

        var display: String? {
            switch self {
            case .text(let text): return text.isEmpty ? nil : text
            case .object(let name, let email, let url):
                guard let name, !name.isEmpty else { return email }
                return [name, email.map { "<\($0)>" }, url.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
            case .unusable: return nil
            }
        }
    }

    /// `"MIT"`, the deprecated `{"type": "MIT"}`, or arrays of either; numbers and other junk count as none.
    enum LicenseField: Decodable {
        case values([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            struct Object: Decodable { var type: String? }
            if let text = try? container.decode(String.self) { self = .values([text]); return }
            if let object = try? container.decode(Object.self) { self = .values([object.type].compactMap { $0 }); return }
            if let texts = try? container.decode([String].self) { self = .values(texts); return }
            if let objects = try? container.decode([Object].self) { self = .values(objects.compactMap(\.type)); return }
            self = .values([])
        }

        var texts: [String] { if case .values(let values) = self { return values.filter { !$0.isEmpty } }; return [] }
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
            let licenses = (manifest.license?.texts ?? []) + (manifest.licenses?.texts ?? [])
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
