import Foundation

/// Ubuntu release codenames and the VulnDB namespaces they map to (`jammy` → `ubuntu:22.04`).
///
/// Ubuntu's OVAL files are named by codename (`com.ubuntu.jammy.usn.oval.xml.bz2`) and their
/// definitions by "Ubuntu 22.04 LTS" platforms; matchers look records up by the os-release
/// `VERSION_ID` (`22.04`), so namespaces use the `YY.MM` version. Every release since 14.04.
public enum UbuntuRelease {
    /// Codename → `VERSION_ID`.
    public static let versions: [String: String] = [
        "trusty": "14.04", "utopic": "14.10", "vivid": "15.04", "wily": "15.10",
        "xenial": "16.04", "yakkety": "16.10", "zesty": "17.04", "artful": "17.10",
        "bionic": "18.04", "cosmic": "18.10", "disco": "19.04", "eoan": "19.10",
        "focal": "20.04", "groovy": "20.10", "hirsute": "21.04", "impish": "21.10",
        "jammy": "22.04", "kinetic": "22.10", "lunar": "23.04", "mantic": "23.10",
        "noble": "24.04", "oracular": "24.10", "plucky": "25.04", "questing": "25.10",
    ]

    /// `ubuntu:22.04` for `jammy`; nil for an unknown codename.
    public static func namespace(codename: String) -> String? {
        versions[codename.lowercased()].map { "ubuntu:\($0)" }
    }

    /// `ubuntu:22.04` for an OVAL platform `Ubuntu 22.04 LTS`; nil when it names no Ubuntu release.
    public static func namespace(platform: String) -> String? {
        let words = platform.split(separator: " ")
        guard words.count >= 2, words[0] == "Ubuntu" else { return nil }
        let version = words[1]
        let parts = version.split(separator: ".")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }) else { return nil }
        return "ubuntu:\(version)"
    }

    /// The release an inventory definition checks: `Check that Ubuntu 24.04 LTS (noble) is installed.`
    static func namespace(inventoryTitle title: String) -> String? {
        guard let start = title.range(of: "Ubuntu ") else { return nil }
        return namespace(platform: String(title[start.lowerBound...]))
    }

    /// The codename in an Ubuntu OVAL file name (`com.ubuntu.jammy.usn.oval.xml.bz2`, also with a
    /// mirror's prefix such as `oci.`), when it is a known one. Pocket variants such as
    /// `fips-updates_jammy` are not plain releases and give nil.
    public static func codename(inOVALFileName path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let range = name.range(of: "com.ubuntu.") else { return nil }
        let codename = name[range.upperBound...].prefix { $0 != "." }.lowercased()
        return versions[codename] == nil ? nil : codename
    }
}
