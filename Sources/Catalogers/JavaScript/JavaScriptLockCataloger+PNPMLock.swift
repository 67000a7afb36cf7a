import Yams

extension JavaScriptLockCataloger {
    /// `pnpm-lock.yaml` (https://github.com/pnpm/spec/tree/master/lockfile): `packages` keys are
    /// `/name/1.2.3_peer` in v5, `/name@1.2.3(peer)` in v6–v8 and `name@1.2.3(peer)` in v9, where
    /// `snapshots` carries the dependency edges. Tarball and directory packages state `name` and
    /// `version` fields instead. Every YAML document of the file is read (pnpm 10 can write two).
    enum PNPMLock {
        static func parse(_ text: String) throws(LockError) -> Parsed {
            var documents: [Node] = []
            do {
                var sequence = try Yams.compose_all(yaml: text)
                while let document = sequence.next() { documents.append(document) }
                if let error = sequence.error { throw error }
            } catch {
                throw LockError(message: "malformed pnpm-lock.yaml: \(error)")
            }
            var parsed = Parsed()
            var sawLockfile = false
            for document in documents {
                guard let mapping = document.mapping, let versionText = document["lockfileVersion"]?.string else { continue }
                sawLockfile = true
                guard let version = Double(versionText.prefix { $0.isNumber || $0 == "." }) else {
                    parsed.problems.append("unsupported lockfileVersion '\(versionText)'")
                    continue
                }
                parsed.entries += entries(mapping, lockfileVersion: version)
            }
            guard sawLockfile else { throw LockError(message: "not a pnpm lock file: no lockfileVersion") }
            return parsed
        }

        static func entries(_ document: Node.Mapping, lockfileVersion: Double) -> [Entry] {
            let separator: Character = lockfileVersion >= 6 ? "@" : "/"
            var entries: [Entry] = []
            var indexByKey: [String: Int] = [:]
            func add(_ entry: Entry) {
                if let index = indexByKey[entry.key] {
                    entries[index].isDev = entries[index].isDev && entry.isDev
                    entries[index].dependencies += entry.dependencies
                } else {
                    indexByKey[entry.key] = entries.count
                    entries.append(entry)
                }
            }
            // v5–v8 also list the project's direct production dependencies at the top level; Syft reads
            // them even when `packages` was trimmed.
            if lockfileVersion < 9, let dependencies = document["dependencies"]?.mapping {
                for (key, value) in dependencies {
                    guard let name = key.string, let version = (value.string ?? value["version"]?.string).map(stripPeers),
                          isPlainVersion(version) else { continue }
                    add(Entry(name: name, version: version))
                }
            }
            // v9 keeps edges in `snapshots`, one per peer-dependency variant of a package.
            var snapshotEdges: [String: [String]] = [:]
            for (key, snapshot) in document["snapshots"]?.mapping ?? [:] {
                guard let text = key.string, let parsed = split(text, separator: "@") else { continue }
                snapshotEdges["\(parsed.name)@\(parsed.version)", default: []] += edges(snapshot)
            }
            var hasDevFlags = false
            // Tarball and directory packages are keyed by their source (`lodash@file:foo.tgz`) but state
            // their version; references by key are rewritten to `name@version`.
            var aliases: [String: String] = [:]
            for (key, value) in document["packages"]?.mapping ?? [:] {
                guard let keyText = key.string else { continue }
                let explicitName = value["name"]?.string
                let explicitVersion = value["version"]?.string
                let fromKey = split(keyText, separator: separator)
                guard let name = explicitName ?? fromKey?.name, let version = explicitVersion ?? fromKey?.version, isPlainVersion(version) else { continue }
                if let fromKey, fromKey.version != version { aliases["\(fromKey.name)@\(fromKey.version)"] = "\(name)@\(version)" }
                if value["dev"] != nil { hasDevFlags = true }
                let dependencies = edges(value) + (snapshotEdges["\(name)@\(version)"] ?? [])
                add(Entry(name: name, version: version, isDev: value["dev"]?.bool == true, dependencies: dependencies))
            }
            for index in entries.indices { entries[index].dependencies = entries[index].dependencies.map { aliases[$0] ?? $0 } }
            if lockfileVersion >= 9 && !hasDevFlags { markDevOnly(&entries, importers: document["importers"]?.mapping, aliases: aliases) }
            return entries
        }

        /// `dependencies` and `optionalDependencies` of a package or snapshot as `name@version` keys.
        static func edges(_ node: Node) -> [String] {
            var out: [String] = []
            for field in ["dependencies", "optionalDependencies"] {
                for (key, value) in node[field]?.mapping ?? [:] {
                    guard let name = key.string, let version = value.string.map(stripPeers) else { continue }
                    if isPlainVersion(version) || version.contains(":") {
                        out.append("\(name)@\(version)")
                    } else if let aliased = split(version, separator: "@") {
                        // An alias points at another package: `alias: real@1.2.3`.
                        out.append("\(aliased.name)@\(aliased.version)")
                    }
                }
            }
            return out
        }

        /// v9 lockfiles carry no `dev` flags; a package is dev-only when only the importers'
        /// `devDependencies` reach it (Syft's reachability rule).
        static func markDevOnly(_ entries: inout [Entry], importers: Node.Mapping?, aliases: [String: String]) {
            guard let importers else { return }
            var production: [String] = []
            var development: [String] = []
            for (_, importer) in importers {
                for field in ["dependencies", "optionalDependencies"] {
                    for (key, value) in importer[field]?.mapping ?? [:] {
                        if let name = key.string, let version = value["version"]?.string.map(stripPeers) { production.append("\(name)@\(version)") }
                    }
                }
                for (key, value) in importer["devDependencies"]?.mapping ?? [:] {
                    if let name = key.string, let version = value["version"]?.string.map(stripPeers) { development.append("\(name)@\(version)") }
                }
            }
            guard !development.isEmpty else { return }
            var indexByKey: [String: Int] = [:]
            for (index, entry) in entries.enumerated() { indexByKey[entry.key] = index }
            func reachable(_ roots: [String]) -> Set<Int> {
                var seen = Set<Int>()
                var queue = roots.compactMap { indexByKey[aliases[$0] ?? $0] }
                while let index = queue.popLast() {
                    guard seen.insert(index).inserted else { continue }
                    queue += entries[index].dependencies.compactMap { indexByKey[$0] }
                }
                return seen
            }
            for index in reachable(development).subtracting(reachable(production)) { entries[index].isDev = true }
        }

        /// `/@scope/name/1.0.0_peer@2` (v5, `/`) or `/@scope/name@1.0.0(peer@2)` (v6+, `@`) →
        /// (`@scope/name`, `1.0.0`).
        static func split(_ key: String, separator: Character) -> (name: String, version: String)? {
            var text = key.prefix { $0 != "(" }
            if text.hasPrefix("/") { text = text.dropFirst() }
            let searchStart = text.hasPrefix("@") && separator == "@" ? text.index(after: text.startIndex) : text.startIndex
            guard let index = text[searchStart...].lastIndex(of: separator) else { return nil }
            let name = String(text[..<index])
            var version = String(text[text.index(after: index)...])
            if separator == "/", let underscore = version.firstIndex(of: "_") { version = String(version[..<underscore]) }
            guard !name.isEmpty, !version.isEmpty else { return nil }
            return (name, version)
        }

        /// Drops a peer-dependency suffix: `1.2.3(react@18.2.0)` → `1.2.3`, `1.2.3_react@18.2.0` → `1.2.3`.
        static func stripPeers(_ text: String) -> String {
            var out = text
            if let paren = out.firstIndex(of: "(") { out = String(out[..<paren]) }
            // v5 appends peers to versions with `_` (names may contain `_`, versions never do).
            if out.first?.isNumber == true, let underscore = out.firstIndex(of: "_") { out = String(out[..<underscore]) }
            return out
        }

        /// A resolved version, not a reference to another `packages` key (`link:`, `file:`, a tarball
        /// URL or `/name/1.0.0`).
        static func isPlainVersion(_ version: String) -> Bool {
            guard let first = version.first, first.isNumber else { return false }
            return !version.contains("/") && !version.contains(":")
        }
    }
}
