/// EVR strings as OVAL states write them.
enum OVALEVR {
    /// `0:3.0.7-6.el9_2` → `3.0.7-6.el9_2`; other epochs are kept (`1:3.0.1-47.el9_1`).
    ///
    /// dpkg and rpm both read a missing epoch as 0, so dropping `0:` keeps the version, and the
    /// stored constraint then reads like the installed versions the catalogers record (dpkg's
    /// `Version:` field; `RPMCataloger` writes `epoch:` only when the header has an EPOCH tag).
    static func droppingZeroEpoch(_ evr: String) -> String {
        evr.hasPrefix("0:") && evr.count > 2 ? String(evr.dropFirst(2)) : evr
    }

    /// The file name of `path`, for feed labels in diagnostics (`ubuntu-oval:com.ubuntu.jammy.usn.oval.xml.bz2`).
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
