/// One ruby-advisory-db advisory (`gems/<gem>/<id>.yml`), with the fields its README's schema
/// names. Identifiers are stored without prefixes upstream (`cve: 2020-8164`,
/// `ghsa: 8727-m6gj-mc37`, `osvdb: 91452`); here they carry them (`CVE-2020-8164`).
struct RubySecAdvisory: Sendable, Hashable {
    var gem: String
    var cve: String?
    var ghsa: String?
    var osvdb: String?
    var url: String?
    var title: String?
    var date: String?
    var description: String?
    var cvssV2: String?
    var cvssV3: String?
    var cvssV4: String?
    /// RubyGems requirement strings for fixed versions; any one of them is safe.
    var patchedVersions: [String]
    /// Requirement strings for versions that never had the flaw.
    var unaffectedVersions: [String]
    /// Identifiers under `related:` (`cve`, `ghsa`, `osvdb` lists), prefixed.
    var relatedIDs: [String]
    /// `related: url:` links.
    var relatedURLs: [String]

    struct Problem: Error, Sendable {
        var message: String
    }

    /// Reads the advisory; `directoryName` is the `gems/<name>` folder, used when `gem:` is missing.
    init(_ fields: YAMLFields, directoryName: String) throws(Problem) {
        gem = fields.text("gem") ?? directoryName
        cve = fields.text("cve").map { Self.prefixed($0, "CVE-") }
        ghsa = fields.text("ghsa").map { Self.prefixed($0, "GHSA-") }
        osvdb = fields.text("osvdb").map { Self.prefixed($0, "OSVDB-") }
        url = fields.text("url")
        title = fields.text("title")
        date = fields.text("date")
        description = fields.text("description")
        cvssV2 = fields.text("cvss_v2")
        cvssV3 = fields.text("cvss_v3")
        cvssV4 = fields.text("cvss_v4")
        guard let patched = fields.texts("patched_versions") else {
            throw Problem(message: "patched_versions is not a list of requirement strings")
        }
        guard let unaffected = fields.texts("unaffected_versions") else {
            throw Problem(message: "unaffected_versions is not a list of requirement strings")
        }
        patchedVersions = patched
        unaffectedVersions = unaffected
        var ids: [String] = []
        var urls: [String] = []
        if let related = fields.fields("related") {
            for (key, prefix) in [("cve", "CVE-"), ("ghsa", "GHSA-"), ("osvdb", "OSVDB-")] {
                for id in related.texts(key) ?? [] where !ids.contains(Self.prefixed(id, prefix)) {
                    ids.append(Self.prefixed(id, prefix))
                }
            }
            urls = related.texts("url") ?? []
        }
        relatedIDs = ids
        relatedURLs = urls
    }

    /// `2020-8164` → `CVE-2020-8164`; an id already prefixed (any case) is kept, prefix upper-cased.
    static func prefixed(_ id: String, _ prefix: String) -> String {
        if id.uppercased().hasPrefix(prefix) { return prefix + id.dropFirst(prefix.count) }
        return prefix + id
    }
}
