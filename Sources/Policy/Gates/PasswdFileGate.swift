import Foundation
import Model

/// `passwd_file`: users, uids, gids, shells or whole entries denied in the image's `/etc/passwd`
/// (kept whole by the analysis as a retrieved file).
struct PasswdFileGate: Gate {
    let name = "passwd_file"

    struct Entry {
        var line: String
        var user: String
        var uid: Int?
        var gid: Int?
        var shell: String
    }

    static func entries(_ sbom: SBOM) -> [Entry]? {
        guard let file = sbom.retrievedFiles.first(where: { $0.location.path == "/etc/passwd" }) else { return nil }
        return String(decoding: file.contents, as: UTF8.self).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 7, !line.hasPrefix("#") else { return nil }
            return Entry(line: String(line), user: fields[0], uid: Int(fields[2]), gid: Int(fields[3]), shell: fields[6])
        }
    }

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        guard let entries = Self.entries(input.sbom) else {
            return trigger == "content_not_available" ? [Gates.firing(name, trigger, "No /etc/passwd file was retrieved from the image")] : []
        }
        switch trigger {
        case "blacklist_usernames":
            let names = Set(parameters.list("user_names"))
            return entries.filter { names.contains($0.user) }.map { Gates.firing(name, trigger, "Blacklisted user '\($0.user)' found in image's /etc/passwd: pwd_string=\($0.line)") }
        case "blacklist_userids":
            let ids = Set(parameters.ints("user_ids"))
            return entries.filter { $0.uid.map(ids.contains) == true }.map { Gates.firing(name, trigger, "Blacklisted uid '\($0.uid!)' found in image's /etc/passwd: pwd_string=\($0.line)") }
        case "blacklist_groupids":
            let ids = Set(parameters.ints("group_ids"))
            return entries.filter { $0.gid.map(ids.contains) == true }.map { Gates.firing(name, trigger, "Blacklisted gid '\($0.gid!)' found in image's /etc/passwd: pwd_string=\($0.line)") }
        case "blacklist_shells":
            let shells = Set(parameters.list("shells"))
            return entries.filter { shells.contains($0.shell) }.map { Gates.firing(name, trigger, "Blacklisted shell '\($0.shell)' found in image's /etc/passwd: pwd_string=\($0.line)") }
        case "blacklist_full_entry":
            guard let wanted = parameters.string("entry") else { return [] }
            return entries.filter { $0.line == wanted }.map { Gates.firing(name, trigger, "Blacklisted pwd entry '\($0.line)' found in image's /etc/passwd") }
        default:
            return []
        }
    }
}
