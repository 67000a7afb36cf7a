/// One FriendsOfPHP security advisory (`<vendor>/<package>/<file>.yaml`), with the fields the
/// repository's README and validator define: `title`, `link`, `cve` (`~` when none),
/// `reference: composer://vendor/package`, optional `composer-repository` (`false` for packages
/// not on packagist.org, e.g. Magento's) and `branches: {name: {time, versions}}`.
struct FriendsOfPHPAdvisory: Sendable, Hashable {
    /// One maintenance branch: its `versions` terms hold together (AND).
    struct Branch: Sendable, Hashable {
        var name: String
        /// When the fix was committed; `~` for branches that got none (or was not recorded).
        var time: String?
        /// Composer constraint terms such as `>=2.7.0`, `<2.7.51`.
        var versions: [String]
    }

    var title: String?
    var link: String?
    var cve: String?
    /// `vendor/package` from `reference`, as written.
    var package: String?
    var branches: [Branch]
    /// Branch names whose `versions` is missing or not a list of strings.
    var malformedBranches: [String]

    struct Problem: Error, Sendable {
        var message: String
    }

    init(_ fields: YAMLFields) throws(Problem) {
        title = fields.text("title")
        link = fields.text("link")
        cve = fields.text("cve")
        if let reference = fields.text("reference"), reference.hasPrefix("composer://") {
            let name = String(reference.dropFirst("composer://".count))
            package = name.isEmpty ? nil : name
        }
        guard let branchFields = fields.fields("branches") else {
            throw Problem(message: fields.isNonMapping("branches") ? "branches is not a mapping" : "no branches")
        }
        var branches: [Branch] = []
        var malformed: [String] = []
        for (name, value) in branchFields.entries {
            guard let branch = YAMLFields(value), let versions = branch.texts("versions"), !versions.isEmpty else {
                malformed.append(name)
                continue
            }
            branches.append(Branch(name: name, time: branch.text("time"), versions: versions))
        }
        self.branches = branches
        malformedBranches = malformed
    }
}
