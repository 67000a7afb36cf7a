/// One Alpine secdb file (`https://secdb.alpinelinux.org/<v3.x|edge>/<repo>.json`), as the
/// secdb generator writes it: `{apkurl, archs, reponame, urlprefix, distroversion,
/// packages: [{pkg: {name, secfixes: {"<fixed version>": ["<ids>", …]}}}]}`.
///
/// Packages are decoded one by one so that a malformed package is reported and skipped while the
/// rest of the file is used.
struct AlpineSecDBDocument: Decodable, Sendable {
    /// `v3.19` or `edge`.
    var distroversion: String
    /// `main` or `community`.
    var reponame: String?
    var packages: [Entry]

    /// One `packages[]` element, or why it could not be read.
    struct Entry: Decodable, Sendable {
        /// The origin (source) package name, when readable.
        var name: String?
        /// Fixed version → id strings, when readable.
        var secfixes: [String: [String]]
        /// Why the entry is unusable; nil when it is fine.
        var problem: String?

        private enum Keys: String, CodingKey { case pkg }
        private enum PackageKeys: String, CodingKey { case name, secfixes }

        init(from decoder: any Decoder) throws {
            name = nil
            secfixes = [:]
            problem = nil
            do {
                let package = try decoder.container(keyedBy: Keys.self).nestedContainer(keyedBy: PackageKeys.self, forKey: .pkg)
                name = try? package.decode(String.self, forKey: .name)
                guard name?.isEmpty == false else {
                    problem = "package without a name"
                    return
                }
                // No `secfixes` (or null) means nothing was fixed: an empty entry, not an error.
                secfixes = try package.decodeIfPresent([String: [String]].self, forKey: .secfixes) ?? [:]
            } catch {
                problem = "not {pkg: {name, secfixes: {version: [ids]}}}: \(Self.describe(error))"
            }
        }

        private static func describe(_ error: any Error) -> String {
            switch error {
            case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
                "expected \(type) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
            case DecodingError.keyNotFound(let key, _):
                "missing \(key.stringValue)"
            default:
                String(describing: error)
            }
        }
    }
}
