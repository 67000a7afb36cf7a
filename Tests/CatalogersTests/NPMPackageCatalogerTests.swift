import Catalogers
import Cataloging
import Foundation
import Model
import TestSupport
import Testing

/// Installed npm packages: every `package.json` with a name and version (fixtures `javascript/pkg-json`,
/// `javascript/trivy-packagejson`, `javascript/corrupt`, copied into `node_modules` of a temporary root).
@Suite struct NPMPackageCatalogerTests {
    let cataloger = NPMPackageCataloger()

    /// Catalogs one fixture placed at `/usr/lib/node_modules/<folder>/package.json`.
    func catalog(_ fixture: String, folder: String = "pkg") throws -> CatalogResult {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: fixture, to: "/usr/lib/node_modules/\(folder)/package.json")
        return cataloger.catalog(try root.resolver())
    }

    @Test func packageJSON() throws {
        let result = try catalog("javascript/pkg-json/package.json", folder: "npm")
        #expect(result.nameVersions == ["npm@6.14.6"])
        let npm = try #require(result.package("npm"))
        #expect(npm.type == .npm)
        #expect(npm.foundBy == "javascript-package-cataloger")
        #expect(npm.language == "javascript")
        #expect(npm.purl == "pkg:npm/npm@6.14.6")
        #expect(npm.licenses == ["Artistic-2.0"])
        #expect(npm.supplier == "Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)")
        #expect(npm.locations.map(\.path) == ["/usr/lib/node_modules/npm/package.json"])
        #expect(npm.npm == NPMMetadata(name: "npm", version: "6.14.6", author: "Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)",
                                       homepage: "https://docs.npmjs.com/", license: "Artistic-2.0"))
    }

    @Test func licenseObject() throws {
        #expect(try catalog("javascript/pkg-json/package-license-object.json").package("npm")?.licenses == ["ISC"])
        #expect(try catalog("javascript/trivy-packagejson/legacy_package.json").package("angular")?.licenses == ["ISC"])
    }

    @Test func licenseObjectsArray() throws {
        let npm = try #require(try catalog("javascript/pkg-json/package-license-objects.json").package("npm"))
        #expect(npm.licenses == ["MIT", "Apache-2.0"])
        #expect(npm.npm?.license == "MIT")
    }

    @Test func noLicense() throws {
        #expect(try catalog("javascript/pkg-json/package-no-license.json").package("npm")?.licenses == [])
    }

    @Test func nullLicenseAndUnknownLicenseObject() throws {
        #expect(try catalog("javascript/trivy-packagejson/null_license_package.json").package("null-license")?.licenses == [])
        #expect(try catalog("javascript/trivy-packagejson/unknown_license_object_package.json").package("unknown-license-object")?.licenses == [])
    }

    /// `"license": [{"type": …}, …]` (the legacy array form), `[]`, and a number: the package must survive
    /// the odd field (trivy parses all of these).
    @Test(arguments: [
        ("javascript/trivy-packagejson/legacy_array_package.json", "tv4@1.3.0", ["Public Domain", "MIT"]),
        ("javascript/trivy-packagejson/mixed_array_license_package.json", "mixed-array-license@1.0.0", ["MIT"]),
        ("javascript/trivy-packagejson/empty_array_license_package.json", "empty-array-license@1.0.0", []),
        ("javascript/trivy-packagejson/invalid_license_package.json", "weird-license@1.0.0", []),
    ])
    func unusualLicenseShapesKeepThePackage(_ fixture: String, _ nameVersion: String, _ licenses: [String]) throws {
        let result = try catalog(fixture)
        #expect(result.nameVersions == [nameVersion])
        #expect(result.packages.first?.licenses == licenses)
    }

    @Test func authorObject() throws {
        let npm = try #require(try catalog("javascript/pkg-json/package-nested-author.json").package("npm"))
        // syft TestParsePackageJSON: the object form renders like the string form, url included.
        #expect(npm.supplier == "Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)")
    }

    @Test func authorObjectWithoutEmail() throws {
        let npm = try #require(try catalog("javascript/pkg-json/package-author-non-standard.json").package("npm"))
        #expect(npm.supplier?.hasPrefix("npm Inc.") == true)
    }

    @Test func authorStringWinsOverAuthorsAndMaintainers() throws {
        #expect(try catalog("javascript/pkg-json/package-all-author-fields.json").package("npm")?.supplier == "Main Author <main@example.com>")
        #expect(try catalog("javascript/pkg-json/package-repo-string.json").package("function-bind")?.supplier == "Raynos <raynos2@gmail.com>")
    }

    @Test func repoStringPackage() throws {
        let result = try catalog("javascript/pkg-json/package-repo-string.json")
        #expect(result.nameVersions == ["function-bind@1.1.1"])
        #expect(result.package("function-bind")?.licenses == ["MIT"])
        #expect(result.package("function-bind")?.npm?.homepage == "https://github.com/Raynos/function-bind")
    }

    @Test func privatePackageIsStillReported() throws {
        #expect(try catalog("javascript/pkg-json/package-private.json").nameVersions == ["npm@6.14.6"])
    }

    /// syft issue #311: a package.json without name and version is not a package and not a problem.
    @Test(arguments: ["javascript/pkg-json/package-partial.json", "javascript/trivy-packagejson/without_name_and_version_package.json",
                      "javascript/trivy-packagejson/without_version_package.json"])
    func partialPackageJSONIsSkippedSilently(_ fixture: String) throws {
        let result = try catalog(fixture)
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func trivyPackageJSON() throws {
        let result = try catalog("javascript/trivy-packagejson/package.json", folder: "bootstrap")
        #expect(result.nameVersions == ["bootstrap@5.0.2"])
        #expect(result.package("bootstrap")?.licenses == ["MIT"])
        #expect(result.package("bootstrap")?.supplier == "The Bootstrap Authors (https://github.com/twbs/bootstrap/graphs/contributors)")
    }

    @Test func scopedNameInPURL() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/app/node_modules/@babel/core/package.json",
                       #"{"name": "@babel/core", "version": "7.24.7", "license": "MIT", "author": {"name": "The Babel Team", "email": "team@babeljs.io"}}"#)
        let babel = try #require(cataloger.catalog(try root.resolver()).package("@babel/core"))
        #expect(babel.purl == "pkg:npm/%40babel/core@7.24.7")
        #expect(babel.supplier == "The Babel Team <team@babeljs.io>")
        #expect(babel.npm?.name == "@babel/core")
    }

    /// A malformed package.json gives a diagnostic naming it; the other manifests are still read.
    @Test func malformedPackageJSONGivesDiagnosticAndTheRestIsProduced() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "javascript/corrupt/package.json", to: "/app/node_modules/broken/package.json")
        try root.copy(fixture: "javascript/trivy-packagejson/invalid_package.json", to: "/app/node_modules/bootstrap/package.json")
        try root.copy(fixture: "javascript/pkg-json/package.json", to: "/app/node_modules/npm/package.json")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["npm@6.14.6"])
        #expect(result.diagnostics.map(\.path).sorted() == ["/app/node_modules/bootstrap/package.json", "/app/node_modules/broken/package.json"])
        #expect(result.diagnostics.allSatisfy { $0.cataloger == "javascript-package-cataloger" })
    }
}
