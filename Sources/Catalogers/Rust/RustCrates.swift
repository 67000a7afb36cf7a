import Model

/// What both Rust catalogers share: how a crate becomes a package, and how `dependency-of` edges are drawn.
enum RustCrates {
    /// `pkg:cargo/<name>@<version>`, with CPE candidates for the name and its `-`/`_` spellings.
    static func package(_ metadata: RustCrateMetadata, location: Location, foundBy: String) -> Package {
        let spellings = [metadata.name, String(metadata.name.map { $0 == "-" ? "_" : $0 }), String(metadata.name.map { $0 == "_" ? "-" : $0 })]
        return Package(
            name: metadata.name, version: metadata.version, type: .rustCrate, foundBy: foundBy,
            purl: PURL(type: "cargo", name: metadata.name, version: metadata.version).description,
            cpes: CPE.candidates(vendors: spellings, products: spellings, version: metadata.version, targetSoftware: "rust"),
            locations: [location], language: "rust", metadata: .rustCrate(metadata))
    }

    /// Package IDs hash type, name, version and location, so one lock file listing a crate twice (from
    /// crates.io and from git) would give both the same ID and the runner would keep one. The second
    /// one's ID also covers its source.
    static func disambiguate(_ packages: inout [Package]) {
        var seen = Set<String>()
        for index in packages.indices where !seen.insert(packages[index].id).inserted {
            let package = packages[index]
            var source = ""
            if case .rustCrate(let metadata)? = package.metadata { source = metadata.source ?? "" }
            var attempt = 0
            repeat {
                attempt += 1
                packages[index].id = Package.identifier(type: package.type, name: package.name,
                                                        version: package.version + "\u{0}" + source + "\u{0}\(attempt)",
                                                        location: package.locations.first)
            } while !seen.insert(packages[index].id).inserted
        }
    }

    /// Resolves a lock file's dependency reference (`name`, `name version` or `name version (source)`)
    /// to one of `crates`; `nil` when it names none or is ambiguous.
    static func resolve(_ reference: String, in crates: [RustCrateMetadata]) -> Int? {
        var text = Substring(reference)
        var source: Substring?
        if text.hasSuffix(")"), let open = text.firstIndex(of: "(") {
            source = text[text.index(after: open)..<text.index(before: text.endIndex)]
            text = text[..<open]
        }
        let words = text.split(separator: " ")
        guard let name = words.first else { return nil }
        let version = words.count > 1 ? words[1] : nil
        var candidates = crates.indices.filter { index in
            crates[index].name == name && (version.map { crates[index].version == $0 } ?? true)
        }
        if candidates.count > 1, let source {
            // The reference drops the `#revision` a git source carries.
            candidates = candidates.filter { index in
                guard let crateSource = crates[index].source else { return false }
                return crateSource == source || crateSource.split(separator: "#", maxSplits: 1).first == source
            }
        }
        return candidates.count == 1 ? candidates[0] : nil
    }
}
