import Cataloging
import Foundation
import Model

/// Maven projects and their declared dependencies from `pom.xml` files
/// (https://maven.apache.org/pom.html), as Syft's `java-pom-cataloger` lists them: the project itself
/// and each `<dependency>` of its `<dependencies>` (every scope), with `dependency-of` edges to the project.
///
/// Versions are resolved the way Maven would without a repository: `${…}` properties from the POM
/// and its local parents (found through `<relativePath>`, `../pom.xml` by default), the built-in
/// `project.*` values, and `<dependencyManagement>` in the same chain. A dependency whose version
/// stays unresolved (a BOM import, a parent only in a repository) is left out with a diagnostic.
public struct JavaPomCataloger: Cataloger {
    public let name = "java-pom-cataloger"
    static let maxParentDepth = 8

    public init() {}

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        var cache: [String: POM] = [:]
        for entry in resolver.entries where entry.type == .regular && ImagePaths.base(entry.path) == "pom.xml" {
            let pom: POM
            do { pom = try Self.load(entry.path, resolver: resolver, cache: &cache) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: error.message))
                continue
            }
            catalog(pom, chain: Self.parents(of: pom, path: entry.path, resolver: resolver, cache: &cache), location: Location(entry), into: &result)
        }
        return result
    }

    func catalog(_ pom: POM, chain: [POM], location: Location, into result: inout CatalogResult) {
        let model = EffectiveModel(pom: pom, ancestors: chain)
        var unresolved: [String] = []
        guard let artifactID = model.resolve(pom.artifactID), !artifactID.isEmpty else {
            result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: location.path, message: "the project has no resolvable artifactId"))
            return
        }
        let groupID = model.groupID
        var project: Package?
        if let version = model.version {
            project = package(group: groupID, artifact: artifactID, version: version, licenses: pom.licenses, location: location)
        } else {
            unresolved.append("the project \(groupID.map { "\($0):" } ?? "")\(artifactID) (\(pom.version ?? pom.parent?.version ?? "no version"))")
        }
        var dependencies: [Package] = []
        for dependency in pom.dependencies {
            guard let artifact = model.resolve(dependency.artifactID), !artifact.isEmpty else { continue }
            let group = model.resolve(dependency.groupID)
            let declared = dependency.version ?? model.managedVersion(group: group, artifact: artifact)
            guard let declared, let version = model.resolve(declared) else {
                unresolved.append("\(group ?? "?"):\(artifact) (\(dependency.version ?? (declared.map { "managed: \($0)" } ?? "no version")))")
                continue
            }
            dependencies.append(package(group: group, artifact: artifact, version: version, licenses: [], location: location))
        }
        if !unresolved.isEmpty {
            result.diagnostics.append(CatalogDiagnostic(
                cataloger: name, path: location.path,
                message: "\(unresolved.count) version\(unresolved.count == 1 ? "" : "s") could not be resolved from the POM and its local parents: \(unresolved.joined(separator: ", "))"))
        }
        if let project {
            result.packages.append(project)
            for dependency in dependencies where dependency.id != project.id {
                result.relationships.append(Relationship(parent: dependency.id, child: project.id, kind: .dependencyOf))
            }
        }
        result.packages += dependencies
    }

    func package(group: String?, artifact: String, version: String, licenses: [String], location: Location) -> Package {
        let groupVendor = group?.split(separator: ".").dropFirst().first.map(String.init)
        return Package(
            name: artifact, version: version, type: .javaArchive, foundBy: name,
            purl: PURL(type: "maven", namespace: group ?? artifact, name: artifact, version: version).description,
            cpes: CPE.candidates(vendors: [groupVendor, artifact].compactMap { $0 }, products: [artifact], version: version),
            licenses: licenses, locations: [location], language: "java")
    }

    struct LoadError: Error {
        var message: String
    }

    static func load(_ path: String, resolver: any FileResolver, cache: inout [String: POM]) throws(LoadError) -> POM {
        if let cached = cache[path] { return cached }
        let bytes: [UInt8]
        do { bytes = try resolver.contents(of: path) } catch { throw LoadError(message: error.description) }
        let pom: POM
        do { pom = try POM.parse(Data(bytes)) } catch { throw LoadError(message: error.message) }
        cache[path] = pom
        return pom
    }

    /// The local parent chain, nearest first: each `<parent>` found at its `<relativePath>` (a
    /// directory means its `pom.xml`) whose coordinates match; stops at the first miss or a cycle.
    static func parents(of pom: POM, path: String, resolver: any FileResolver, cache: inout [String: POM]) -> [POM] {
        var chain: [POM] = []
        var visited: Set<String> = [path]
        var current = pom
        var currentPath = path
        while let parent = current.parent, chain.count < maxParentDepth {
            let relative = parent.relativePath ?? "../pom.xml"
            guard !relative.isEmpty else { break }
            var candidate = ImagePaths.join(ImagePaths.parent(currentPath), relative)
            if resolver.entry(at: candidate)?.type == .directory || !candidate.hasSuffix(".xml") {
                candidate = ImagePaths.join(candidate, "pom.xml")
            }
            guard visited.insert(candidate).inserted, let found = try? load(candidate, resolver: resolver, cache: &cache),
                  found.artifactID == parent.artifactID, (found.groupID ?? found.parent?.groupID) == parent.groupID else { break }
            chain.append(found)
            current = found
            currentPath = candidate
        }
        return chain
    }
}

extension JavaPomCataloger {
    /// What a POM's values resolve to, given its local ancestors (nearest first).
    struct EffectiveModel {
        var properties: [String: String]
        var managed: [String: String]  // groupId:artifactId → version as declared
        var groupID: String?
        var version: String?

        init(pom: POM, ancestors: [POM]) {
            var properties: [String: String] = [:]
            for pom in ([pom] + ancestors).reversed() { properties.merge(pom.properties) { _, child in child } }
            let rawGroup = pom.groupID ?? pom.parent?.groupID
            let rawVersion = pom.version ?? pom.parent?.version
            var builtIns: [String: String] = [:]
            builtIns["project.groupId"] = rawGroup
            builtIns["project.artifactId"] = pom.artifactID
            builtIns["project.version"] = rawVersion
            builtIns["project.parent.groupId"] = pom.parent?.groupID
            builtIns["project.parent.artifactId"] = pom.parent?.artifactID
            builtIns["project.parent.version"] = pom.parent?.version
            for (key, value) in builtIns {
                properties[key] = properties[key] ?? value
                // Maven 2 spellings, still seen: `${pom.version}`, `${version}`.
                let bare = String(key.dropFirst("project.".count))
                properties["pom." + bare] = properties["pom." + bare] ?? value
                if !bare.contains(".") { properties[bare] = properties[bare] ?? value }
            }
            self.properties = properties
            var managed: [String: String] = [:]
            for pom in [pom] + ancestors {
                for dependency in pom.managedDependencies {
                    guard let version = dependency.version else { continue }
                    let key = "\(dependency.groupID ?? ""):\(dependency.artifactID ?? "")"
                    if managed[key] == nil { managed[key] = version }
                }
            }
            self.managed = managed
            self.groupID = nil
            self.version = nil
            self.groupID = resolve(rawGroup)
            self.version = resolve(rawVersion)
        }

        /// Managed entries may themselves use properties for their coordinates.
        func managedVersion(group: String?, artifact: String) -> String? {
            if let direct = managed["\(group ?? ""):\(artifact)"] { return direct }
            for (key, version) in managed {
                let parts = key.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2, resolve(parts[1]) == artifact, resolve(parts[0]) == group else { continue }
                return version
            }
            return nil
        }

        /// Expands `${name}` references (nested ones too); `nil` when something stays unresolved.
        func resolve(_ text: String?) -> String? {
            guard var value = text?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
            for _ in 0..<16 {
                guard let start = value.range(of: "${") else { return value.isEmpty ? nil : value }
                guard let end = value[start.upperBound...].firstIndex(of: "}") else { return nil }
                let name = String(value[start.upperBound..<end])
                guard let replacement = properties[name] else { return nil }
                value.replaceSubrange(start.lowerBound...end, with: replacement)
            }
            return nil  // self-referencing properties
        }
    }
}
