import Catalogers
import Cataloging
import Foundation
import Model
import TestSupport
import Testing

/// `CatalogRunner` over `Catalogers.all`: merged results, duplicates removed, sorted output and
/// Syft's `ownership-by-file-overlap` edge from an OS package to the language package whose files it installs.
@Suite struct CatalogRunnerTests {
    static let site = "/usr/lib/python3/dist-packages"

    /// python3-six from dpkg, whose `info/python3-six.list` names six's dist-info METADATA.
    static func debianPythonRoot(listMetadata: Bool = true) throws -> TestRoot {
        let root = try TestRoot()
        try root.write("/var/lib/dpkg/status", """
            Package: python3-six
            Status: install ok installed
            Architecture: all
            Source: six
            Version: 1.16.0-4

            """)
        var list = "/.\n/usr\n/usr/lib\n/usr/lib/python3\n\(site)\n\(site)/six.py\n"
        if listMetadata { list += "\(site)/six-1.16.0.dist-info\n\(site)/six-1.16.0.dist-info/METADATA\n" }
        try root.write("/var/lib/dpkg/info/python3-six.list", list)
        try root.write("\(site)/six-1.16.0.dist-info/METADATA",
                       "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\nAuthor: Benjamin Peterson\nAuthor-email: benjamin@python.org\nLicense: MIT\n")
        try root.write("\(site)/six.py", "# six\n")
        return root
    }

    @Test func debOwnsThePythonPackageItInstalled() async throws {
        let root = try Self.debianPythonRoot()
        defer { root.remove() }
        let result = await CatalogRunner(catalogers: Catalogers.all).run(try root.resolver(), distro: Distro(id: "debian", versionID: "12"))
        #expect(result.nameVersions == ["python3-six@1.16.0-4", "six@1.16.0"])
        let deb = try #require(result.package("python3-six"))
        let python = try #require(result.package("six"))
        #expect(deb.purl == "pkg:deb/debian/python3-six@1.16.0-4?arch=all&distro=debian-12&upstream=six")
        #expect(python.purl == "pkg:pypi/six@1.16.0")
        #expect(result.relationships == [Relationship(parent: deb.id, child: python.id, kind: .ownershipByFileOverlap)])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func noOverlapNoRelationship() async throws {
        let root = try Self.debianPythonRoot(listMetadata: false)
        defer { root.remove() }
        let result = await CatalogRunner(catalogers: Catalogers.all).run(try root.resolver(), distro: nil)
        #expect(result.packages.count == 2)
        #expect(result.relationships.isEmpty)
    }

    /// An apk package owning a RECORD-listed file of a Python package (evidence: RECORD files, not only METADATA).
    @Test func apkOwnsPythonPackageThroughRecordFiles() async throws {
        let root = try TestRoot()
        defer { root.remove() }
        let site = "/usr/lib/python3.11/site-packages"
        try root.write("/lib/apk/db/installed", "P:py3-six\nV:1.16.0-r6\nA:noarch\no:py3-six\nF:usr/lib/python3.11/site-packages\nR:six.py\n\n")
        try root.write("\(site)/six-1.16.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n")
        try root.write("\(site)/six-1.16.0.dist-info/RECORD", "six.py,sha256=abc,34549\nsix-1.16.0.dist-info/METADATA,,\n")
        let result = await CatalogRunner(catalogers: Catalogers.all).run(try root.resolver(), distro: Distro(id: "alpine", versionID: "3.19.1"))
        let apk = try #require(result.package("py3-six"))
        let python = try #require(result.package("six"))
        #expect(result.relationships == [Relationship(parent: apk.id, child: python.id, kind: .ownershipByFileOverlap)])
    }

    @Test func duplicatesAreRemoved() async throws {
        let root = try Self.debianPythonRoot()
        defer { root.remove() }
        let resolver = try root.resolver()
        let once = await CatalogRunner(catalogers: [DpkgCataloger(), PythonPackageCataloger()]).run(resolver, distro: nil)
        let twice = await CatalogRunner(catalogers: [DpkgCataloger(), PythonPackageCataloger(), DpkgCataloger(), PythonPackageCataloger()])
            .run(resolver, distro: nil)
        #expect(twice.packages == once.packages)
        #expect(Set(twice.packages.map(\.id)).count == twice.packages.count)
        #expect(twice.relationships == once.relationships)
    }

    @Test func packagesAreSortedByTypeNameVersion() async throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/lib/apk/db/installed", "P:zlib\nV:1.3.1-r0\nA:x86_64\n\nP:busybox\nV:1.36.1-r15\nA:x86_64\n\nP:busybox\nV:1.36.1-r2\nA:x86_64\n\n")
        try root.write("/app/node_modules/left-pad/package.json", #"{"name": "left-pad", "version": "1.3.0"}"#)
        try root.write("/app/node_modules/abbrev/package.json", #"{"name": "abbrev", "version": "1.1.1"}"#)
        try root.write("/usr/lib/python3.11/site-packages/attrs-23.1.0.dist-info/METADATA", "Name: attrs\nVersion: 23.1.0\n")
        let result = await CatalogRunner(catalogers: Catalogers.all).run(try root.resolver(), distro: nil)
        #expect(result.packages.map { "\($0.type.rawValue) \($0.name) \($0.version)" } == [
            "apk busybox 1.36.1-r15", "apk busybox 1.36.1-r2", "apk zlib 1.3.1-r0",
            "npm abbrev 1.1.1", "npm left-pad 1.3.0",
            "python attrs 23.1.0",
        ])
    }

    @Test func diagnosticsOfEveryCatalogerAreKept() async throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/var/lib/dpkg/status", "bogus status")
        try root.write("/app/node_modules/broken/package.json", "{ not json")
        try root.write("/lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\n\n")
        let result = await CatalogRunner(catalogers: Catalogers.all).run(try root.resolver(), distro: nil)
        #expect(result.nameVersions == ["musl@1.2.4-r2"])
        #expect(Set(result.diagnostics.map(\.cataloger)) == ["dpkg-db-cataloger", "javascript-package-cataloger"])
    }

    @Test func emptyRoot() async throws {
        let root = try TestRoot()
        defer { root.remove() }
        let result = await CatalogRunner(catalogers: Catalogers.all).run(try root.resolver(), distro: nil)
        #expect(result.packages.isEmpty)
        #expect(result.relationships.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    /// Syft's cataloger names, each once, in the explicit list.
    @Test func catalogerNames() {
        let names = Catalogers.all.map(\.name)
        #expect(Set(names).count == names.count)
        for name in ["dpkg-db-cataloger", "apk-db-cataloger", "rpm-db-cataloger", "python-installed-package-cataloger",
                     "javascript-package-cataloger", "java-archive-cataloger", "go-module-binary-cataloger"] {
            #expect(names.contains(name), "\(name) is not in Catalogers.all")
        }
    }
}
