import Cataloging
import Model

/// Identifies the distribution from os-release (https://www.freedesktop.org/software/systemd/man/os-release.html),
/// falling back to lsb-release, alpine-release, the Red Hat family's release files, system-release-cpe,
/// debian_version and, as Syft does for busybox-only images, the version string in `/bin/busybox`.
public enum DistroDetector {
    public static func detect(_ resolver: any FileResolver) -> Distro? {
        for path in ["/etc/os-release", "/usr/lib/os-release"] {
            guard let fields = keyValues(resolver, path) else { continue }
            let idLike = (fields["ID_LIKE"] ?? "").split(separator: " ").map { $0.lowercased() }
            // Without ID, ID_LIKE says what the distro behaves as (grype treats it so).
            guard let id = (fields["ID"].flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? idLike.first) else { continue }
            var versionID = fields["VERSION_ID"]
            // Debian's os-release has only the major version (or none, in distroless images);
            // /etc/debian_version has the point release.
            if id == "debian",
               let point = firstLine(resolver, "/etc/debian_version"), point.first?.isNumber == true,
               versionID == nil || point.hasPrefix(versionID! + ".") {
                versionID = point
            }
            return Distro(id: id, versionID: versionID, versionCodename: fields["VERSION_CODENAME"], idLike: idLike,
                          prettyName: fields["PRETTY_NAME"], name: fields["NAME"])
        }
        if let fields = keyValues(resolver, "/etc/lsb-release"), let id = fields["DISTRIB_ID"] {
            return Distro(id: id.lowercased(), versionID: fields["DISTRIB_RELEASE"], versionCodename: fields["DISTRIB_CODENAME"],
                          prettyName: fields["DISTRIB_DESCRIPTION"])
        }
        if let version = firstLine(resolver, "/etc/alpine-release") {
            return Distro(id: "alpine", versionID: version)
        }
        for path in ["/etc/rocky-release", "/etc/almalinux-release", "/etc/centos-release", "/etc/fedora-release", "/etc/redhat-release"] {
            if let line = firstLine(resolver, path) {
                return Distro(id: redHatFamilyID(line), versionID: releaseVersion(line), prettyName: line)
            }
        }
        if let cpe = firstLine(resolver, "/etc/system-release-cpe"), let distro = systemReleaseCPE(cpe) {
            return distro
        }
        if let version = firstLine(resolver, "/etc/debian_version") {
            let numeric = version.first?.isNumber == true
            return Distro(id: "debian", versionID: numeric ? version : nil, versionCodename: numeric ? nil : version)
        }
        if let bytes = try? resolver.contents(of: "/bin/busybox"), let version = busyboxVersion(bytes) {
            return Distro(id: "busybox", versionID: version, prettyName: "BusyBox v\(version)")
        }
        return nil
    }

    /// `cpe:/o:centos:linux:6:GA` → centos 6; Red Hat's vendor `redhat` is the `rhel` distro.
    static func systemReleaseCPE(_ line: String) -> Distro? {
        let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        // cpe:/o:VENDOR:PRODUCT:VERSION…; a line missing a field (`cpe:/o:centos:6:GA`) names no release.
        guard fields.count >= 5, fields[0] == "cpe", fields[1] == "/o", !fields[2].isEmpty, !fields[3].isEmpty,
              fields[4].first?.isNumber == true else { return nil }
        let vendor = fields[2].lowercased()
        return Distro(id: vendor == "redhat" ? "rhel" : vendor, versionID: fields[4], prettyName: line)
    }

    /// The `BusyBox v1.31.1` banner every busybox binary carries.
    static func busyboxVersion(_ bytes: [UInt8]) -> String? {
        let marker = Array("BusyBox v".utf8)
        guard bytes.count > marker.count else { return nil }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] && bytes[start..<start + marker.count].elementsEqual(marker) {
            let version = bytes[(start + marker.count)...].prefix { $0 == UInt8(ascii: ".") || (0x30...0x39).contains($0) }
            if !version.isEmpty, version.first != UInt8(ascii: ".") { return String(decoding: version, as: UTF8.self) }
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

    /// The distro a Red Hat style release line names (`CentOS release 5.7 (Final)` → centos).
    static func redHatFamilyID(_ line: String) -> String {
        let lower = line.lowercased()
        for (marker, id) in [("centos", "centos"), ("rocky", "rocky"), ("almalinux", "almalinux"), ("scientific", "scientific"),
                             ("fedora", "fedora"), ("oracle", "ol"), ("amazon", "amzn")] where lower.contains(marker) {
            return id
        }
        return "rhel"
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
