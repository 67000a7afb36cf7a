import Model

/// The vulnerability namespace of a distro release, as the feeds are grouped:
/// `debian:12`, `ubuntu:22.04`, `alpine:3.19`, `rhel:9`, `rocky:9`, `almalinux:9`, `amzn:2023`.
enum DistroNamespace {
    static func of(_ distro: Distro) -> String? {
        guard let version = distro.versionID, !version.isEmpty else {
            return distro.id == "debian" && distro.versionCodename == "sid" ? "debian:unstable" : nil
        }
        let parts = version.split(separator: ".")
        switch distro.id {
        case "debian", "rhel", "centos", "rocky", "almalinux", "ol", "fedora":
            let major = String(parts.first ?? Substring(version))
            return "\(distro.id == "centos" ? "rhel" : distro.id):\(major)"
        case "alpine":
            return "alpine:\(parts.prefix(2).joined(separator: "."))"
        default:
            return "\(distro.id):\(version)"
        }
    }
}
