import Cataloging
import Model

/// Identifies the distribution from os-release (https://www.freedesktop.org/software/systemd/man/os-release.html),
/// falling back to lsb-release, alpine-release, the Red Hat family's release files and debian_version.
public enum DistroDetector {
    public static func detect(_ resolver: any FileResolver) -> Distro? {
        for path in ["/etc/os-release", "/usr/lib/os-release"] {
            if let fields = keyValues(resolver, path), let id = fields["ID"], !id.isEmpty {
                return Distro(id: id.lowercased(), versionID: fields["VERSION_ID"], versionCodename: fields["VERSION_CODENAME"],
                              idLike: (fields["ID_LIKE"] ?? "").split(separator: " ").map(String.init),
                              prettyName: fields["PRETTY_NAME"], name: fields["NAME"])
            }
        }
        if let fields = keyValues(resolver, "/etc/lsb-release"), let id = fields["DISTRIB_ID"] {
            return Distro(id: id.lowercased(), versionID: fields["DISTRIB_RELEASE"], versionCodename: fields["DISTRIB_CODENAME"],
                          prettyName: fields["DISTRIB_DESCRIPTION"])
        }
        if let version = firstLine(resolver, "/etc/alpine-release") {
            return Distro(id: "alpine", versionID: version)
        }
        for (path, id) in [("/etc/rocky-release", "rocky"), ("/etc/almalinux-release", "almalinux"), ("/etc/centos-release", "centos"),
                           ("/etc/fedora-release", "fedora"), ("/etc/redhat-release", "rhel")] {
            if let line = firstLine(resolver, path) {
                return Distro(id: id, versionID: releaseVersion(line), prettyName: line)
            }
        }
        if let version = firstLine(resolver, "/etc/debian_version") {
            let numeric = version.first?.isNumber == true
            return Distro(id: "debian", versionID: numeric ? version : nil, versionCodename: numeric ? nil : version)
        }
        return nil
    }

    /// `KEY=value` and `KEY="quoted value"` lines.
    static func keyValues(_ resolver: any FileResolver, _ path: String) -> [String: String]? {
        guard let bytes = try? resolver.contents(of: path) else { return nil }
        var fields: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: " \t")
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            var value = String(trimmed[trimmed.index(after: equals)...])
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            fields[String(trimmed[..<equals])] = value
        }
        return fields
    }

    static func firstLine(_ resolver: any FileResolver, _ path: String) -> String? {
        guard let bytes = try? resolver.contents(of: path) else { return nil }
        let line = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: " \t")
        return line?.isEmpty == false ? line : nil
    }

    /// `Rocky Linux release 9.3 (Blue Onyx)` → `9.3`.
    static func releaseVersion(_ line: String) -> String? {
        line.split(separator: " ").first { $0.first?.isNumber == true }.map(String.init)
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        return String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
