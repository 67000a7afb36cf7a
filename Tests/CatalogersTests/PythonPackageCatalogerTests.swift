import Catalogers
import Foundation
import Model
import TestSupport
import Testing

/// Installed Python packages: dist-info and egg-info metadata with their RECORD / installed-files.txt
/// (fixtures `python/*`, copied under a site-packages folder of a temporary root).
@Suite struct PythonPackageCatalogerTests {
    let cataloger = PythonPackageCataloger()
    static let site = "/usr/lib/python3.8/site-packages"

    /// syft "dist-info directory": Pygments 2.6.1 reported lowercased, with its RECORD.
    @Test func distInfoWithRecord() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let distInfo = Self.site + "/Pygments-2.6.1.dist-info"
        try root.copy(fixture: "python/site-packages-nested/dist-name/dist-info/METADATA", to: distInfo + "/METADATA")
        try root.copy(fixture: "python/site-packages-nested/dist-name/dist-info/RECORD", to: distInfo + "/RECORD")
        try root.copy(fixture: "python/site-packages-nested/dist-name/dist-info/top_level.txt", to: distInfo + "/top_level.txt")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["pygments@2.6.1"])
        #expect(result.diagnostics.isEmpty)
        let pygments = try #require(result.package("pygments"))
        #expect(pygments.type == .python)
        #expect(pygments.foundBy == "python-installed-package-cataloger")
        #expect(pygments.language == "python")
        #expect(pygments.purl == "pkg:pypi/pygments@2.6.1")
        #expect(pygments.licenses == ["BSD License"])
        #expect(pygments.supplier == "Georg Brandl <georg@python.org>")
        #expect(pygments.locations.map(\.path) == [distInfo + "/METADATA", distInfo + "/RECORD"])
        let metadata = try #require(pygments.python)
        #expect(metadata.name == "Pygments")
        #expect(metadata.version == "2.6.1")
        #expect(metadata.author == "Georg Brandl")
        #expect(metadata.authorEmail == "georg@python.org")
        #expect(metadata.license == "BSD License")
        #expect(metadata.sitePackagesRootPath == Self.site)
        #expect(metadata.requiresDist == ["soupsieve (>1.2)", "html5lib ; extra == 'html5lib'", "lxml ; extra == 'lxml'"])
        // RECORD paths are relative to site-packages; `../../../bin/pygmentize` leaves it.
        #expect(metadata.files == [
            "/usr/bin/pygmentize",
            Self.site + "/Pygments-2.6.1.dist-info/AUTHORS",
            Self.site + "/Pygments-2.6.1.dist-info/LICENSE.txt",
            Self.site + "/Pygments-2.6.1.dist-info/RECORD",
            Self.site + "/pygments/__pycache__/__init__.cpython-38.pyc",
            Self.site + "/pygments/util.py",
            Self.site + "/pygments/x_util.py",
        ])
    }

    /// syft "partial dist-info directory": METADATA alone still makes the package.
    @Test func partialDistInfo() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "python/site-packages-partial.dist-info/METADATA", to: Self.site + "/Pygments-2.6.1.dist-info/METADATA")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["pygments@2.6.1"])
        #expect(result.package("pygments")?.python?.files == [])
        #expect(result.package("pygments")?.locations.count == 1)
    }

    /// syft "malformed-record": merge-conflict markers and a tar header in RECORD are not file entries; the four
    /// well-formed rows are (`flask/json/tag.py`, `../../Scripts/flask.exe` twice, `Flask-1.0.2.dist-info/INSTALLER`).
    @Test func malformedRecordKeepsOnlyWellFormedRows() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let distInfo = Self.site + "/Pygments-2.6.1.dist-info"
        try root.copy(fixture: "python/site-packages-malformed-record/dist-info/METADATA", to: distInfo + "/METADATA")
        try root.copy(fixture: "python/site-packages-malformed-record/dist-info/RECORD", to: distInfo + "/RECORD")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["pygments@2.6.1"])
        #expect(result.package("pygments")?.python?.files == [
            Self.site + "/flask/json/tag.py",
            "/usr/lib/Scripts/flask.exe",
            "/usr/lib/Scripts/flask.exe",
            Self.site + "/Flask-1.0.2.dist-info/INSTALLER",
        ])
    }

    /// syft "egg-info directory": requests 2.22.0 from `*.egg-info/PKG-INFO`.
    @Test func eggInfoDirectory() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let eggInfo = Self.site + "/requests-2.22.0-py3.8.egg-info"
        try root.copy(fixture: "python/site-packages-nested/egg-name/egg-info/PKG-INFO", to: eggInfo + "/PKG-INFO")
        try root.copy(fixture: "python/site-packages-nested/egg-name/egg-info/PKG-INFO-INVALID", to: eggInfo + "/PKG-INFO-INVALID")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["requests@2.22.0"])
        let requests = try #require(result.package("requests"))
        #expect(requests.purl == "pkg:pypi/requests@2.22.0")
        #expect(requests.licenses == ["Apache 2.0"])
        #expect(requests.supplier == "Kenneth Reitz <me@kennethreitz.org>")
        #expect(requests.python?.sitePackagesRootPath == Self.site)
    }

    /// syft "egg-info regular file": a single-file `.egg-info`.
    @Test func eggInfoFile() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "python/site-packages-test/test.egg-info", to: Self.site + "/requests-2.22.0-py3.8.egg-info")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["requests@2.22.0"])
        let requests = try #require(result.package("requests"))
        #expect(requests.licenses == ["Apache 2.0"])
        #expect(requests.python?.author == "Kenneth Reitz")
        #expect(requests.python?.authorEmail == "me@kennethreitz.org")
        #expect(requests.python?.sitePackagesRootPath == Self.site)
        #expect(requests.python?.files == [])
    }

    /// `installed-files.txt` paths are relative to the egg-info directory.
    @Test func installedFilesOfEggInfo() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let eggInfo = Self.site + "/dicttoxml-1.7.4-py3.6.egg-info"
        try root.write(eggInfo + "/PKG-INFO", "Metadata-Version: 1.1\nName: dicttoxml\nVersion: 1.7.4\n")
        try root.copy(fixture: "python/installed-files/installed-files.txt", to: eggInfo + "/installed-files.txt")
        let result = cataloger.catalog(try root.resolver())
        let package = try #require(result.package("dicttoxml"))
        #expect(package.locations.map(\.path) == [eggInfo + "/PKG-INFO", eggInfo + "/installed-files.txt"])
        #expect(package.python?.files == [
            Self.site + "/__pycache__/dicttoxml.cpython-36.pyc",
            Self.site + "/dicttoxml.py",
            eggInfo + "/PKG-INFO",
            eggInfo + "/SOURCES.txt",
            eggInfo + "/dependency_links.txt",
            eggInfo + "/top_level.txt",
        ])
    }

    /// syft Test_PackageCataloger_IgnorePackage: the interpreter's own `Python-2.7.egg-info` (Debian ships it in
    /// lib-dynload) is not a PyPI package.
    @Test func interpreterEggInfoIsNotAPackage() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "python/egg-info-file/site-packages/Python-2.7.egg-info", to: "/usr/lib/python2.7/lib-dynload/Python-2.7.egg-info")
        #expect(cataloger.catalog(try root.resolver()).packages.isEmpty)
    }

    @Test func emptyEggInfoIsNotAPackage() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "python/egg-info-file/site-packages/empty-1.0.0-py3.8.egg-info", to: Self.site + "/empty-1.0.0-py3.8.egg-info")
        #expect(cataloger.catalog(try root.resolver()).packages.isEmpty)
    }

    /// `Name: no-version` without a Version header: skipped with a diagnostic naming the file (Syft reports it
    /// with an empty version; a versionless package cannot be matched).
    @Test func metadataWithoutVersionGivesDiagnostic() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let path = Self.site + "/no-version-py3.8.egg-info"
        try root.copy(fixture: "python/site-packages-no-version/no-version-py3.8.egg-info", to: path)
        let result = cataloger.catalog(try root.resolver())
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics(for: path).count == 1)
    }

    /// setuptools eggs keep their metadata in `<name>.egg/EGG-INFO/PKG-INFO`; Syft globs `**/*EGG-INFO/PKG-INFO`
    /// and `**/*DIST-INFO/METADATA` too (syft "egg-info directory case sensitive", glob-paths `w.EGG-INFO`).
    @Test func upperCaseEggInfoInsideAnEgg() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "python/site-packages-uppercase/egg-name/EGG-INFO/PKG-INFO",
                      to: Self.site + "/requests-2.22.0-py3.8.egg/EGG-INFO/PKG-INFO")
        try root.copy(fixture: "python/site-packages-uppercase/dist-name/DIST-INFO/METADATA",
                      to: Self.site + "/Pygments-2.6.1.DIST-INFO/METADATA")
        #expect(cataloger.catalog(try root.resolver()).nameVersions == ["pygments@2.6.1", "requests@2.22.0"])
    }

    // MARK: Names, licenses and suppliers from real METADATA files (trivy packaging testdata)

    @Test func licenseFromClassifier() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "python/trivy-packaging/zipp-3.12.1.METADATA", to: Self.site + "/zipp-3.12.1.dist-info/METADATA")
        let zipp = try #require(cataloger.catalog(try root.resolver()).package("zipp"))
        #expect(zipp.licenses == ["MIT License"])
        #expect(zipp.supplier == "Jason R. Coombs <jaraco@jaraco.com>")
    }

    /// setuptools 51.3.3 PKG-INFO: `License: UNKNOWN`, then a multi-line Description with empty lines, then the
    /// classifiers (trivy reads `License :: OSI Approved :: MIT License` from it).
    @Test func classifiersAfterMultiLineDescription() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "python/trivy-packaging/setuptools-51.3.3-py3.8.egg-info.PKG-INFO",
                      to: Self.site + "/setuptools-51.3.3-py3.8.egg-info/PKG-INFO")
        let setuptools = try #require(cataloger.catalog(try root.resolver()).package("setuptools"))
        #expect(setuptools.supplier == "Python Packaging Authority <distutils-sig@python.org>")
        #expect(setuptools.licenses == ["MIT License"])
    }

    @Test func licenseExpressionWins() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "python/trivy-packaging/iniconfig-2.0.0.METADATA", to: Self.site + "/iniconfig-2.0.0.dist-info/METADATA")
        let iniconfig = try #require(cataloger.catalog(try root.resolver()).package("iniconfig"))
        #expect(iniconfig.licenses == ["MIT"])
        #expect(iniconfig.python?.license == "MIT")
        // Only Author-email is set: it is the supplier as written.
        #expect(iniconfig.supplier == "Ronny Pfannschmidt <opensource@ronnypfannschmidt.de>, Holger Krekel <holger.krekel@gmail.com>")
    }

    @Test func licenseHeaderBeatsClassifier() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "python/trivy-packaging/distlib-0.3.1.METADATA", to: Self.site + "/distlib-0.3.1.dist-info/METADATA")
        try root.copy(fixture: "python/trivy-packaging/asyncssh-2.14.2.METADATA", to: Self.site + "/asyncssh-2.14.2.dist-info/METADATA")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.package("distlib")?.licenses == ["Python license"])
        #expect(result.package("asyncssh")?.licenses == ["Eclipse Public License v2.0"])
    }

    @Test func maintainerIsSupplierWithoutAuthor() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write(Self.site + "/maintained-1.0.dist-info/METADATA",
                       "Metadata-Version: 2.1\nName: maintained\nVersion: 1.0\nAuthor: UNKNOWN\nMaintainer: Jane Doe\n")
        let package = try #require(cataloger.catalog(try root.resolver()).package("maintained"))
        #expect(package.supplier == "Jane Doe")
        #expect(package.python?.author == nil)
    }

    @Test func mixedCaseNameIsLoweredAndPURLNormalized() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "python/trivy-packaging/unidecode-egg-info.PKG-INFO", to: Self.site + "/Unidecode-0.4.1-py3.8.egg-info/PKG-INFO")
        try root.write(Self.site + "/Foo_Bar.baz-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: Foo_Bar..baz\nVersion: 1.0\n")
        let result = cataloger.catalog(try root.resolver())
        let unidecode = try #require(result.package("unidecode"))
        #expect(unidecode.purl == "pkg:pypi/unidecode@0.4.1")
        #expect(unidecode.python?.name == "Unidecode")
        #expect(unidecode.licenses == [])
        // PEP 503: runs of `-`, `_`, `.` become one `-`.
        let foo = try #require(result.package("foo_bar..baz"))
        #expect(foo.purl == "pkg:pypi/foo-bar-baz@1.0")
        #expect(PythonPackageCataloger.normalize("Foo_Bar..baz") == "foo-bar-baz")
    }

    @Test func trailingSpaceInNameIsTrimmed() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "python/trivy-packaging/simple-0.1.0.METADATA", to: Self.site + "/simple-0.1.0.dist-info/METADATA")
        #expect(cataloger.catalog(try root.resolver()).nameVersions == ["simple@0.1.0"])
    }

    /// RECORD is CSV: a quoted path may hold commas and doubled quotes.
    @Test func quotedRecordPaths() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let distInfo = Self.site + "/quoted-1.0.dist-info"
        try root.write(distInfo + "/METADATA", "Metadata-Version: 2.1\nName: quoted\nVersion: 1.0\n")
        try root.write(distInfo + "/RECORD", "\"quoted/a,b.py\",sha256=abc,10\n\"quoted/say \"\"hi\"\".txt\",,\nquoted-1.0.dist-info/RECORD,,\n")
        let files = cataloger.catalog(try root.resolver()).package("quoted")?.python?.files
        #expect(files == [Self.site + "/quoted/a,b.py", Self.site + "/quoted/say \"hi\".txt", distInfo + "/RECORD"])
    }
}
