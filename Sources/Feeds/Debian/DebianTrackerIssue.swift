/// One issue of the Debian security tracker's JSON export, as the tracker writes it
/// (`security-tracker` `lib/python/security_db.py`, `/tracker/data/json`):
/// `{source package: {CVE or TEMP id: issue}}`.
///
/// Decoding never throws: a value of the wrong shape is kept as a `problem`, so one bad issue
/// becomes a diagnostic instead of failing the whole file.
struct DebianTrackerIssue: Decodable {
    struct Release: Decodable {
        var status: String?
        var fixedVersion: String?
        var urgency: String?
        var nodsa: String?
        var nodsaReason: String?
        var repositories: [String: String]?

        enum CodingKeys: String, CodingKey {
            case status, urgency, nodsa, repositories
            case fixedVersion = "fixed_version"
            case nodsaReason = "nodsa_reason"
        }
    }

    var description: String?
    var scope: String?
    var debianBug: Int?
    /// Per codename; `"releases": []` (seen upstream when none apply) reads as empty.
    var releases: [String: Release] = [:]
    var problem: String?

    enum CodingKeys: String, CodingKey {
        case description, scope, releases
        case debianBug = "debianbug"
    }

    init(from decoder: any Decoder) {
        do {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            description = try? container.decodeIfPresent(String.self, forKey: .description)
            scope = try? container.decodeIfPresent(String.self, forKey: .scope)
            debianBug = try? container.decodeIfPresent(Int.self, forKey: .debianBug)
            guard container.contains(.releases) else { return }
            if let releases = try? container.decode([String: Release].self, forKey: .releases) {
                self.releases = releases
            } else if let list = try? container.decode([Release].self, forKey: .releases), list.isEmpty {
                releases = [:]
            } else {
                problem = "\"releases\" is not an object of codename → release status"
            }
        } catch {
            problem = "issue is not a JSON object"
        }
    }
}

/// The whole export: package → id → issue. Also never throws for a bad package value.
struct DebianTrackerPackage: Decodable {
    var issues: [String: DebianTrackerIssue] = [:]
    var problem: String?

    init(from decoder: any Decoder) {
        do {
            issues = try decoder.singleValueContainer().decode([String: DebianTrackerIssue].self)
        } catch {
            problem = "package value is not an object of id → issue"
        }
    }
}
