import Cataloging
import Foundation
import Model

/// Crates compiled into Rust executables built with cargo-auditable, from the dependency list it
/// embeds: the ELF section `.dep-v0`, a zlib stream of JSON
/// (https://github.com/rust-secure-code/cargo-auditable/blob/master/PARAMETERS.md). As Syft does, only
/// runtime crates are reported (build dependencies such as proc macros are not in the binary).
public struct CargoAuditableBinaryCataloger: Cataloger {
    public let name = "cargo-auditable-binary-cataloger"
    static let sectionName = ".dep-v0"
    static let maxBinaryBytes: Int64 = 512 << 20
    /// cargo-auditable's own reader refuses more than 8 MiB of JSON.
    static let maxJSONBytes = 8 << 20

    public init() {}

    struct AuditData: Decodable {
        struct Crate: Decodable {
            var name: String
            var version: String
            /// `crates.io`, `git`, `local`, `registry`, or `{"other": "…"}` (auditable-serde's `Source::Other`).
            var source: String?
            /// `runtime` (the default) or `build`.
            var kind: String?
            /// Indices into `packages`.
            var dependencies: [Int]?
            var root: Bool?

            enum CodingKeys: String, CodingKey {
                case name, version, source, kind, dependencies, root
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                name = try container.decode(String.self, forKey: .name)
                version = try container.decode(String.self, forKey: .version)
                source = container.tolerant(String.self, forKey: .source)
                    ?? container.tolerant([String: String].self, forKey: .source)?.values.first
                kind = container.tolerant(String.self, forKey: .kind)
                dependencies = try container.decodeIfPresent([Int].self, forKey: .dependencies)
                root = container.tolerant(Bool.self, forKey: .root)
            }
        }

        var packages: [Crate]
    }

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && entry.mode & 0o111 != 0 && entry.size > 64 && entry.size <= Self.maxBinaryBytes {
            let bytes: [UInt8]
            do { bytes = try resolver.contents(of: entry.path) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: error.description))
                continue
            }
            guard bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) else { continue }
            switch Self.read(bytes) {
            case .success(nil): continue
            case .success(let audit?):
                result.merge(packages(audit, location: Location(entry)))
            case .failure(let failure):
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: failure.message))
            }
        }
        return result
    }

    /// The decoded dependency list, `nil` for an ELF file without one, or why it could not be read.
    static func read(_ bytes: [UInt8]) -> Result<AuditData?, AuditFailure> {
        let json: [UInt8]
        do {
            let table = try ELFSectionTable.read(bytes)
            guard let section = table.section(named: sectionName) else { return .success(nil) }
            let compressed = try ELFSectionTable.contents(of: section, in: bytes)
            json = try Zlib.inflate(compressed, limit: maxJSONBytes)
        } catch let malformed as ELFSectionTable.Malformed {
            return .failure(AuditFailure(message: "malformed ELF file: \(malformed.message)"))
        } catch {
            return .failure(AuditFailure(message: "\(sectionName) section: \(error)"))
        }
        do {
            return .success(try JSONDecoder().decode(AuditData.self, from: Data(json)))
        } catch {
            return .failure(AuditFailure(message: "\(sectionName) section holds malformed dependency JSON: \(error)"))
        }
    }

    struct AuditFailure: Error, Equatable {
        var message: String
    }

    func packages(_ audit: AuditData, location: Location) -> CatalogResult {
        var result = CatalogResult()
        let included = audit.packages.indices.filter { audit.packages[$0].kind != "build" }
        var packageIndex: [Int: Int] = [:]
        var packages: [Package] = []
        for index in included {
            let crate = audit.packages[index]
            let dependencies = (crate.dependencies ?? []).compactMap { dependency in
                audit.packages.indices.contains(dependency) ? "\(audit.packages[dependency].name) \(audit.packages[dependency].version)" : nil
            }
            let metadata = RustCrateMetadata(name: crate.name, version: crate.version, source: crate.source, checksum: nil,
                                             dependencies: dependencies, isRoot: crate.root ?? false)
            packageIndex[index] = packages.count
            packages.append(RustCrates.package(metadata, location: location, foundBy: name))
        }
        RustCrates.disambiguate(&packages)
        for index in included {
            guard let child = packageIndex[index] else { continue }
            for dependency in audit.packages[index].dependencies ?? [] {
                guard let parent = packageIndex[dependency], parent != child else { continue }
                result.relationships.append(Relationship(parent: packages[parent].id, child: packages[child].id, kind: .dependencyOf))
            }
        }
        result.packages = packages
        return result
    }
}
