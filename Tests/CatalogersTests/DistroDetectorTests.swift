import Catalogers
import Foundation
import LayerFS
import Model
import TestSupport
import Testing

/// One os-release fixture and the release upstream expects from it (README "os-release expectations").
struct DistroCase: Sendable, CustomTestStringConvertible {
    /// Relative to `fixtures/os-release/`.
    var fixture: String
    /// For a bare file: where it goes in a temporary root. `nil`: the fixture is itself a root.
    var placeAt: String?
    /// `nil` when no release must be found.
    var id: String?
    var versionID: String?

    init(_ fixture: String, at placeAt: String? = nil, _ id: String?, _ versionID: String?) {
        self.fixture = fixture
        self.placeAt = placeAt
        self.id = id
        self.versionID = versionID
    }

    var testDescription: String { fixture }

    func detect() throws -> Distro? {
        guard let placeAt else { return DistroDetector.detect(try Fixtures.tree("os-release/" + fixture)) }
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "os-release/" + fixture, to: placeAt)
        return DistroDetector.detect(try root.resolver())
    }

    func check() throws {
        let distro = try detect()
        if let id {
            #expect(distro?.id == id)
            #expect(distro?.versionID == versionID)
        } else {
            #expect(distro == nil)
        }
    }
}

@Suite struct DistroDetectorTests {
    /// syft `syft/linux/identify_release_test.go` and grype `Test_NewDistroFromRelease_Coverage` cases that
    /// come from os-release (or /etc files Hawser documents it reads).
    static let osReleaseCases: [DistroCase] = [
        DistroCase("syft-linux/os/alpine", "alpine", "3.11.6"),
        DistroCase("syft-linux/os/amazon", "amzn", "2"),
        DistroCase("syft-linux/os/centos", "centos", "8"),
        DistroCase("syft-linux/os/debian/from-os-release", "debian", "8"),
        DistroCase("syft-linux/os/fedora", "fedora", "36"),
        DistroCase("syft-linux/os/redhat/from-os-release", "rhel", "7.3"),
        DistroCase("syft-linux/os/redhat/from-redhat-release", "rhel", "8.10"),
        DistroCase("syft-linux/os/ubuntu", "ubuntu", "20.04"),
        DistroCase("syft-linux/os/oraclelinux", "ol", "8.3"),
        DistroCase("syft-linux/os/empty", nil, nil),
        DistroCase("syft-linux/os/custom", "scientific", "8"),
        DistroCase("syft-linux/os/opensuse-leap", "opensuse-leap", "15.2"),
        DistroCase("syft-linux/os/sles", "sles", "15.2"),
        DistroCase("syft-linux/os/photon", "photon", "2.0"),
        DistroCase("syft-linux/os/arch", "arch", nil),
        DistroCase("syft-linux/partial-fields/unknown-id", "my-awesome-distro", "8"),
        DistroCase("syft-linux/os/mariner", "mariner", "1.0"),
        DistroCase("syft-linux/os/rockylinux/from-os-release", "rocky", "8.4"),
        DistroCase("syft-linux/os/almalinux/from-os-release", "almalinux", "8.4"),
        DistroCase("syft-linux/os/scientific/from-os-release", "scientific", "7.5"),
        DistroCase("syft-linux/os/wolfi", "wolfi", "20220914"),
        DistroCase("syft-linux/ubuntu-20.04", at: "/etc/os-release", "ubuntu", "20.04"),
        DistroCase("syft-linux/debian-8", at: "/etc/os-release", "debian", "8"),
        DistroCase("syft-linux/centos-8", at: "/etc/os-release", "centos", "8"),
        DistroCase("syft-linux/rhel-8", at: "/etc/os-release", "rhel", "8.1"),
        // CRLF line endings.
        DistroCase("syft-linux/unprintable", at: "/etc/os-release", "debian", "8"),
        DistroCase("syft-linux/bad-system-release-cpe", at: "/etc/system-release-cpe", nil, nil),
        DistroCase("grype-distro/os/alpine-edge", "alpine", "3.22.0_alpha20250108"),
        DistroCase("grype-distro/os/azurelinux", "azurelinux", "3.0"),
        DistroCase("grype-distro/os/chainguard", "chainguard", "20230214"),
        DistroCase("grype-distro/os/debian-sid", "debian", nil),
        DistroCase("grype-distro/os/echo", "echo", "1"),
        DistroCase("grype-distro/os/fedora", "fedora", "31"),
        DistroCase("grype-distro/os/gentoo", "gentoo", nil),
        DistroCase("grype-distro/os/hummingbird", "hummingbird", "20251124"),
        DistroCase("grype-distro/os/minimos", "minimos", "20241031"),
        DistroCase("grype-distro/os/postmarketos", "postmarketos", "v25.06"),
        DistroCase("grype-distro/os/postmarketos-edge", "postmarketos", "edge"),
        DistroCase("grype-distro/os/raspbian", "raspbian", "9"),
        DistroCase("grype-distro/os/secureos", "secureos", "2025.09.09"),
    ]

    @Test(arguments: osReleaseCases)
    func identifiesRelease(_ testCase: DistroCase) throws {
        try testCase.check()
    }

    /// `/etc/redhat-release` names the distribution (`Rocky Linux release 8.10 …`); Syft reads the name from the line.
    static let redhatReleaseCases: [DistroCase] = [
        DistroCase("syft-linux/os/centos5", "centos", "5.7"),
        DistroCase("syft-linux/os/rockylinux/from-redhat-release", "rocky", "8.10"),
        DistroCase("syft-linux/os/almalinux/from-redhat-release", "almalinux", "8.10"),
        DistroCase("syft-linux/os/scientific/from-redhat-release", "scientific", "7.9"),
        DistroCase("grype-distro/os/scientific6", "scientific", "6.10"),
    ]

    @Test(arguments: redhatReleaseCases)
    func readsTheDistributionNamedInRedhatRelease(_ testCase: DistroCase) throws {
        try testCase.check()
    }

    /// Distroless Debian ships an os-release without VERSION_ID; the point release is in `/etc/debian_version`.
    static let debianVersionCases: [DistroCase] = [
        DistroCase("syft-linux/os/debian/from-debian_version", "debian", "10.8"),
        DistroCase("syft-linux/os/debian/with-point-release", "debian", "13.5"),
    ]

    @Test(arguments: debianVersionCases)
    func completesDebianVersionFromDebianVersionFile(_ testCase: DistroCase) throws {
        try testCase.check()
    }

    /// An os-release without ID still says `ID_LIKE=debian` and `VERSION_ID=8` (grype: Debian 8).
    @Test func osReleaseWithoutIDKeepsVersionAndIDLike() throws {
        let distro = DistroDetector.detect(try Fixtures.tree("os-release/syft-linux/partial-fields/missing-id"))
        #expect(distro?.versionID == "8")
        #expect(distro?.idLike == ["debian"])
    }

    /// Release sources besides os-release that Syft also reads: `/bin/busybox`'s banner and `/etc/system-release-cpe`.
    static let otherSourceCases: [DistroCase] = [
        DistroCase("syft-linux/os/busybox", "busybox", "1.31.1"),
        DistroCase("syft-linux/os/centos6", "centos", "6"),
    ]

    @Test(arguments: otherSourceCases)
    func busyboxBannerAndSystemReleaseCPE(_ testCase: DistroCase) throws {
        try testCase.check()
    }

    @Test func keepsAllOSReleaseFields() throws {
        let distro = try #require(DistroDetector.detect(try Fixtures.tree("os-release/syft-linux/os/ubuntu")))
        #expect(distro == Distro(id: "ubuntu", versionID: "20.04", versionCodename: "focal", idLike: ["debian"],
                                 prettyName: "Ubuntu 20.04 LTS", name: "Ubuntu"))
        #expect(distro.majorVersion == "20")
    }

    @Test func idLikeIsSplitOnSpaces() throws {
        let distro = DistroDetector.detect(try Fixtures.tree("os-release/syft-linux/os/almalinux/from-os-release"))
        #expect(distro?.idLike == ["rhel", "centos", "fedora"])
    }

    @Test func codenameWithoutVersion() throws {
        let distro = DistroDetector.detect(try Fixtures.tree("os-release/grype-distro/os/debian-sid"))
        #expect(distro?.versionCodename == "trixie")
        #expect(distro?.versionID == nil)
    }

    // MARK: Fallbacks, in temporary roots

    @Test func alpineReleaseOnly() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/etc/alpine-release", "3.18.4\n")
        #expect(DistroDetector.detect(try root.resolver()) == Distro(id: "alpine", versionID: "3.18.4"))
    }

    @Test func numericDebianVersionOnly() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/etc/debian_version", "12.4\n")
        #expect(DistroDetector.detect(try root.resolver()) == Distro(id: "debian", versionID: "12.4"))
    }

    @Test func codenameDebianVersionOnly() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/etc/debian_version", "bookworm/sid\n")
        #expect(DistroDetector.detect(try root.resolver()) == Distro(id: "debian", versionID: nil, versionCodename: "bookworm/sid"))
    }

    @Test func lsbReleaseOnly() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\nDISTRIB_DESCRIPTION=\"Ubuntu 22.04.3 LTS\"\n")
        #expect(DistroDetector.detect(try root.resolver())
            == Distro(id: "ubuntu", versionID: "22.04", versionCodename: "jammy", prettyName: "Ubuntu 22.04.3 LTS"))
    }

    @Test func redhatFamilyReleaseFile() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/etc/rocky-release", "Rocky Linux release 9.3 (Blue Onyx)\n")
        let distro = DistroDetector.detect(try root.resolver())
        #expect(distro?.id == "rocky")
        #expect(distro?.versionID == "9.3")
    }

    @Test func osReleaseWinsOverOtherFiles() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "os-release/syft-linux/os/alpine/etc/os-release", to: "/etc/os-release")
        try root.write("/etc/alpine-release", "9.9.9\n")
        try root.write("/etc/debian_version", "12.4\n")
        #expect(DistroDetector.detect(try root.resolver())?.versionID == "3.11.6")
    }

    /// Most images link `/etc/os-release` to `../usr/lib/os-release`; the link resolves inside the image root.
    @Test func followsOSReleaseSymlinkInsideTheRoot() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "os-release/syft-linux/debian-8", to: "/usr/lib/os-release")
        try root.symlink("/etc/os-release", to: "../usr/lib/os-release")
        #expect(DistroDetector.detect(try root.resolver())?.versionID == "8")
    }

    @Test func commentsAndSingleQuotes() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/etc/os-release", "# a comment\n  ID='wolfi'\nVERSION_ID='20230201'\n")
        let distro = DistroDetector.detect(try root.resolver())
        #expect(distro?.id == "wolfi")
        #expect(distro?.versionID == "20230201")
    }

    @Test func emptyRootHasNoDistro() throws {
        let root = try TestRoot()
        defer { root.remove() }
        #expect(DistroDetector.detect(try root.resolver()) == nil)
    }
}
