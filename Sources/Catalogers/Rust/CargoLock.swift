/// The `[[package]]` entries of a `Cargo.lock` (any lock-file version; v1's `[metadata]` checksums are
/// folded into their packages). Format: https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html,
/// written by cargo's `resolve` encoder as TOML.
struct CargoLock {
    struct Crate: Equatable {
        var name: String
        var version: String
        var source: String?
        var checksum: String?
        var dependencies: [String]
    }

    var crates: [Crate]
    /// Syntax errors and unusable entries, by line.
    var problems: [TOMLDocument.Problem]

    static func parse(_ text: String) -> CargoLock {
        let document = TOMLDocument.parse(text)
        var problems = document.problems
        let legacyChecksums = document.table("metadata")?.values ?? [:]
        var crates: [Crate] = []
        for table in document.arrayTables("package") where !table.isBroken {
            guard let name = table.values["name"]?.string, !name.isEmpty,
                  let version = table.values["version"]?.string, !version.isEmpty else {
                problems.append(TOMLDocument.Problem(line: table.line, message: "[[package]] without a name and version"))
                continue
            }
            let source = table.values["source"]?.string
            var checksum = table.values["checksum"]?.string
            if checksum == nil, let source {
                checksum = legacyChecksums["checksum \(name) \(version) (\(source))"]?.string
            }
            let dependencies = (table.values["dependencies"]?.array ?? []).compactMap(\.string)
            crates.append(Crate(name: name, version: version, source: source, checksum: checksum, dependencies: dependencies))
        }
        return CargoLock(crates: crates, problems: problems)
    }
}
