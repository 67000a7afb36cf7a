import Model

/// Finds packages of one kind. Catalogers read only through the resolver, so they never know
/// whether they see the squashed image, every layer, or a directory (STYLE.md, after Syft).
public protocol Cataloger: Sendable {
    /// Syft's cataloger name, e.g. `dpkg-db-cataloger`.
    var name: String { get }
    func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult
}

/// What catalogers may know beyond the files: the distro, for PURL qualifiers and CPEs.
public struct CatalogContext: Sendable {
    public var distro: Distro?

    public init(distro: Distro?) {
        self.distro = distro
    }
}

/// Packages, relationships and the problems met on the way. A bad file yields a diagnostic, never
/// a failed catalog (STYLE.md: results + diagnostics).
public struct CatalogResult: Sendable {
    public var packages: [Package]
    public var relationships: [Relationship]
    public var diagnostics: [CatalogDiagnostic]

    public init(packages: [Package] = [], relationships: [Relationship] = [], diagnostics: [CatalogDiagnostic] = []) {
        self.packages = packages
        self.relationships = relationships
        self.diagnostics = diagnostics
    }

    public mutating func merge(_ other: CatalogResult) {
        packages += other.packages
        relationships += other.relationships
        diagnostics += other.diagnostics
    }
}

/// A file a cataloger could not read or parse, and why.
public struct CatalogDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public var cataloger: String
    public var path: String
    public var message: String

    public init(cataloger: String, path: String, message: String) {
        self.cataloger = cataloger
        self.path = path
        self.message = message
    }

    public var description: String { "\(cataloger): \(path): \(message)" }
}

extension FileResolver {
    /// Reads a file as UTF-8 text (invalid bytes replaced), recording a diagnostic if it cannot be read.
    public func text(of entry: FileEntry, cataloger: String, diagnostics: inout [CatalogDiagnostic]) -> String? {
        do {
            return String(decoding: try contents(of: entry.path), as: UTF8.self)
        } catch {
            diagnostics.append(CatalogDiagnostic(cataloger: cataloger, path: entry.path, message: error.description))
            return nil
        }
    }
}
