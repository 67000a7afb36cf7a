extension PythonLockCataloger {
    /// pip requirements files (https://pip.pypa.io/en/stable/reference/requirements-file-format/,
    /// requirement lines per PEP 508): only exact pins (`name==1.2`, `name===1.2`, with extras,
    /// environment markers, hashes or a trailing `@ url`) say what gets installed; ranges, bare names,
    /// options (`-r`, `-e`, `--hash`) and URLs are skipped. Lines that are not requirements at all are
    /// reported in one problem.
    enum Requirements {
        enum Line: Equatable {
            case pinned(name: String, version: String)
            /// A valid requirement that does not pin one version, or an option line.
            case unpinned
            case invalid
        }

        static func parse(_ text: String) -> Parsed {
            var parsed = Parsed()
            var invalid: [Int] = []
            var pending = ""
            var pendingLine = 0
            let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            for (offset, rawLine) in lines.enumerated() {
                var line = stripComment(String(rawLine))
                if pending.isEmpty { pendingLine = offset + 1 }
                // A trailing backslash continues the requirement on the next line.
                if line.hasSuffix("\\") {
                    line.removeLast()
                    pending += line + " "
                    continue
                }
                let logical = pending + line
                pending = ""
                switch classify(logical) {
                case .pinned(let name, let version): parsed.entries.append(Entry(name: name, version: version))
                case .unpinned: break
                case .invalid: invalid.append(pendingLine)
                }
            }
            if !pending.isEmpty, classify(pending) == .invalid { invalid.append(pendingLine) }
            if !invalid.isEmpty {
                let shown = invalid.prefix(5).map(String.init).joined(separator: ", ")
                parsed.problems.append("\(invalid.count) line\(invalid.count == 1 ? " is" : "s are") not a requirement (line\(invalid.count == 1 ? "" : "s") \(shown)\(invalid.count > 5 ? ", …" : ""))")
            }
            return parsed
        }

        /// pip drops `#` comments that start a line or follow whitespace; a `#` glued to a version
        /// (`Jinja2==3.0.0#comment`) is treated the same, as trivy and Syft do.
        static func stripComment(_ line: String) -> String {
            guard let hash = line.firstIndex(of: "#") else { return line.trimmingCharacters(in: " \t") }
            return String(line[..<hash]).trimmingCharacters(in: " \t")
        }

        static func classify(_ raw: String) -> Line {
            var text = Substring(raw.trimmingCharacters(in: " \t"))
            if text.isEmpty || text.hasPrefix("-") { return .unpinned }
            // Direct references by path or URL carry no version.
            for prefix in ["./", "../", "/", "http://", "https://", "git+", "file:"] where text.hasPrefix(prefix) { return .unpinned }
            if let semicolon = text.firstIndex(of: ";") { text = text[..<semicolon] }
            // Per-requirement options (`--hash=…`) end the requirement.
            if let option = text.range(of: " --") ?? text.range(of: "\t--") { text = text[..<option.lowerBound] }
            text = Substring(text.trimmingCharacters(in: " \t"))

            let nameEnd = text.firstIndex { !(isNameCharacter($0)) } ?? text.endIndex
            let name = String(text[..<nameEnd])
            guard let first = name.first, first.isLetter || first.isNumber, first.isASCII else { return .invalid }
            var rest = Substring(text[nameEnd...].trimmingCharacters(in: " \t"))
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { return .invalid }
                rest = Substring(rest[rest.index(after: close)...].trimmingCharacters(in: " \t"))
            }
            if rest.isEmpty || rest.hasPrefix("@") { return .unpinned }
            guard let operatorStart = rest.first, "=<>!~".contains(operatorStart) else { return .invalid }
            // `name == 1.0 @ git+https://…` (a pinned direct reference).
            if let at = rest.range(of: " @") { rest = rest[..<at.lowerBound] }
            let clauses = rest.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " \t") }
            guard clauses.allSatisfy({ isClause($0) }) else { return .invalid }
            guard clauses.count == 1, let clause = clauses.first, clause.hasPrefix("==") else { return .unpinned }
            let version = clause.drop { $0 == "=" }.trimmingCharacters(in: " \t")
            guard !version.contains("*") else { return .unpinned }
            return .pinned(name: name, version: version)
        }

        static func isNameCharacter(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "-" || character == "_")
        }

        /// `>= 1.0`, `==2.8.*`, `~=1.1`, `===1.26.20`: an operator and a PEP 440 version (or a wildcard
        /// pattern), nothing else.
        static func isClause(_ clause: String) -> Bool {
            let operators = ["===", "==", "~=", "!=", "<=", ">=", "<", ">"]
            guard let op = operators.first(where: { clause.hasPrefix($0) }) else { return false }
            let version = clause.dropFirst(op.count).trimmingCharacters(in: " \t")
            guard let first = version.first, first.isNumber || (op == "===" && first.isLetter) || first == "v" else { return false }
            return version.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".+!_-*".contains($0)) }
        }
    }
}
