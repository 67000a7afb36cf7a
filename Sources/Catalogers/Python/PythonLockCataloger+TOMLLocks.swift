extension PythonLockCataloger {
    /// The `[[package]]` tables that `poetry.lock` (https://python-poetry.org/docs/basic-usage/#installing-with-poetrylock),
    /// `uv.lock` (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile) and `pdm.lock`
    /// share: `name`, `version` and the names of the dependencies (poetry: the keys of
    /// `[package.dependencies]`; uv: `dependencies = [{ name = … }]`; pdm: PEP 508 strings).
    enum TOMLLocks {
        static func parse(_ text: String, kind: String) throws(LockError) -> Parsed {
            let document = TOMLDocument.parse(text)
            let packages = document.arrayOfTables("package")
            var parsed = Parsed()
            parsed.problems = document.problems.map { "line \($0.line): \($0.message)" }
            if packages.isEmpty && !document.problems.isEmpty {
                throw LockError(message: "malformed \(kind): \(parsed.problems[0])")
            }
            for table in packages {
                guard let name = table["name"]?.string, let version = table["version"]?.string else { continue }
                parsed.entries.append(Entry(name: name, version: version, dependencies: dependencyNames(table["dependencies"])))
            }
            return parsed
        }

        static func dependencyNames(_ value: TOMLDocument.Value?) -> [String] {
            switch value {
            case .table(let table)?:
                return table.keys.sorted()
            case .array(let items)?:
                return items.compactMap { item in
                    if let name = item.table?["name"]?.string { return name }
                    // PEP 508: the name runs up to the first character that cannot be part of one.
                    if let requirement = item.string {
                        let name = requirement.prefix { $0.isLetter || $0.isNumber || "._-".contains($0) }
                        return name.isEmpty ? nil : String(name)
                    }
                    return nil
                }
            default:
                return []
            }
        }
    }
}
