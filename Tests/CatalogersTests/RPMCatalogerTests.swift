@testable import Catalogers
import Cataloging
import Foundation
import LayerFS
import Model
import Testing

/// The rpm database cataloger on the real fixtures (`shared/fixtures/rpm`): BerkeleyDB, NDB and SQLite.
/// Expected rows come from each case's `expected.txt` (rpm 4.18, go-rpmdb and Syft agree on them).
@Suite struct RPMCatalogerTests {
    let cataloger = RPMCataloger()

    func catalog(_ folder: String, distro: Distro? = nil) throws -> CatalogResult {
        cataloger.catalog(try RPMFixtures.tree(folder), context: CatalogContext(distro: distro))
    }

    @Test(arguments: RPMFixtures.databases.map(\.folder))
    func readsEveryPackageInDatabaseOrder(folder: String) throws {
        let result = try catalog(folder)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.packages.compactMap(\.rpmMetadata?.expectedRow) == (try RPMFixtures.expectedRows(folder)))
        #expect(result.packages.allSatisfy { $0.type == .rpm && $0.foundBy == "rpm-db-cataloger" })
    }

    @Test func berkeleyDBPackage() throws {
        let result = try catalog("bdb-dive")
        let dive = try #require(result.packages.first)
        #expect(dive.name == "dive")
        #expect(dive.version == "0.9.2-1")
        #expect(dive.purl == "pkg:rpm/redhat/dive@0.9.2-1?arch=x86_64&upstream=dive-0.9.2-1.src.rpm")
        #expect(dive.licenses == ["MIT"])
        #expect(dive.locations.map(\.path) == ["/var/lib/rpm/Packages"])
        #expect(dive.cpes == ["cpe:2.3:a:dive:dive:0.9.2-1:*:*:*:*:*:*:*"])
        let metadata = try #require(dive.rpmMetadata)
        #expect(metadata.size == 12_406_784)
        #expect(metadata.epoch == nil)
        #expect(metadata.files == ["/usr/local/bin/dive"])
    }

    @Test func distroGivesNamespaceAndQualifier() throws {
        let centos = try catalog("bdb-dive", distro: Distro(id: "centos", versionID: "8"))
        #expect(centos.packages.first?.purl == "pkg:rpm/centos/dive@0.9.2-1?arch=x86_64&distro=centos-8&upstream=dive-0.9.2-1.src.rpm")
        let rhel = try catalog("bdb-libuuid-ubi8", distro: Distro(id: "rhel", versionID: "8.8"))
        #expect(rhel.packages.first?.purl
            == "pkg:rpm/redhat/libuuid@2.32.1-42.el8_8?arch=x86_64&distro=rhel-8.8&upstream=util-linux-2.32.1-42.el8_8.src.rpm")
    }

    /// An epoch is part of the version (`1:0.0.1-rls`, as Syft writes it) but a qualifier in the purl.
    @Test func epochInVersionAndPURL() throws {
        let hello = try #require(try catalog("bdb-epoch-fedora32").packages.first)
        #expect(hello.version == "1:0.0.1-rls")
        #expect(hello.purl == "pkg:rpm/redhat/hello@0.0.1-rls?arch=x86_64&epoch=1&upstream=hello-0.0.1-rls.src.rpm")
        #expect(hello.licenses == ["GPL"])
        #expect(hello.rpmMetadata?.epoch == 1)
    }

    @Test func vendorIsTheSupplier() throws {
        let libuuid = try #require(try catalog("bdb-libuuid-ubi8").packages.first)
        #expect(libuuid.supplier == "Red Hat, Inc.")
        #expect(libuuid.rpmMetadata?.vendor == "Red Hat, Inc.")
        #expect(libuuid.rpmMetadata?.files.contains("/usr/lib64/libuuid.so.1") == true)
    }

    @Test func sqliteDatabase() throws {
        let result = try catalog("sqlite-mariner2")
        #expect(result.packages.count == 129)
        let curl = try #require(result.packages.first { $0.name == "curl" })
        #expect(curl.version == "7.76.0-6.cm2")
        #expect(curl.supplier == "Microsoft Corporation")
        #expect(curl.licenses == ["MIT"])
        #expect(curl.locations.map(\.path) == ["/var/lib/rpm/rpmdb.sqlite"])
        #expect(curl.rpmMetadata?.files.contains("/usr/bin/curl") == true)
        // Three packages carry epoch 1 (expected.txt); their versions say so.
        #expect(result.packages.filter { $0.version.hasPrefix("1:") }.count == 3)
    }

    @Test func ndbDatabase() throws {
        let result = try catalog("ndb-sle15-bci")
        let glibc = try #require(result.packages.first { $0.name == "glibc" })
        #expect(glibc.version == "2.31-9.3.2")
        #expect(glibc.locations.map(\.path) == ["/usr/lib/sysimage/rpm/Packages.db"])
        #expect(glibc.purl == "pkg:rpm/redhat/glibc@2.31-9.3.2?arch=x86_64&upstream=glibc-2.31-9.3.2.src.rpm")
        #expect(glibc.rpmMetadata?.files.contains("/lib64/libc.so.6") == true)
        #expect(result.packages.first { $0.name == "gpg-pubkey" } == nil)
    }

    /// A SQLite file without a `Packages` table (claircore's negative case): a diagnostic, no packages.
    @Test func sqliteWithoutPackagesTable() throws {
        let result = try catalog("sqlite-invalid-schema")
        #expect(result.packages.isEmpty)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.path == "/var/lib/rpm/rpmdb.sqlite")
        #expect(diagnostic.cataloger == "rpm-db-cataloger")
        #expect(diagnostic.message.contains("Packages"))
    }

    /// Syft's glob-paths case: placeholder files at every database path. Five-byte files are not
    /// databases (one diagnostic each); empty files are skipped quietly.
    @Test func placeholderFilesAtEveryDatabasePath() throws {
        let result = try catalog("glob-paths")
        #expect(result.packages.isEmpty)
        #expect(Set(result.diagnostics.map(\.path)) == [
            "/usr/share/rpm/Packages", "/usr/share/rpm/Packages.db", "/usr/share/rpm/rpmdb.sqlite",
            "/var/lib/rpm/Packages", "/var/lib/rpm/Packages.db", "/var/lib/rpm/rpmdb.sqlite",
        ])
        #expect(result.diagnostics.count == 6)
    }

    @Test func symlinkedDatabaseIsReadOnceAtItsRealPath() throws {
        let bytes = try RPMFixtures.bytes("bdb-dive/var/lib/rpm/Packages")
        let root = try RPMTestRoot(database: "/usr/lib/sysimage/rpm/Packages", bytes: bytes)
        defer { root.remove() }
        try FileManager.default.createDirectory(atPath: root.directory.path + "/var/lib/rpm", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.directory.path + "/var/lib/rpm/Packages",
                                                   withDestinationPath: "../../../usr/lib/sysimage/rpm/Packages")
        let result = try root.catalog()
        #expect(result.packages.map(\.name) == ["dive"])
        #expect(result.packages.first?.locations.map(\.path) == ["/usr/lib/sysimage/rpm/Packages"])
    }

    @Test func versionStrings() {
        #expect(RPMCataloger.version(epoch: nil, version: "1.2", release: "3.el9") == "1.2-3.el9")
        #expect(RPMCataloger.version(epoch: 0, version: "1.2", release: "3.el9") == "0:1.2-3.el9")
        #expect(RPMCataloger.version(epoch: 2, version: "9.0", release: "1.cm2") == "2:9.0-1.cm2")
    }

    @Test func purlNamespaces() {
        #expect(RPMCataloger.namespace(nil) == "redhat")
        #expect(RPMCataloger.namespace(Distro(id: "rhel", versionID: "9.4")) == "redhat")
        #expect(RPMCataloger.namespace(Distro(id: "opensuse-leap", versionID: "15.5")) == "opensuse")
        #expect(RPMCataloger.namespace(Distro(id: "fedora", versionID: "40")) == "fedora")
        #expect(RPMCataloger.namespace(Distro(id: "amzn", versionID: "2")) == "amzn")
    }
}
