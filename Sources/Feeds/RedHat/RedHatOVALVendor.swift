/// Whose RHSA-style OVAL a file is: Red Hat's own or a rebuild's that copies its layout.
///
/// Rocky's `org.rockylinux.rlsa-9.xml` is generated in Red Hat's OVAL v1 shape (same
/// `red-def` rpminfo tests, `<advisory><severity>`), but its definitions carry no platform, no
/// CVE references and no per-CVE `<cve>` entries; the vendor decides the namespace prefix, the
/// feed name and the advisory id prefix.
public enum RedHatOVALVendor: String, Sendable, Hashable, CaseIterable {
    /// `com.redhat.rhsa-RHEL<N>.xml.bz2`: namespace `rhel:<N>`, feed `redhat-oval`.
    case redHat = "rhel"
    /// `org.rockylinux.rlsa-<N>.xml.bz2`: namespace `rocky:<N>`, feed `rocky-oval`.
    case rocky

    /// The namespace prefix (`rhel`, `rocky`), matching `DistroNamespace` for os-release ids `rhel`/`centos` and `rocky`.
    public var namespacePrefix: String { rawValue }

    /// The feed name stored with the records.
    public var feedName: String {
        switch self {
        case .redHat: "redhat-oval"
        case .rocky: "rocky-oval"
        }
    }

    /// The `<reference source>` of the vendor's own advisories.
    var advisorySource: String {
        switch self {
        case .redHat: "RHSA"
        case .rocky: "RLSA"
        }
    }

    /// The vendor whose OVAL file name this is (`com.redhat.rhsa-RHEL9.xml.bz2` → `.redHat`,
    /// `org.rockylinux.rlsa-9.xml.bz2` → `.rocky`); nil when the name says neither.
    public static func detected(fromFileName path: String) -> RedHatOVALVendor? {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        if name.contains("com.redhat.") || name.contains("rhsa") { return .redHat }
        if name.contains("org.rockylinux.") || name.contains("rlsa") { return .rocky }
        return nil
    }
}
