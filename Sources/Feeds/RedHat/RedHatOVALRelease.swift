/// Where an RHSA/RLSA OVAL definition says which major release it is for.
///
/// Red Hat writes it in the `<platform>` (`Red Hat Enterprise Linux 9`) and in the criterion
/// `Red Hat Enterprise Linux 9 is installed`; Rocky in neither, only in `<advisory
/// from="cpe:/o:rocky:rocky:9:GA">` and the file name (`org.rockylinux.rlsa-9.xml.bz2`). Records use
/// the major alone (`rhel:9`), as `DistroNamespace` does with os-release `VERSION_ID` `9.3`.
enum RedHatOVALRelease {
    /// `9` for `Red Hat Enterprise Linux 9`, `Rocky Linux 9`, `CentOS 9`…
    static func major(platform: String) -> String? {
        for prefix in ["Red Hat Enterprise Linux ", "Rocky Linux ", "AlmaLinux ", "CentOS "] where platform.hasPrefix(prefix) {
            return leadingNumber(platform.dropFirst(prefix.count))
        }
        return nil
    }

    /// `9` for the criterion comment `Red Hat Enterprise Linux 9 is installed`.
    static func major(criterionComment comment: String) -> String? {
        guard comment.hasSuffix(" is installed") else { return nil }
        return major(platform: String(comment.dropLast(" is installed".count)))
    }

    /// `9` for `cpe:/o:rocky:rocky:9:GA` or `cpe:/o:redhat:enterprise_linux:9::baseos`.
    static func major(cpe: String) -> String? {
        let parts = cpe.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 4, parts[0] == "cpe", parts[1] == "/o" else { return nil }
        return leadingNumber(parts[4])
    }

    /// `9` for `com.redhat.rhsa-RHEL9.xml.bz2` or `org.rockylinux.rlsa-9.xml.bz2`.
    static func major(fileName path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dash = name.lastIndex(of: "-") else { return nil }
        var rest = name[name.index(after: dash)...]
        if rest.uppercased().hasPrefix("RHEL") { rest = rest.dropFirst(4) }
        return leadingNumber(rest)
    }

    private static func leadingNumber(_ text: Substring) -> String? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : String(digits)
    }
}
