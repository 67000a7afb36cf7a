import Catalogers
import Cataloging
import Foundation
import LayerFS
import Model
import TestSupport
import Testing

/// The dpkg database: `var/lib/dpkg/status`, distroless `status.d/*`, `info/*.list` and copyright files.
/// Expected values come from the fixture files and the fixtures README (syft/osv-scalibr tests).
@Suite struct DpkgCatalogerTests {
    let cataloger = DpkgCataloger()

    @Test func singleDistrolessEntry() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/status.d-single"))
        #expect(result.nameVersions == ["apt@1.8.2"])
        #expect(result.diagnostics.isEmpty)
        let apt = try #require(result.package("apt"))
        #expect(apt.type == .deb)
        #expect(apt.foundBy == "dpkg-db-cataloger")
        #expect(apt.purl == "pkg:deb/debian/apt@1.8.2?arch=amd64&upstream=apt-dev")
        #expect(apt.supplier == "APT Development Team <deity@lists.debian.org>")
        #expect(apt.locations.map(\.path) == ["/var/lib/dpkg/status.d/single"])
        let metadata = try #require(apt.dpkg)
        #expect(metadata.package == "apt")
        #expect(metadata.version == "1.8.2")
        #expect(metadata.architecture == "amd64")
        #expect(metadata.source == "apt-dev")
        #expect(metadata.sourceVersion == nil)
        #expect(metadata.maintainer == "APT Development Team <deity@lists.debian.org>")
        #expect(metadata.installedSize == 4064)
        // `gpgv | gpgv2 | gpgv1` alternatives become one name each; version constraints are dropped.
        #expect(metadata.depends == ["adduser", "gpgv", "gpgv2", "gpgv1", "debian-archive-keyring", "libapt-pkg5.0", "libc6",
                                     "libgcc1", "libgnutls30", "libseccomp2", "libstdc++6"])
    }

    @Test func distroQualifierAndNamespaceComeFromTheDistro() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/status.d-single"), distro: Distro(id: "debian", versionID: "10"))
        #expect(result.package("apt")?.purl == "pkg:deb/debian/apt@1.8.2?arch=amd64&distro=debian-10&upstream=apt-dev")
        let ubuntu = cataloger.catalog(try Fixtures.tree("dpkg/status.d-deinstall"), distro: Distro(id: "ubuntu", versionID: "24.04"))
        #expect(ubuntu.package("linux-image-6.14.0-1012-aws")?.purl
            == "pkg:deb/ubuntu/linux-image-6.14.0-1012-aws@6.14.0-1012.12~24.04.1?arch=amd64&distro=ubuntu-24.04&upstream=linux-signed-aws-6.14")
    }

    /// `status.d/multiple`: an empty `Package:` paragraph, `no-version` (no Version field), tzdata and util-linux.
    /// Hawser skips a paragraph without a version and says so (Syft reports it with an empty version).
    @Test func multipleDistrolessEntries() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/status.d-multiple"))
        #expect(result.nameVersions == ["tzdata@2020a-0+deb10u1", "util-linux@2.33.1-0.1"])
        #expect(!result.diagnostics(for: "/var/lib/dpkg/status.d/multiple").isEmpty)
        let tzdata = try #require(result.package("tzdata"))
        #expect(tzdata.purl == "pkg:deb/debian/tzdata@2020a-0%2Bdeb10u1?arch=all&upstream=tzdata-dev")
        #expect(tzdata.dpkg?.installedSize == 3036)
        #expect(tzdata.dpkg?.depends == ["debconf", "debconf-2.0"])
        let utilLinux = try #require(result.package("util-linux"))
        #expect(utilLinux.purl == "pkg:deb/debian/util-linux@2.33.1-0.1?arch=amd64")
        #expect(utilLinux.supplier == "LaMont Jones <lamont@debian.org>")
        // Depends then Pre-Depends.
        #expect(utilLinux.dpkg?.depends == ["fdisk", "login", "libaudit1", "libblkid1", "libc6", "libcap-ng0", "libmount1", "libpam0g",
                                           "libselinux1", "libsmartcols1", "libsystemd0", "libtinfo6", "libudev1", "libuuid1", "zlib1g"])
    }

    @Test func corruptEntryGivesDiagnosticNotPackages() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/status.d-corrupt"))
        #expect(result.packages.isEmpty)
        let diagnostics = result.diagnostics(for: "/var/lib/dpkg/status.d/corrupt")
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.cataloger == "dpkg-db-cataloger" })
    }

    @Test func deinstalledStanzasAreNotReported() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/status.d-deinstall"))
        #expect(result.nameVersions == ["linux-image-6.14.0-1012-aws@6.14.0-1012.12~24.04.1"])
        let image = try #require(result.package("linux-image-6.14.0-1012-aws"))
        #expect(image.dpkg?.source == "linux-signed-aws-6.14")
        #expect(image.purl == "pkg:deb/debian/linux-image-6.14.0-1012-aws@6.14.0-1012.12~24.04.1?arch=amd64&upstream=linux-signed-aws-6.14")
    }

    @Test func emptyEntryYieldsNothing() throws {
        #expect(cataloger.catalog(try Fixtures.tree("dpkg/status.d-empty")).packages.isEmpty)
    }

    @Test func installedSizeWithUnitStillYieldsThePackage() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/status.d-installed-size-4KB"))
        #expect(result.nameVersions == ["apt@1.8.2"])
    }

    /// syft Test_CatalogerRelationships: coreutils → libacl1, libattr1, libc6, libgmp10, libselinux1; libc6 → libgcc-s1.
    @Test func coreutilsRelationshipsAndSourceVersions() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/status.d-coreutils-relationships"))
        #expect(result.nameVersions == [
            "coreutils@9.1-1", "gcc-12-base@12.2.0-14", "libacl1@2.3.1-3", "libattr1@1:2.5.1-4", "libc6@2.36-9+deb12u1",
            "libgcc-s1@12.2.0-14", "libgmp10@2:6.2.1+dfsg1-1.1", "libpcre2-8-0@10.42-1", "libselinux1@3.4-1+b6",
        ])
        #expect(result.package("coreutils")?.dpkg?.depends == ["libacl1", "libattr1", "libc6", "libgmp10", "libselinux1"])
        #expect(result.package("libc6")?.dpkg?.depends == ["libgcc-s1"])
        // `Source: libselinux (3.4-1)`: source name and version split, both in the upstream qualifier.
        let selinux = try #require(result.package("libselinux1"))
        #expect(selinux.dpkg?.source == "libselinux")
        #expect(selinux.dpkg?.sourceVersion == "3.4-1")
        #expect(selinux.purl == "pkg:deb/debian/libselinux1@3.4-1%2Bb6?arch=arm64&upstream=libselinux%403.4-1")
        // Epochs keep their colon.
        #expect(result.package("libgmp10")?.purl == "pkg:deb/debian/libgmp10@2:6.2.1%2Bdfsg1-1.1?arch=arm64&upstream=gmp")
        // A package that is its own source has no upstream qualifier.
        #expect(result.package("coreutils")?.purl == "pkg:deb/debian/coreutils@9.1-1?arch=arm64")
    }

    /// Syft's relationship fixtures list version-less stanzas for the targets of Depends/Provides (README counts 16
    /// and 6). Hawser keeps the versioned ones and records one diagnostic per skipped stanza.
    @Test func relationshipFixturesKeepVersionedStanzas() throws {
        let examples = cataloger.catalog(try Fixtures.tree("dpkg/status.d-doc-examples"))
        #expect(examples.nameVersions == ["made-up-package-1@1.0.0", "made-up-package-2@2.0.0", "made-up-package-3@3.0.0",
                                          "made-up-package-4@3.0.0", "mutt@1.3.17-1"])
        #expect(examples.diagnostics.count == 11)
        let pam = cataloger.catalog(try Fixtures.tree("dpkg/status.d-libpam-runtime"))
        #expect(pam.nameVersions == ["libpam-runtime@1.5.2-6+deb12u1"])
        #expect(pam.package("libpam-runtime")?.dpkg?.depends == ["debconf1", "debconf-2.0", "debconf2", "cdebconf", "libpam-modules"])
    }

    // MARK: osv-scalibr status files

    @Test func scalibrValid() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/scalibr-valid"))
        #expect(result.nameVersions == [
            "accountsservice@22.08.8-6", "acl@2.3.1-3", "adduser@3.131", "admin-session@2023.06.26.c543406313-00", "attr@1:2.5.1-4",
            "libacl1@2.3.1-3", "util-linux-extra@2.38.1-5+b1",
        ])
        let extra = try #require(result.package("util-linux-extra"))
        #expect(extra.dpkg?.source == "util-linux")
        #expect(extra.dpkg?.sourceVersion == "2.38.1-5")
        #expect(extra.purl == "pkg:deb/debian/util-linux-extra@2.38.1-5%2Bb1?arch=amd64&upstream=util-linux%402.38.1-5")
        #expect(result.package("libacl1")?.purl == "pkg:deb/debian/libacl1@2.3.1-3?arch=amd64&upstream=acl")
        #expect(result.package("libacl1")?.dpkg?.sourceVersion == nil)
    }

    @Test(arguments: ["dpkg/scalibr-single", "dpkg/scalibr-trailingnewlines"])
    func scalibrSingleAcl(_ fixture: String) throws {
        let result = cataloger.catalog(try Fixtures.tree(fixture))
        #expect(result.nameVersions == ["acl@2.3.1-3"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func onlyInstalledStatusesAreReported() throws {
        let names = Set(cataloger.catalog(try Fixtures.tree("dpkg/scalibr-statusfield")).packages.map(\.name))
        #expect(names.isSuperset(of: ["wantinstall_installed", "wantdeinstall_installed", "wantpurge_installed"]))
        #expect(names.isDisjoint(with: ["wantdeinstall_configfiles", "wantinstall_unpacked", "wantinstall_halfinstalled"]))
    }

    @Test func stanzaWithoutPackageIsSkippedWithDiagnostic() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/scalibr-nopackage"))
        #expect(result.nameVersions == ["bar@2.0", "foo@1.0"])
        #expect(result.diagnostics(for: "/var/lib/dpkg/status").count == 1)
    }

    @Test func stanzaWithoutVersionIsSkippedWithDiagnostic() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/scalibr-noversion"))
        #expect(result.nameVersions == ["bar@2.0", "foo@1.0"])
        #expect(result.diagnostics(for: "/var/lib/dpkg/status").count == 1)
    }

    @Test func transitionalPackagesAreStillPackages() throws {
        #expect(cataloger.catalog(try Fixtures.tree("dpkg/scalibr-transitional")).nameVersions == ["iceweasel@78.13.0esr-1~deb10u1"])
        #expect(cataloger.catalog(try Fixtures.tree("dpkg/scalibr-transitional_dummy")).nameVersions == ["git-core@1:2.14.2-1"])
        #expect(cataloger.catalog(try Fixtures.tree("dpkg/scalibr-transitional_empty")).nameVersions == ["runit-systemd@2.1.2-54+usrmerge"])
    }

    @Test(arguments: ["dpkg/scalibr-invalid", "dpkg/glob-paths"])
    func unreadableStatusFileGivesDiagnostic(_ fixture: String) throws {
        let result = cataloger.catalog(try Fixtures.tree(fixture))
        #expect(result.packages.isEmpty)
        #expect(!result.diagnostics(for: "/var/lib/dpkg/status").isEmpty)
    }

    @Test func emptyStatusFileIsNotAProblem() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/scalibr-empty"))
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    /// A status.d entry without a Status field is installed; `foo.md5sums` beside it is not a database.
    @Test func statusDWithoutStatusField() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/scalibr-status.d"))
        #expect(result.nameVersions == ["foo@1.2.3"])
        #expect(result.diagnostics(for: "/var/lib/dpkg/status.d/foo.md5sums").isEmpty)
    }

    // MARK: A corrupt status file keeps its good paragraphs

    @Test func corruptStatusFileKeepsGoodParagraphs() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/var/lib/dpkg/status", """
            Package: good-one
            Status: install ok installed
            Architecture: amd64
            Version: 1.0-1

            this line is garbage
             and so is this continuation
            Architecture: amd64

            Package: good-two
            Status: install ok installed
            Architecture: amd64
            Version: 2.0-1

            """)
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["good-one@1.0-1", "good-two@2.0-1"])
        let diagnostics = result.diagnostics(for: "/var/lib/dpkg/status")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.description.contains("/var/lib/dpkg/status") == true)
    }

    // MARK: Owned files and licenses

    @Test func infoListFilesBecomeOwnedFiles() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/var/lib/dpkg/status", """
            Package: libc6
            Status: install ok installed
            Architecture: amd64
            Multi-Arch: same
            Source: glibc
            Version: 2.36-9+deb12u4

            Package: tzdata
            Status: install ok installed
            Architecture: all
            Version: 2024a-0+deb12u1

            """)
        // Multi-Arch: same packages have `<name>:<arch>.list`; the rest `<name>.list`. `/.` is not a file.
        try root.write("/var/lib/dpkg/info/libc6:amd64.list", "/.\n/lib\n/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu/libc.so.6\n")
        try root.write("/var/lib/dpkg/info/tzdata.list", "/.\n/usr/share/zoneinfo/UTC\n")
        let result = cataloger.catalog(try root.resolver())
        let libc = try #require(result.package("libc6"))
        #expect(libc.dpkg?.files == ["/lib", "/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu/libc.so.6"])
        #expect(libc.locations.map(\.path) == ["/var/lib/dpkg/status", "/var/lib/dpkg/info/libc6:amd64.list"])
        #expect(libc.purl == "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc")
        let tzdata = try #require(result.package("tzdata"))
        #expect(tzdata.dpkg?.files == ["/usr/share/zoneinfo/UTC"])
        #expect(tzdata.locations.map(\.path) == ["/var/lib/dpkg/status", "/var/lib/dpkg/info/tzdata.list"])
    }

    /// syft image-dpkg: libpam-runtime 1.1.8-3.6 (Source: pam) on Debian 12, copyright licenses GPL-1, GPL-2, LGPL-2.1.
    @Test func imageDpkg() throws {
        let tree = try Fixtures.tree("dpkg/image-dpkg")
        let distro = DistroDetector.detect(tree)
        #expect(distro?.id == "debian")
        #expect(distro?.versionID == "12")
        let result = cataloger.catalog(tree, distro: distro)
        #expect(result.nameVersions == ["libpam-runtime@1.1.8-3.6"])
        let pam = try #require(result.package("libpam-runtime"))
        #expect(pam.purl == "pkg:deb/debian/libpam-runtime@1.1.8-3.6?arch=all&distro=debian-12&upstream=pam")
        #expect(pam.supplier == "Steve Langasek <vorlon@debian.org>")
        #expect(pam.locations.map(\.path).contains("/usr/share/doc/libpam-runtime/copyright"))
        #expect(pam.licenses.sorted() == ["GPL-1", "GPL-2", "LGPL-2.1"])
    }

    /// syft image-distroless-deb: libsqlite3-0 3.34.1-3 whose files are listed in `status.d/libsqlite3-0.md5sums`
    /// (distroless has no `.list` files; Syft reads `<name>.md5sums`, `.conffiles` and `.list`).
    @Test func distrolessOwnedFilesComeFromMd5sums() throws {
        let result = cataloger.catalog(try Fixtures.tree("dpkg/image-distroless-deb"))
        #expect(result.nameVersions == ["libsqlite3-0@3.34.1-3"])
        let sqlite = try #require(result.package("libsqlite3-0"))
        #expect(sqlite.purl == "pkg:deb/debian/libsqlite3-0@3.34.1-3?arch=arm64&upstream=sqlite3")
        #expect(Set(sqlite.licenses).isSuperset(of: ["public-domain", "GPL-2+"]))
        #expect(sqlite.dpkg?.files == [
            "/usr/lib/aarch64-linux-gnu/libsqlite3.so.0.8.6",
            "/usr/share/doc/libsqlite3-0/README.Debian",
            "/usr/share/doc/libsqlite3-0/changelog.Debian.gz",
            "/usr/share/doc/libsqlite3-0/changelog.gz",
            "/usr/share/doc/libsqlite3-0/changelog.html.gz",
            "/usr/share/doc/libsqlite3-0/copyright",
        ])
    }
}

/// Depends become `dependency-of` relationships between installed packages.
struct DpkgDependencyTests {
    @Test func dependsBecomeDependencyOfEdges() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("var/lib/dpkg/status", """
        Package: libc6
        Status: install ok installed
        Version: 2.36-9
        Architecture: amd64

        Package: bash
        Status: install ok installed
        Version: 5.2.15-2
        Architecture: amd64
        Pre-Depends: libc6 (>= 2.36), libtinfo6 (>= 6)
        Depends: base-files (>= 2.1.12), debianutils (>= 5.6-0.1)

        """)
        let result = DpkgCataloger().catalog(try DirectoryTree.read(root: directory.path), context: CatalogContext(distro: nil))
        let libc = try #require(result.packages.first { $0.name == "libc6" })
        let bash = try #require(result.packages.first { $0.name == "bash" })
        #expect(result.relationships == [Relationship(parent: libc.id, child: bash.id, kind: .dependencyOf)])
    }
}
