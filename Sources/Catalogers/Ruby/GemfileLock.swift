/// The locked gems of a Bundler lock file: the `specs:` of its `GEM`, `GIT`, `PATH` and `PLUGIN SOURCE`
/// sections, one `name (version[-platform])` line each at four spaces, with the gem's own dependencies
/// below it at six (Bundler's `LockfileParser`, as Syft reads it).
struct GemfileLock {
    struct Spec: Equatable {
        var name: String
        var version: String
        /// `x86_64-linux` for a platform-specific gem; Bundler writes it after the version's first `-`.
        var platform: String?
        var dependencies: [String]
        var line: Int
    }

    struct Problem: Equatable {
        var line: Int
        var message: String
    }

    var specs: [Spec] = []
    var problems: [Problem] = []

    static let specSections: Set<String> = ["GEM", "GIT", "PATH", "PLUGIN SOURCE"]
    /// Every top-level section Bundler writes; a file with none of them is not a lock file.
    static let knownSections: Set<String> = specSections.union(["PLATFORMS", "DEPENDENCIES", "RUBY VERSION", "BUNDLED WITH", "CHECKSUMS"])

    static func parse(_ text: String) -> GemfileLock {
        var lock = GemfileLock()
        var section: String?
        var sawKnownSection = false
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let number = offset + 1
            guard let first = line.first else { continue }
            if first != " " {
                let name = line.trimmingCharacters(in: " \t")
                section = name
                if knownSections.contains(name) { sawKnownSection = true }
                continue
            }
            guard let current = section, specSections.contains(current) else { continue }
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent).trimmingCharacters(in: " \t")
            if indent == 4 {
                guard let spec = spec(content, line: number) else {
                    lock.problems.append(Problem(line: number, message: "expected `name (version)` but found `\(content)`"))
                    continue
                }
                lock.specs.append(spec)
            } else if indent == 6, !lock.specs.isEmpty, let dependency = content.split(separator: " ").first {
                let name = String(dependency)
                if !lock.specs[lock.specs.count - 1].dependencies.contains(name) { lock.specs[lock.specs.count - 1].dependencies.append(name) }
            }
        }
        if !sawKnownSection {
            lock.problems.append(Problem(line: 1, message: "not a Gemfile.lock: no GEM, GIT, PATH, PLATFORMS or DEPENDENCIES section"))
        }
        return lock
    }

    /// `rails (4.1.1)` or `nokogiri (1.16.0-x86_64-linux)`.
    static func spec(_ content: String, line: Int) -> Spec? {
        let fields = content.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 2, fields[1].hasPrefix("("), fields[1].hasSuffix(")"), fields[1].count > 2 else { return nil }
        let inner = fields[1].dropFirst().dropLast()
        let parts = inner.split(separator: "-", maxSplits: 1)
        guard let version = parts.first, !version.isEmpty else { return nil }
        return Spec(name: String(fields[0]), version: String(version), platform: parts.count > 1 ? String(parts[1]) : nil,
                    dependencies: [], line: line)
    }
}
