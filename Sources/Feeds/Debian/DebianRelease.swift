import Foundation

/// Debian release codenames and the VulnDB namespaces they map to (`bookworm` → `debian:12`).
///
/// Debian's feeds name releases by codename (tracker JSON) or by "Debian GNU/Linux N" (OVAL
/// `<platform>`); matchers look records up by the `/etc/os-release` `VERSION_ID`, so namespaces
/// use the major release number. `sid` (unstable) has no number and maps to `debian:unstable`.
public enum DebianRelease {
    /// Codename → major release number; `sid` → `unstable`.
    public static let numbers: [String: String] = [
        "buzz": "1.1", "rex": "1.2", "bo": "1.3", "hamm": "2.0", "slink": "2.1", "potato": "2.2",
        "woody": "3.0", "sarge": "3.1", "etch": "4", "lenny": "5", "squeeze": "6", "wheezy": "7",
        "jessie": "8", "stretch": "9", "buster": "10", "bullseye": "11", "bookworm": "12",
        "trixie": "13", "forky": "14", "duke": "15", "sid": "unstable",
    ]

    /// `debian:12` for `bookworm`, `debian:unstable` for `sid`; nil for an unknown codename.
    public static func namespace(codename: String) -> String? {
        numbers[codename.lowercased()].map { "debian:\($0)" }
    }

    /// `debian:12` for an OVAL platform `Debian GNU/Linux 12`; nil when it names no Debian release.
    public static func namespace(platform: String) -> String? {
        let prefix = "Debian GNU/Linux "
        guard platform.hasPrefix(prefix) else { return nil }
        let number = platform.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return "debian:\(number)"
    }

    /// The codename in a Debian OVAL file name (`oval-definitions-bookworm.xml.bz2` → `bookworm`),
    /// when it is a known one.
    public static func codename(inOVALFileName path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let prefix = "oval-definitions-"
        guard name.hasPrefix(prefix) else { return nil }
        let codename = name.dropFirst(prefix.count).prefix { $0.isLetter }.lowercased()
        return numbers[codename] == nil ? nil : codename
    }
}
