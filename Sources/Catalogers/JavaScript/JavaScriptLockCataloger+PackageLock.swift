import Foundation
import Model

extension JavaScriptLockCataloger {
    /// `package-lock.json` / `npm-shrinkwrap.json`
    /// (https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json): v1 nests a `dependencies`
    /// tree; v2 and v3 list every installed folder under `packages`, keyed by its path
    /// (`node_modules/a/node_modules/b`), with the project itself under `""`.
    enum PackageLock {
        struct Document: Decodable {
            var name: String?
            var version: String?
            var lockfileVersion: Int?
            var dependencies: [String: V1Dependency]?
            var packages: [String: V2Package]?
        }

        struct V1Dependency: Decodable {
            var version: String?
            var dev: Bool?
            var requires: [String: String]?
            var dependencies: [String: V1Dependency]?
        }

        struct V2Package: Decodable {
            var name: String?
            var version: String?
            var dev: Bool?
            var link: Bool?
            var resolved: String?
            var license: Licenses?
            var dependencies: [String: String]?
            var optionalDependencies: [String: String]?
            var devDependencies: [String: String]?
            var peerDependencies: [String: String]?
        }

        /// `"MIT"`, `["MIT", "Apache2"]`, or the legacy `{"type": "MIT"}`; anything else is ignored.
        struct Licenses: Decodable {
            var values: [String]

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                struct Object: Decodable { var type: String? }
                if let text = try? container.decode(String.self) {
                    values = [text]
                } else if let list = try? container.decode([String].self) {
                    values = list
                } else if let object = try? container.decode(Object.self), let type = object.type {
                    values = [type]
                } else {
                    values = []
                }
                values = values.filter { !$0.isEmpty }
            }
        }

        static func parse(_ text: String, resolver: any FileResolver, lockPath: String) throws(LockError) -> Parsed {
            let document: Document
            do { document = try JSONDecoder().decode(Document.self, from: Data(text.utf8)) } catch {
                throw LockError(message: "malformed package-lock.json: \(describe(error))")
            }
            switch document.lockfileVersion {
            case 1?:
                return parseV1(document.dependencies ?? [:], resolver: resolver, directory: ImagePaths.parent(lockPath))
            case 2?, 3?:
                return parseV2(document.packages ?? [:])
            case let version?:
                throw LockError(message: "unsupported package-lock.json lockfileVersion \(version)")
            case nil:
                // Very old npm (5.0) wrote no version: the v1 tree is all there is.
                if let dependencies = document.dependencies { return parseV1(dependencies, resolver: resolver, directory: ImagePaths.parent(lockPath)) }
                throw LockError(message: "package-lock.json has no lockfileVersion")
            }
        }

        /// The v1 tree, depth first. A dev dependency's subtree is dev too (npm marks it, but hand-made
        /// locks may not). The project itself is not part of a v1 lock's entries.
        static func parseV1(_ dependencies: [String: V1Dependency], resolver: any FileResolver, directory: String) -> Parsed {
            var parsed = Parsed()
            func walk(_ level: [String: V1Dependency], parentIsDev: Bool, depth: Int) {
                guard depth < 64 else { return }
                for key in level.keys.sorted() {
                    guard let dependency = level[key] else { continue }
                    let isDev = parentIsDev || dependency.dev == true
                    if let version = dependency.version {
                        let (name, resolvedVersion) = aliased(name: key, version: version)
                        let requires = (dependency.requires ?? [:]).compactMap { requiredName, _ in
                            resolveV1(requiredName, from: dependency, top: dependencies)
                        }
                        parsed.entries.append(Entry(name: name, version: resolvedVersion, licenses: installedLicenses(name, resolver: resolver, directory: directory),
                                                    isDev: isDev, dependencies: requires))
                    }
                    walk(dependency.dependencies ?? [:], parentIsDev: isDev, depth: depth + 1)
                }
            }
            walk(dependencies, parentIsDev: false, depth: 0)
            return parsed
        }

        /// A `requires` name resolves to the copy nested under the dependant, else the top-level one
        /// (v1 records no intermediate levels, so deeper hoisting is approximated by these two).
        static func resolveV1(_ name: String, from dependency: V1Dependency, top: [String: V1Dependency]) -> String? {
            guard let target = dependency.dependencies?[name] ?? top[name], let version = target.version else { return nil }
            let (resolvedName, resolvedVersion) = aliased(name: name, version: version)
            return "\(resolvedName)@\(resolvedVersion)"
        }

        /// npm aliases: `"case-alias": {"version": "npm:case@1.6.3"}` installs `case` 1.6.3.
        static func aliased(name: String, version: String) -> (String, String) {
            guard version.hasPrefix("npm:") else { return (name, version) }
            let spec = version.dropFirst(4)
            guard let at = spec.dropFirst().lastIndex(of: "@") else { return (name, version) }
            return (String(spec[..<at]), String(spec[spec.index(after: at)...]))
        }

        /// v1 locks carry no licenses; the installed `node_modules/<name>/package.json` may.
        static func installedLicenses(_ name: String, resolver: any FileResolver, directory: String) -> [String] {
            let path = ImagePaths.join(directory, "node_modules/\(name)/package.json")
            guard let bytes = try? resolver.contents(of: path), let manifest = ProjectManifest.decode(bytes) else { return [] }
            return manifest.licenses
        }

        /// v2/v3: the root entry (when it has a name) and every installed folder. Links are followed to
        /// the workspace folder they point at; a workspace folder nothing links to is not installed.
        static func parseV2(_ packages: [String: V2Package]) -> Parsed {
            var parsed = Parsed()
            var linkNames: [String: String] = [:]  // target folder → the node_modules name linking to it
            for (path, package) in packages where package.link == true {
                if let target = package.resolved, !target.isEmpty, let name = nameFromPath(path) { linkNames[target] = name }
            }
            func entryName(_ path: String, _ package: V2Package) -> String? {
                if path.isEmpty { return package.name }
                if let name = package.name, !name.isEmpty { return name }
                return nameFromPath(path) ?? linkNames[path]
            }
            for path in packages.keys.sorted() {
                guard let package = packages[path], package.link != true else { continue }
                guard path.isEmpty || nameFromPath(path) != nil || linkNames[path] != nil else { continue }
                guard let name = entryName(path, package), let version = package.version else { continue }
                var dependencies: [String] = []
                let declared = [package.dependencies, package.optionalDependencies, package.peerDependencies, package.devDependencies]
                for dependencyName in Set(declared.compactMap { $0 }.flatMap(\.keys)) {
                    guard let (target, resolved) = locate(dependencyName, from: path, in: packages),
                          let resolvedName = entryName(target, resolved), let resolvedVersion = resolved.version else { continue }
                    dependencies.append("\(resolvedName)@\(resolvedVersion)")
                }
                parsed.entries.append(Entry(name: name, version: version, licenses: package.license?.values ?? [],
                                            isDev: package.dev == true, dependencies: dependencies.sorted()))
            }
            return parsed
        }

        /// Node's module resolution over the lock's folders: the nearest `node_modules/<name>` walking up
        /// from the dependant, following a link to its target.
        static func locate(_ name: String, from path: String, in packages: [String: V2Package]) -> (String, V2Package)? {
            var base = path
            while true {
                let candidate = base.isEmpty ? "node_modules/\(name)" : "\(base)/node_modules/\(name)"
                if let found = packages[candidate] {
                    if found.link == true, let target = found.resolved, let linked = packages[target] { return (candidate, linked) }
                    return (candidate, found)
                }
                if base.isEmpty { return nil }
                // Drop the last `node_modules/<name>` (or workspace folder) level.
                if let range = base.range(of: "/node_modules/", options: .backwards) {
                    base = String(base[..<range.lowerBound])
                } else {
                    base = ""
                }
            }
        }

        /// `node_modules/a/node_modules/@s/b` → `@s/b`; `nil` for paths outside `node_modules`.
        static func nameFromPath(_ path: String) -> String? {
            guard let range = path.range(of: "node_modules/", options: .backwards),
                  range.lowerBound == path.startIndex || path[path.index(before: range.lowerBound)] == "/" else { return nil }
            let name = String(path[range.upperBound...])
            return name.isEmpty ? nil : name
        }

        static func describe(_ error: any Error) -> String {
            switch error {
            case DecodingError.dataCorrupted(let context):
                return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
            case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.keyNotFound(_, let context):
                return "\(context.debugDescription) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
            default:
                return "\(error)"
            }
        }
    }

    /// The parts of a project's `package.json` the lock catalogers use.
    struct ProjectManifest: Decodable {
        var name: String?
        var version: String?
        var dependencies: [String: String]?
        var devDependencies: [String: String]?
        var optionalDependencies: [String: String]?
        var peerDependencies: [String: String]?
        var license: PackageLock.Licenses?

        var licenses: [String] { license?.values ?? [] }

        static func decode(_ bytes: [UInt8]) -> ProjectManifest? {
            try? JSONDecoder().decode(ProjectManifest.self, from: Data(bytes))
        }
    }
}
