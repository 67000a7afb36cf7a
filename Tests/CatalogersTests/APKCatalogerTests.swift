import Catalogers
import Foundation
import Model
import TestSupport
import Testing

/// Alpine's `lib/apk/db/installed` (fixtures `apk/*`; syft, osv-scalibr and trivy expectations).
@Suite struct APKCatalogerTests {
    let cataloger = APKCataloger()
    static let database = "/lib/apk/db/installed"

    @Test func singlePackageDetails() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/single"))
        #expect(result.nameVersions == ["musl-utils@1.1.24-r2"])
        #expect(result.diagnostics.isEmpty)
        let musl = try #require(result.package("musl-utils"))
        #expect(musl.type == .apk)
        #expect(musl.foundBy == "apk-db-cataloger")
        #expect(musl.purl == "pkg:apk/alpine/musl-utils@1.1.24-r2?arch=x86_64&upstream=musl")
        #expect(musl.supplier == "Timo Teräs <timo.teras@iki.fi>")
        #expect(musl.locations.map(\.path) == [Self.database])
        let metadata = try #require(musl.apk)
        #expect(metadata.package == "musl-utils")
        #expect(metadata.version == "1.1.24-r2")
        #expect(metadata.origin == "musl")
        #expect(metadata.architecture == "x86_64")
        #expect(metadata.license == "MIT BSD GPL2+")
        #expect(metadata.maintainer == "Timo Teräs <timo.teras@iki.fi>")
        #expect(metadata.dependencies == ["scanelf", "so:libc.musl-x86_64.so.1"])
        // `F:` names the directory of the `R:` files after it.
        #expect(metadata.files == ["/sbin/ldconfig", "/usr/bin/iconv", "/usr/bin/ldd", "/usr/bin/getconf", "/usr/bin/getent"])
    }

    /// `MIT BSD GPL2+` is not an SPDX expression: Syft splits it on spaces into three licenses.
    @Test func spaceSeparatedLicenseListIsSplit() throws {
        let musl = try #require(cataloger.catalog(try Fixtures.tree("apk/single")).package("musl-utils"))
        #expect(musl.licenses == ["MIT", "BSD", "GPL2+"])
    }

    @Test func spdxExpressionLicenseIsKeptWhole() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/multiple-2"))
        #expect(result.package("ca-certificates-bundle")?.licenses == ["MPL-2.0 AND MIT"])
        #expect(result.package("zlib")?.licenses == ["Zlib"])
    }

    @Test func distroGivesNamespaceAndQualifier() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/single"), distro: Distro(id: "alpine", versionID: "3.11.6"))
        #expect(result.package("musl-utils")?.purl == "pkg:apk/alpine/musl-utils@1.1.24-r2?arch=x86_64&distro=alpine-3.11.6&upstream=musl")
        let wolfi = cataloger.catalog(try Fixtures.tree("apk/single"), distro: Distro(id: "wolfi", versionID: "20230201"))
        #expect(wolfi.package("musl-utils")?.purl == "pkg:apk/wolfi/musl-utils@1.1.24-r2?arch=x86_64&distro=wolfi-20230201&upstream=musl")
    }

    @Test func baseLayoutFileList() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/base"))
        #expect(result.nameVersions == ["alpine-baselayout@3.2.0-r6"])
        let layout = try #require(result.package("alpine-baselayout"))
        // The package is its own origin: no upstream qualifier.
        #expect(layout.purl == "pkg:apk/alpine/alpine-baselayout@3.2.0-r6?arch=x86_64")
        #expect(layout.licenses == ["GPL-2.0-only"])
        #expect(layout.apk?.dependencies == ["/bin/sh", "so:libc.musl-x86_64.so.1"])
        let files = try #require(layout.apk?.files)
        #expect(files.count == 27)
        #expect(Array(files.prefix(5)) == ["/etc/fstab", "/etc/group", "/etc/hostname", "/etc/hosts", "/etc/inittab"])
        #expect(Array(files.suffix(3)) == ["/var/run", "/var/spool/mail", "/var/spool/cron/crontabs"])
    }

    @Test func multipleOne() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/multiple-1"))
        #expect(result.nameVersions == ["bash@5.2.21-r0", "busybox-binsh@1.36.1-r15", "musl@1.2.4_git20230717-r4", "readline@8.2.1-r2"])
        #expect(result.package("busybox-binsh")?.purl == "pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64&upstream=busybox")
        #expect(result.package("bash")?.apk?.dependencies == ["/bin/sh", "so:libc.musl-x86_64.so.1", "so:libreadline.so.8"])
        #expect(result.package("busybox-binsh")?.supplier == "Sören Tempel <soeren+alpine@soeren-tempel.net>")
    }

    @Test func multipleTwo() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/multiple-2"))
        #expect(result.nameVersions == [
            "alpine-baselayout-data@3.2.0-r22", "alpine-baselayout@3.2.0-r22", "alpine-keys@2.4-r1", "apk-tools@2.12.9-r3", "busybox@1.35.0-r17",
            "ca-certificates-bundle@20220614-r0", "libc-utils@0.7.2-r3", "libcrypto1.1@1.1.1q-r0", "libssl1.1@1.1.1q-r0", "musl-utils@1.2.3-r0",
            "musl@1.2.3-r0", "scanelf@1.3.4-r0", "ssl_client@1.35.0-r17", "zlib@1.2.12-r3",
        ])
        #expect(result.package("libssl1.1")?.apk?.origin == "openssl")
        #expect(result.package("libc-utils")?.purl == "pkg:apk/alpine/libc-utils@0.7.2-r3?arch=x86_64&upstream=libc-dev")
    }

    @Test func emptyDependsAndProvides() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/empty-deps-and-provides"))
        #expect(result.nameVersions == ["alpine-baselayout-data@3.4.0-r0"])
        #expect(result.package("alpine-baselayout-data")?.apk?.dependencies == [])
    }

    @Test func extraFileAttributesAreIgnored() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/extra-file-attributes"))
        #expect(result.nameVersions == ["openjdk8-jre@8.212.04-r0"])
        let files = try #require(result.package("openjdk8-jre")?.apk?.files)
        #expect(files.first == "/usr/lib/jvm/java-1.8-openjdk/bin/policytool")
    }

    @Test func scalibrInstalledCount() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/scalibr-installed"))
        #expect(result.packages.count == 15)
        #expect(result.diagnostics.isEmpty)
    }

    /// trivy's database has 16 records; `invalidPackageWithoutAVersion` has no `V:` and is skipped with a
    /// diagnostic (Syft reports it with an empty version, hence the README's 16).
    @Test func trivyDatabaseSkipsTheVersionlessRecord() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/trivy-apk"))
        #expect(result.packages.count == 15)
        #expect(result.package("invalidPackageWithoutAVersion") == nil)
        #expect(result.diagnostics(for: Self.database).count == 1)
        #expect(result.package("musl")?.licenses == ["MIT"])
    }

    @Test func scalibrInstalledNames() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/scalibr-installed"))
        #expect(result.nameVersions == [
            "alpine-baselayout-data@3.4.3-r1", "alpine-baselayout@3.4.3-r1", "alpine-keys@2.4-r1", "apk-tools@2.14.0-r0", "busybox-binsh@1.36.0-r9",
            "busybox@1.36.0-r9", "ca-certificates-bundle@20230506-r0", "libc-utils@0.7.2-r5", "libcrypto3@3.1.0-r4", "libssl3@3.1.0-r4",
            "musl-utils@1.2.4-r0", "musl@1.2.4-r0", "scanelf@1.3.7-r1", "ssl_client@1.36.0-r9", "zlib@1.2.13-r1",
        ])
    }

    @Test func noOriginMeansNoUpstream() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/scalibr-no-origin"))
        #expect(result.nameVersions == ["pkgname@1.2.3"])
        #expect(result.package("pkgname")?.apk?.origin == nil)
        #expect(result.package("pkgname")?.purl == "pkg:apk/alpine/pkgname@1.2.3?arch=x86_64")
    }

    @Test func differentArchitecture() throws {
        let package = try #require(cataloger.catalog(try Fixtures.tree("apk/scalibr-different-arch")).package("alpine-baselayout-data"))
        #expect(package.version == "3.4.3-r1")
        #expect(package.purl == "pkg:apk/alpine/alpine-baselayout-data@3.4.3-r1?arch=noarch&upstream=alpine-baselayout")
    }

    @Test func emptyDatabaseIsNotAProblem() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/scalibr-empty"))
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    /// syft Test_corruptDb: a leading junk line must be reported; the valid entry is still read.
    @Test func corruptDatabaseKeepsValidEntryAndReportsJunk() throws {
        let result = cataloger.catalog(try Fixtures.tree("apk/corrupt"))
        #expect(result.nameVersions == ["alpine-baselayout-data@3.2.0-r22"])
        #expect(!result.diagnostics(for: Self.database).isEmpty)
    }

    /// osv-scalibr 'invalid' (`asdf` / `yolo`) and syft's glob-paths placeholder must give an error, not silence.
    @Test(arguments: ["apk/scalibr-invalid", "apk/glob-paths"])
    func invalidDatabaseGivesDiagnostic(_ fixture: String) throws {
        let result = cataloger.catalog(try Fixtures.tree(fixture))
        #expect(result.packages.isEmpty)
        #expect(!result.diagnostics(for: Self.database).isEmpty)
    }

    @Test func recordWithoutVersionIsReported() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write(Self.database, "P:good\nV:1.0-r0\nA:x86_64\n\nP:no-version\nA:x86_64\n\n")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["good@1.0-r0"])
        #expect(result.diagnostics(for: Self.database).count == 1)
    }
}
