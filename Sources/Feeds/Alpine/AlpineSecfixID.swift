/// The identifiers in one secdb `secfixes` string.
///
/// Most strings are one id (`CVE-2024-0727`), but 3,827 hold several (`CVE-2017-2887
/// TALOS-2017-0394`, `CVE-2017-5753 CVE-2017-5715 CVE-2017-5754 XSA-254 XPTI`), and a few carry
/// free text: `CVE-2018-14467 (BGP)`, `CVE-2020-14342 (not actually applicable)`, placeholders
/// such as `CVE-????-????? XSA-312` or `CVE N/A ZBX-11023`, and the typo `CVE_2019-2426`.
///
/// Each CVE in the string is its own vulnerability; the other ids (XSA, TALOS, VSV, GHSA…) are
/// aliases of those CVEs, or, without any CVE, the first of them is the id. Text from the first
/// `(` on is a note; tokens that are not ids (`XPTI`, `N/A`, `CVE-????-?????`) are dropped.
struct AlpineSecfixID: Sendable, Hashable {
    /// The vulnerability ids this string names (usually one CVE).
    var ids: [String]
    /// The other ids (advisory numbers) that name the same fix.
    var aliases: [String]
    /// The parenthesised note, without the parentheses.
    var note: String?

    /// Nil when the string names no identifier at all.
    init?(_ text: String) {
        var body = Substring(text)
        var note: String?
        if let open = body.firstIndex(of: "(") {
            let inner = body[body.index(after: open)...].split(separator: ")", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = inner.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            note = trimmed.isEmpty ? nil : trimmed
            body = body[..<open]
        }
        var cves: [String] = []
        var others: [String] = []
        for raw in body.split(whereSeparator: \.isWhitespace) {
            var token = String(raw)
            // `CVE_2019-2426` in openjdk7's secfixes.
            if token.hasPrefix("CVE_") { token = "CVE-" + token.dropFirst(4) }
            guard Self.isIdentifier(token) else { continue }
            if token.hasPrefix("CVE-") {
                if !cves.contains(token) { cves.append(token) }
            } else if !others.contains(token) {
                others.append(token)
            }
        }
        if cves.isEmpty {
            guard let first = others.first else { return nil }
            ids = [first]
            aliases = Array(others.dropFirst())
        } else {
            ids = cves
            aliases = others
        }
        self.note = note
    }

    /// `PREFIX-rest` (`CVE-2024-1234`, `XSA-123`, `GHSA-abcd-…`, `wnpa-sec-2019-01`) or
    /// letters then digits (`VSV00010`); no placeholders (`?`), no bare words.
    static func isIdentifier(_ token: String) -> Bool {
        let characters = Array(token)
        guard let first = characters.first, first.isASCII, first.isLetter else { return false }
        let allowed: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "-._:".contains($0)) }
        guard characters.allSatisfy(allowed) else { return false }
        let prefix = characters.prefix { $0.isLetter || $0.isNumber }
        if prefix.count < characters.count {
            // PREFIX-rest: something after the first separator, and a digit somewhere in it.
            let rest = characters.dropFirst(prefix.count + 1)
            return characters[prefix.count] == "-" && rest.contains { $0.isNumber }
        }
        // Letters then digits only.
        let letters = characters.prefix { $0.isLetter }
        return !letters.isEmpty && letters.count < characters.count && characters.dropFirst(letters.count).allSatisfy(\.isNumber)
    }
}
