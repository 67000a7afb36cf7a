import Catalogers
import Cataloging
import Foundation
import Model
import Testing

/// `go.mod` files on the shared fixtures `go/*` (Syft's TestParseGoMod, Test_GoSumHashes,
/// go-source-replacements, Test_corruptGoMod; trivy's mod parser cases).
@Suite struct GoModFileCatalogerTests {
    let cataloger = GoModFileCataloger()

    func catalogTree(_ folder: String) throws -> CatalogResult {
        cataloger.catalog(try Fixtures.tree(folder))
    }

    func modules(_ result: CatalogResult, in path: String) -> [String] {
        result.packages.filter { $0.locations.first?.path == path }.map { "\($0.name)@\($0.version)" }.sorted()
    }

    /// Syft TestParseGoMod: requires (indirect ones too) with `replace` and `exclude` applied; a block
    /// `module (…)`, comments and a directory replacement; 8 modules over the three files.
    @Test func goModFixtures() throws {
        let result = try catalogTree("go/go-mod-fixtures")
        #expect(result.packages.count == 8)
        #expect(result.diagnostics.isEmpty)
        #expect(modules(result, in: "/one-package/go.mod") == ["github.com/bmatcuk/doublestar@v1.3.1"])
        #expect(modules(result, in: "/many-packages/go.mod") == [
            "github.com/anchore/archiver/v3@v3.5.2",
            "github.com/anchore/go-testutils@v0.0.0-20200624184116-66aa578126db",
            "github.com/anchore/go-version@v1.2.2-0.20200701162849-18adb9c92b9b",
            "github.com/anchore/stereoscope@v0.0.0-20200706164556-7cf39d7f4639",
            "github.com/bmatcuk/doublestar@v8.8.8",
            "github.com/go-test/deep@v1.0.6",
        ])
        // A directory replacement keeps the required module's identity.
        #expect(modules(result, in: "/relative-replace/go.mod") == ["github.com/aws/aws-sdk-go-v2@v1.36.3"])

        let doublestar = try #require(result.packages.first { $0.locations.first?.path == "/one-package/go.mod" })
        #expect(doublestar.type == .goModule)
        #expect(doublestar.foundBy == "go-module-file-cataloger")
        #expect(doublestar.language == "go")
        #expect(doublestar.purl == "pkg:golang/github.com/bmatcuk/doublestar@v1.3.1")
        #expect(doublestar.cpes.contains("cpe:2.3:a:bmatcuk:doublestar:1.3.1:*:*:*:*:*:*:*"))
        #expect(doublestar.metadata == nil)
    }

    /// Syft Test_GoSumHashes (names and versions; the replace gives cyclonedx-go v0.6.0).
    @Test func goSumHashesFixture() throws {
        #expect(try catalogTree("go/go-sum-hashes").nameVersions == [
            "github.com/CycloneDX/cyclonedx-go@v0.6.0",
            "github.com/acarl005/stripansi@v0.0.0-20180116102854-5a71ef0e047d",
            "github.com/mgutz/ansi@v0.0.0-20200706080929-d51e80ef957d",
        ])
    }

    /// Syft Test_parseGoSource_replacedModulesAreNotDuplicated: a `replace (…)` block.
    @Test func replaceBlock() throws {
        let result = try catalogTree("go/go-source-replacements")
        #expect(result.nameVersions == ["golang.org/x/text@v0.0.0-20170915032832-14c0d48ead0c", "rsc.io/quote@v1.5.2", "rsc.io/sampler@v1.3.1"])
    }

    /// The go.mod of Syft's image-small: the ten modules its binary embeds (the binary also has the
    /// main module and stdlib, which a go.mod does not list).
    @Test func imageSmall() throws {
        let result = try catalogTree("go/image-small-gomod")
        #expect(result.packages.count == 10)
        #expect(result.nameVersions.contains("github.com/klauspost/compress@v1.17.11"))
        #expect(result.nameVersions.contains("github.com/andybalholm/brotli@v1.1.1"))
    }

    /// trivy's mod cases (trivy also lists the main module, and stdlib from `toolchain`; Syft's
    /// go.mod cataloger lists neither). A versioned `replace` applies only to that version.
    @Test func trivyModCases() throws {
        let result = try catalogTree("go/trivy-mod")
        #expect(result.packages.count == 23)  // as Syft 1.18.1 scans the folder
        #expect(modules(result, in: "/normal/go.mod").count == 5)
        let replacedParser = "github.com/aquasecurity/go-dep-parser@v0.0.0-20220406074731-71021a481237"
        let originalParser = "github.com/aquasecurity/go-dep-parser@v0.0.0-20211224170007-df43bca6b6ff"
        #expect(modules(result, in: "/replaced/go.mod").contains(replacedParser))
        #expect(modules(result, in: "/replaced-with-version/go.mod").contains(replacedParser))
        #expect(modules(result, in: "/replaced-with-version-mismatch/go.mod").contains(originalParser))
        let xerrors = "golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1"
        for folder in ["replaced-with-local-path", "replaced-with-local-path-and-version", "replaced-with-local-path-and-version-mismatch"] {
            #expect(modules(result, in: "/\(folder)/go.mod").contains(xerrors))
            #expect(modules(result, in: "/\(folder)/go.mod").count == 3)
        }
        #expect(result.diagnostics.isEmpty)
    }

    /// Syft Test_corruptGoMod: an unknown directive is reported with its line.
    @Test func corruptGoMod() throws {
        let result = try catalogTree("go/corrupt")
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.map(\.message) == ["line 5: unknown directive: ruire"])
        #expect(result.diagnostics.first?.path == "/go.mod")
        #expect(try catalogTree("go/glob-paths").packages.isEmpty)
        #expect(try catalogTree("go/glob-paths").diagnostics.isEmpty)
    }

    @Test func syntaxDetails() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/src/go.mod", """
            module "example.com/quoted" // the module itself is not listed

            go 1.22
            toolchain go1.22.5

            require (
            \t"golang.org/x/sys" v0.20.0
            \tgithub.com/a/b v1.0.0 // indirect
            \tgithub.com/c/d v2.0.0+incompatible
            )
            require github.com/e/f v0.1.0
            exclude github.com/a/b v1.0.0
            replace github.com/c/d v2.0.0+incompatible => github.com/fork/d v2.0.1+incompatible
            replace github.com/e/f => ./local
            replace github.com/x/y v1 => github.com/x/z
            retract [v0.0.1, v0.0.3]
            """)
        try root.copy(fixture: "go/corrupt/go.mod", to: "/broken/go.mod")
        let result = cataloger.catalog(try root.resolver())
        #expect(modules(result, in: "/src/go.mod") == ["github.com/e/f@v0.1.0", "github.com/fork/d@v2.0.1+incompatible", "golang.org/x/sys@v0.20.0"])
        #expect(result.diagnostics(for: "/src/go.mod").map(\.message) == [
            "line 15: replacement module without version must be a directory path (rooted or starting with ./ or ../)",
        ])
        #expect(result.diagnostics(for: "/broken/go.mod").count == 1)
    }
}
