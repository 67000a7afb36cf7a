/// Package-name normalisations that catalogers, feeds and matchers must agree on exactly.
public enum PackageName {
    /// PEP 503 (https://peps.python.org/pep-0503/#normalized-names): lowercase, and every run of
    /// `-`, `_` and `.` becomes one `-`.
    public static func pep503(_ name: String) -> String {
        var result = ""
        result.reserveCapacity(name.utf8.count)
        var inSeparatorRun = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !inSeparatorRun { result.append("-") }
                inSeparatorRun = true
            } else {
                inSeparatorRun = false
                result.append(character)
            }
        }
        return result
    }
}
