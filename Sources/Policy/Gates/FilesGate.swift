import Foundation
import Model

/// `files`: content-search matches, names matching a regex, set-uid/set-gid files, a file's checksum or mode.
struct FilesGate: Gate {
    let name = "files"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        let files = input.sbom.files
        switch trigger {
        case "content_regex_match":
            // Each finding is named by the analyzer's `NAME=REGEX` entry, as Anchore keys them; the
            // parameter names the entry whole, its regex or its name.
            let wanted = parameters.string("regex_name")
            var seen = Set<String>()
            return (input.sbom.contentMatches ?? []).filter { finding in
                guard seen.insert(finding.location.path + "\u{0}" + finding.name).inserted else { return false }
                guard let wanted else { return true }
                let parts = finding.name.split(separator: "=", maxSplits: 1).map(String.init)
                return finding.name == wanted || (parts.count == 2 && (parts[0] == wanted || parts[1] == wanted))
            }.map {
                Gates.firing(name, trigger, "File content analyzer found regexp match in container: file=\($0.location.path) regexp=\($0.name)")
            }
        case "name_match":
            guard let pattern = parameters.string("regex"), let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
            return files.filter { expression.firstMatch(in: $0.location.path, range: NSRange($0.location.path.startIndex..., in: $0.location.path)) != nil }
                .map { Gates.firing(name, trigger, "Application of regex matched file found in container: file=\($0.location.path) regexp=\(pattern)") }
        case "suid_or_guid_set":
            return files.filter { $0.setuid || $0.setgid }.map {
                Gates.firing(name, trigger, "SUID or SGID found set on file \($0.location.path). Mode: \(String($0.mode, radix: 8))")
            }
        case "attribute_match":
            guard let path = parameters.string("filename") else { return [] }
            guard let file = files.first(where: { $0.location.path == path }) else {
                return (parameters.bool("skip_missing") ?? true) ? [] : [Gates.firing(name, trigger, "Cannot locate file \(path) in image")]
            }
            var reasons: [String] = []
            if let checksum = parameters.string("checksum") {
                let equal = file.sha256 == checksum.lowercased().replacingOccurrences(of: "sha256:", with: "")
                if equal == (parameters.string("checksum_match") ?? "equals" == "equals") { reasons.append("checksum \(parameters.string("checksum_match") ?? "equals") \(checksum)") }
            }
            if let modeText = parameters.string("mode"), let mode = UInt32(modeText, radix: 8) {
                let equal = file.mode & 0o7777 == mode & 0o7777
                if equal == (parameters.string("mode_op") ?? "equals" == "equals") { reasons.append("mode \(parameters.string("mode_op") ?? "equals") \(modeText)") }
            }
            return reasons.map { Gates.firing(name, trigger, "File \(path) attribute \($0)") }
        default:
            return []
        }
    }
}

/// `licenses`: packages whose license is denied, exactly or by substring.
struct LicensesGate: Gate {
    let name = "licenses"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        let denied = parameters.list("licenses")
        let exact = trigger == "blacklist_exact_match"
        return input.sbom.packages.flatMap { package in
            package.licenses.filter { license in denied.contains { exact ? license == $0 : license.contains($0) } }.map { license in
                Gates.firing(name, trigger, "\(exact ? "" : "PARTIAL ")LICENSE (\(license)) found for package (\(package.name)) that is in the blacklist")
            }
        }
    }
}

/// `secret_scans.content_regex_checks`: secret-search findings (or their absence) by pattern name and file name.
struct SecretScansGate: Gate {
    let name = "secret_scans"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        guard trigger == "content_regex_checks" else { return [] }
        let wantedName = parameters.string("content_regex_name").map(Self.normalise)
        let fileExpression = parameters.string("filename_regex").flatMap { try? NSRegularExpression(pattern: $0) }
        let findings = input.sbom.secrets.filter { finding in
            (wantedName == nil || Self.normalise(finding.name) == wantedName)
                && (fileExpression == nil || fileExpression!.firstMatch(in: finding.location.path, range: NSRange(finding.location.path.startIndex..., in: finding.location.path)) != nil)
        }
        if parameters.string("match_type") == "notfound" {
            return findings.isEmpty ? [Gates.firing(name, trigger, "Secret search analyzer did not find regexp match in container: regexp=\(wantedName ?? "any")")] : []
        }
        return findings.map { Gates.firing(name, trigger, "Secret search analyzer found regexp match in container: file=\($0.location.path) regexp=\($0.name)") }
    }

    /// Anchore's pattern names (`AWS_ACCESS_KEY`) and Hawser's (`aws-access-key`) compare equal.
    static func normalise(_ name: String) -> String { name.lowercased().replacingOccurrences(of: "_", with: "-") }
}

/// `retrieved_files`: whether a kept file is there, and whether its content matches a regex.
struct RetrievedFilesGate: Gate {
    let name = "retrieved_files"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        guard let path = parameters.string("path") else { return [] }
        let file = input.sbom.retrievedFiles.first { $0.location.path == path }
        switch trigger {
        case "content_not_available":
            return file == nil ? [Gates.firing(name, trigger, "Cannot locate file \(path) in the retrieved files of the image")] : []
        case "content_regex":
            guard let file, let pattern = parameters.string("regex"), let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
            let text = String(decoding: file.contents, as: UTF8.self)
            let found = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            let wantMatch = parameters.string("check") != "no_match"
            return found == wantMatch ? [Gates.firing(name, trigger, "Content regex '\(pattern)' check '\(wantMatch ? "match" : "no_match")' found in retrieved file '\(path)'")] : []
        default:
            return []
        }
    }
}

/// `distro.deny`: a distro, at versions compared with `= != < > <= >=`.
struct DistroGate: Gate {
    let name = "distro"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        guard trigger == "deny", let distro = input.sbom.distro, let wanted = parameters.string("distro"), distro.id == wanted.lowercased(),
              let version = parameters.string("version"), let actual = distro.versionID else { return [] }
        let check = parameters.string("check") ?? "="
        let holds: Bool
        if let left = Double(actual.split(separator: ".").prefix(2).joined(separator: ".")), let right = Double(version) {
            holds = Gates.compare(left, check, right)
        } else {
            holds = Gates.compare(actual, check, version)
        }
        return holds ? [Gates.firing(name, trigger, "Distro denied: \(distro.id) \(actual) \(check) \(version)")] : []
    }
}

/// `npms` and `ruby_gems` name/version deny lists (their feed-based triggers need a packages feed Hawser has not).
struct PackageNameBlacklistGate: Gate {
    let name: String
    let types: Set<PackageType>

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        guard trigger == "blacklisted_name_version" || trigger == "blacklist", let wanted = parameters.string("name") else { return [] }
        let version = parameters.string("version")
        return input.sbom.packages.filter { types.contains($0.type) && $0.name == wanted && (version == nil || $0.version == version) }.map {
            Gates.firing(name, trigger, "\(name == "npms" ? "NPM" : "GEM") Package is blacklisted: \($0.name)-\($0.version)")
        }
    }
}

/// `malware`: Hawser runs no malware scanner, so `scan_not_run` fires and `scans` never does.
struct MalwareGate: Gate {
    let name = "malware"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        trigger == "scan_not_run" ? [Gates.firing(name, trigger, "No malware scan was run on the image")] : []
    }
}

/// `tag_drift`: packages added, removed or changed against the image the tag pointed at before.
struct TagDriftGate: Gate {
    let name = "tag_drift"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        guard let previous = input.previousSBOM else { return [] }
        let wanted = parameters.string("package_type")?.lowercased()
        func index(_ sbom: SBOM) -> [String: String] {
            Dictionary(sbom.packages.filter { Gates.packageTypeMatches($0.type, wanted) }.map { ("\($0.type.rawValue)/\($0.name)", $0.version) },
                       uniquingKeysWith: { first, _ in first })
        }
        let before = index(previous), now = index(input.sbom)
        switch trigger {
        case "packages_added":
            return now.keys.filter { before[$0] == nil }.sorted().map { Gates.firing(name, trigger, "Package added to the tag: \($0) \(now[$0]!)") }
        case "packages_removed":
            return before.keys.filter { now[$0] == nil }.sorted().map { Gates.firing(name, trigger, "Package removed from the tag: \($0) \(before[$0]!)") }
        case "packages_modified":
            return now.keys.filter { before[$0] != nil && before[$0] != now[$0] }.sorted().map {
                Gates.firing(name, trigger, "Package modified in the tag: \($0) \(before[$0]!) -> \(now[$0]!)")
            }
        default:
            return []
        }
    }
}
