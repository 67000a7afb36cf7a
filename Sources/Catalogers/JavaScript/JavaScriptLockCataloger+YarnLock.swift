extension JavaScriptLockCataloger {
    /// `yarn.lock`, both formats read line by line: classic v1 (its own syntax,
    /// https://classic.yarnpkg.com/lang/en/docs/yarn-lock/: `name@range, name@range2:` headers and
    /// indented `version "1.2.3"` fields) and berry v2+ (YAML with `__metadata`, `version: 1.2.3`,
    /// `resolution: "name@npm:1.2.3"`). Berry files may repeat a key, which a YAML loader rejects; this
    /// reader only needs the two-level shape both formats share.
    enum YarnLock {
        struct Block {
            var line: Int
            var descriptors: [String]
            var fields: [String: String] = [:]
            var dependencies: [(name: String, range: String)] = []
        }

        /// Protocols yarn writes in descriptors (`name@<protocol>:…`); anything else cannot have come
        /// from yarn and is skipped with a problem.
        static let knownProtocols: Set<String> = [
            "npm", "workspace", "patch", "file", "link", "portal", "exec", "git", "git+ssh", "git+https", "git+http", "git+file",
            "github", "gitlab", "bitbucket", "http", "https", "ssh", "tag", "semver", "virtual",
        ]

        /// The version yarn berry gives a workspace without one.
        static let unversionedWorkspace = "0.0.0-use.local"

        static func parse(_ text: String, manifest: ProjectManifest?) throws(LockError) -> Parsed {
            let blocks = try self.blocks(text)
            var parsed = Parsed()
            var indexByDescriptor: [String: Int] = [:]
            var candidates: [(block: Block, name: String, version: String)] = []
            for block in blocks where block.descriptors != ["__metadata"] {
                guard let first = block.descriptors.first else { continue }
                let (descriptorName, range) = splitDescriptor(first)
                if let scheme = protocolOf(range), !knownProtocols.contains(scheme) {
                    parsed.problems.append("line \(block.line): '\(first)' uses an unknown protocol '\(scheme):'; skipped")
                    continue
                }
                guard let version = block.fields["version"], !version.isEmpty, version != unversionedWorkspace else { continue }
                let name = packageName(descriptorName: descriptorName, range: range, resolved: block.fields["resolved"])
                for descriptor in block.descriptors { indexByDescriptor[descriptor] = candidates.count }
                candidates.append((block, name, version))
            }
            // A dependency `name range` resolves to the block listing the descriptor `name@range`
            // (berry writes the npm protocol into its keys: `name@npm:range`).
            func resolve(_ name: String, _ range: String) -> Int? {
                indexByDescriptor["\(name)@\(range)"] ?? indexByDescriptor["\(name)@npm:\(range)"]
            }
            let devOnly = devOnlyBlocks(candidates.map { $0.block }, manifest: manifest, resolve: resolve)
            for (index, candidate) in candidates.enumerated() {
                let dependencies = candidate.block.dependencies.compactMap { resolve($0.name, $0.range) }.map { "\(candidates[$0].name)@\(candidates[$0].version)" }
                parsed.entries.append(Entry(name: candidate.name, version: candidate.version, isDev: devOnly.contains(index), dependencies: dependencies))
            }
            return parsed
        }

        /// The name a block installs: the target of an npm alias (`alias@npm:real@range`), else the name
        /// in a classic lock's registry URL (it can differ from the descriptor, as for
        /// `resolve-observer-polyfill` published under `@4lolo/`), else the descriptor's.
        static func packageName(descriptorName: String, range: String, resolved: String?) -> String {
            if range.hasPrefix("npm:") {
                let target = range.dropFirst(4)
                if let at = target.dropFirst().firstIndex(of: "@") { return String(target[..<at]) }
            }
            if let resolved, let fromURL = registryName(resolved) { return fromURL }
            return descriptorName
        }

        /// `https://registry.yarnpkg.com/@scope/name/-/name-1.2.3.tgz#sha` → `@scope/name`.
        static func registryName(_ url: String) -> String? {
            for host in ["https://registry.yarnpkg.com/", "https://registry.npmjs.org/"] where url.hasPrefix(host) {
                let path = url.dropFirst(host.count)
                guard let marker = path.range(of: "/-/") else { return nil }
                let name = String(path[..<marker.lowerBound])
                return name.isEmpty ? nil : name
            }
            return nil
        }

        /// `@scope/name@^1.0.0` → (`@scope/name`, `^1.0.0`); the `@` of a scope is not a separator.
        static func splitDescriptor(_ descriptor: String) -> (name: String, range: String) {
            let searchStart = descriptor.hasPrefix("@") ? descriptor.index(after: descriptor.startIndex) : descriptor.startIndex
            guard let at = descriptor[searchStart...].firstIndex(of: "@") else { return (descriptor, "") }
            return (String(descriptor[..<at]), String(descriptor[descriptor.index(after: at)...]))
        }

        /// `npm:^1.0.0` → `npm`; plain semver ranges have none.
        static func protocolOf(_ range: String) -> String? {
            guard let colon = range.firstIndex(of: ":") else { return nil }
            let scheme = range[..<colon]
            guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0 == "+" }) else { return nil }
            return String(scheme)
        }

        /// Blocks reachable only from the project's `devDependencies` (needs the `package.json` beside
        /// the lock; without it nothing is known to be dev-only).
        static func devOnlyBlocks(_ blocks: [Block], manifest: ProjectManifest?, resolve: (String, String) -> Int?) -> Set<Int> {
            guard let manifest, let devRoots = manifest.devDependencies, !devRoots.isEmpty else { return [] }
            func reachable(_ roots: [String: String]) -> Set<Int> {
                var seen = Set<Int>()
                var queue = roots.compactMap { resolve($0.key, $0.value) }
                while let index = queue.popLast() {
                    guard seen.insert(index).inserted else { continue }
                    queue += blocks[index].dependencies.compactMap { resolve($0.name, $0.range) }
                }
                return seen
            }
            let production = reachable((manifest.dependencies ?? [:]).merging(manifest.optionalDependencies ?? [:]) { first, _ in first })
            return reachable(devRoots).subtracting(production)
        }

        /// Splits the file into top-level blocks. Throws when no line has the shape of either format.
        static func blocks(_ text: String) throws(LockError) -> [Block] {
            var blocks: [Block] = []
            var nested: String?  // the two-space field that opened a four-space section
            var malformed: [Int] = []
            for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
                let trimmed = line.trimmingCharacters(in: " \t")
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                let indent = line.prefix { $0 == " " }.count
                if indent == 0 {
                    guard trimmed.hasSuffix(":") else { malformed.append(offset + 1); continue }
                    blocks.append(Block(line: offset + 1, descriptors: descriptors(String(trimmed.dropLast()))))
                    nested = nil
                    continue
                }
                guard !blocks.isEmpty else { malformed.append(offset + 1); continue }
                let (key, value) = field(trimmed)
                if indent <= 2 {
                    if value.isEmpty { nested = key } else {
                        nested = nil
                        blocks[blocks.count - 1].fields[key] = value
                    }
                } else if let section = nested, ["dependencies", "optionalDependencies"].contains(section), indent <= 4 {
                    blocks[blocks.count - 1].dependencies.append((key, value))
                }
            }
            if blocks.isEmpty && !malformed.isEmpty {
                throw LockError(message: "not a yarn.lock: line \(malformed[0]) is neither an entry header nor a field")
            }
            if !malformed.isEmpty {
                throw LockError(message: "malformed yarn.lock: unexpected text on line\(malformed.count > 1 ? "s" : "") \(malformed.prefix(5).map(String.init).joined(separator: ", "))")
            }
            return blocks
        }

        /// `"a@^1", a@^2` → [`a@^1`, `a@^2`]. Berry may quote the whole list at once: `"a@npm:^1, a@npm:1"`.
        static func descriptors(_ header: String) -> [String] {
            header.split(separator: ",").map { part in
                var text = part.trimmingCharacters(in: " ")
                if text.hasPrefix("\"") { text.removeFirst() }
                if text.hasSuffix("\"") { text.removeLast() }
                return text
            }.filter { !$0.isEmpty }
        }

        /// Classic `key "value"` / `"key" "value"` / `key value`, or berry `key: value` / `"key": value`.
        static func field(_ text: String) -> (String, String) {
            var key: String
            var rest: Substring
            if text.hasPrefix("\""), let close = text.dropFirst().firstIndex(of: "\"") {
                key = String(text[text.index(after: text.startIndex)..<close])
                rest = text[text.index(after: close)...]
            } else if let separator = text.firstIndex(where: { $0 == " " || $0 == ":" }) {
                key = String(text[..<separator])
                rest = text[separator...]
            } else {
                return (text.hasSuffix(":") ? String(text.dropLast()) : text, "")
            }
            if rest.hasPrefix(":") { rest = rest.dropFirst() }
            if key.hasSuffix(":") { key.removeLast() }
            return (key, unquote(rest.trimmingCharacters(in: " ")))
        }

        static func unquote(_ text: String) -> String {
            guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
            return String(text.dropFirst().dropLast())
        }
    }
}
