import Catalogers
import Cataloging
import Foundation
import Model
import Testing

/// npm lock files (`package-lock.json`, `yarn.lock`, `pnpm-lock.yaml`) on the shared fixtures
/// `javascript/*`: Syft's expectations for its own cases, trivy's for the `trivy-*` ones, which are
/// copied under the file names the cataloger looks for.
@Suite struct JavaScriptLockCatalogerTests {
    let cataloger = JavaScriptLockCataloger()
    let withDev = JavaScriptLockCataloger(includeDevDependencies: true)

    /// Catalogs one fixture file placed at `imagePath`.
    func catalog(_ fixture: String, at imagePath: String, _ cataloger: JavaScriptLockCataloger? = nil) throws -> CatalogResult {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: fixture, to: imagePath)
        return (cataloger ?? self.cataloger).catalog(try root.resolver())
    }

    /// Catalogs a whole fixture folder as an image root.
    func catalogTree(_ folder: String, _ cataloger: JavaScriptLockCataloger? = nil) throws -> CatalogResult {
        (cataloger ?? self.cataloger).catalog(try Fixtures.tree(folder))
    }

    // MARK: package-lock.json

    static let packageLockV1 = [
        "@actions/core@1.6.0", "ansi-regex@3.0.0", "cowsay@1.4.0", "get-stdin@5.0.1", "is-fullwidth-code-point@2.0.0", "minimist@0.0.10",
        "optimist@0.6.1", "string-width@2.1.1", "strip-ansi@4.0.0", "strip-eof@1.0.0", "wordwrap@0.0.3",
    ]

    /// Syft TestParsePackageLock: the folder holds `package-lock.json` (v1) and `node_modules/*/package.json`;
    /// the dev-only `async` is left out, licenses come from the installed manifests.
    @Test func packageLockV1() throws {
        let result = try catalogTree("javascript/pkg-lock")
        #expect(result.nameVersions == Self.packageLockV1)
        #expect(result.diagnostics.isEmpty)
        let core = try #require(result.package("@actions/core"))
        #expect(core.type == .npm)
        #expect(core.foundBy == "javascript-lock-cataloger")
        #expect(core.language == "javascript")
        #expect(core.purl == "pkg:npm/%40actions/core@1.6.0")
        #expect(core.locations.map(\.path) == ["/package-lock.json"])
        #expect(core.licenses == ["MIT"])
        #expect(core.metadata == nil)
        #expect(result.package("cowsay")?.licenses == ["MIT"])
        #expect(result.package("wordwrap")?.licenses == [])
        #expect(try catalogTree("javascript/pkg-lock", withDev).nameVersions == (Self.packageLockV1 + ["node_modules/async@3.2.4"]).sorted())
    }

    /// Syft TestParsePackageLockV2/V3: the named root entry is listed, `dev` entries are not.
    @Test func packageLockV2AndV3() throws {
        let v2 = try catalog("javascript/pkg-lock/package-lock-2.json", at: "/app/package-lock.json")
        #expect(v2.nameVersions == ["@types/prop-types@15.7.5", "@types/react@18.0.17", "@types/scheduler@0.16.2", "csstype@3.1.0", "npm@6.14.6"])
        #expect(v2.package("@types/react")?.licenses == ["MIT"])
        #expect(v2.package("@types/react")?.purl == "pkg:npm/%40types/react@18.0.17")
        #expect(v2.package("npm")?.purl == "pkg:npm/npm@6.14.6")
        let v3 = try catalog("javascript/pkg-lock/package-lock-3.json", at: "/app/package-lock.json")
        #expect(v3.nameVersions == ["@types/prop-types@15.7.5", "@types/react@18.0.20", "@types/scheduler@0.16.2", "csstype@3.1.1", "lock-v3-fixture@1.0.0"])
        let v3Dev = try catalog("javascript/pkg-lock/package-lock-3.json", at: "/app/package-lock.json", withDev)
        #expect(v3Dev.nameVersions.contains("async@3.2.4"))
        #expect(v3Dev.packages.count == 6)
    }

    /// Syft: nested v1 dependencies are walked (three versions of `shared`), duplicates collapse, and a
    /// dev dependency's subtree is dev too.
    @Test func packageLockV1Nested() throws {
        let result = try catalog("javascript/pkg-lock/nested-package-lock-1.json", at: "/app/package-lock.json")
        #expect(result.nameVersions == ["duplicate@1.0.0", "middle@1.0.0", "parent@1.0.0", "shared@0.5.0", "shared@1.0.0", "shared@2.0.0"])
        let dev = try catalog("javascript/pkg-lock/nested-package-lock-1.json", at: "/app/package-lock.json", withDev)
        #expect(dev.packages.count == 8)
    }

    /// Syft TestParsePackageLockAlias: `npm:` aliases resolve to the real package, in v1 and v2.
    @Test func packageLockAliases() throws {
        let common = ["@bundled-es-modules/chai@4.2.2", "case@1.6.2", "case@1.6.3"]
        #expect(try catalog("javascript/pkg-lock/alias-package-lock-1.json", at: "/package-lock.json").nameVersions == common)
        let v2 = try catalog("javascript/pkg-lock/alias-package-lock-2.json", at: "/package-lock.json")
        #expect(v2.nameVersions == (common + ["alias-check@1.0.0"]).sorted())
        #expect(v2.package("alias-check")?.licenses == ["ISC"])
        #expect(v2.packages.first { $0.version == "4.2.2" }?.purl == "pkg:npm/%40bundled-es-modules/chai@4.2.2")
    }

    /// Syft TestParsePackageLockLicenseWithArray.
    @Test func packageLockLicenseArray() throws {
        let result = try catalog("javascript/pkg-lock/array-license-package-lock.json", at: "/package-lock.json")
        #expect(result.nameVersions == ["pause-stream@0.0.11", "through@2.3.8", "tmp@1.0.0"])
        #expect(result.package("pause-stream")?.licenses == ["MIT", "Apache2"])
        #expect(result.package("through")?.licenses == ["MIT"])
        #expect(result.package("tmp")?.licenses == ["ISC"])
    }

    /// trivy's npm parser cases. trivy lists dev dependencies (flagged) and not the project itself,
    /// so the comparison includes dev entries and leaves the root out. Differences from trivy: the
    /// workspace `function1` has no version in the lock and is not listed (trivy: 6).
    @Test(arguments: [
        ("package-lock_v1.json", 31), ("package-lock_v2.json", 31), ("package-lock_v3.json", 31),
        ("package-lock_v3_with-same-dev-and-non-dev.json", 4), ("package-lock_v3_with_legacy_licenses.json", 3),
        ("package-lock_v3_with_peer.json", 5), ("package-lock_v3_with_workspace.json", 5),
        ("package-lock_v3_with_workspace_as_object.json", 2), ("package-lock_v3_without_root_deps_field.json", 3),
        ("package-lock_v3_broken_link.json", 0),
    ])
    func trivyPackageLocks(file: String, count: Int) throws {
        let result = try catalog("javascript/trivy-npm/\(file)", at: "/app/package-lock.json", withDev)
        let roots: Set<String> = ["node_v1", "5139", "node_v3_legacy_licenses", "node_v3_with_peer", "node_v3_with_workspace",
                                  "node_v3_with_workspace_as_object", "node_v3_without_direct_deps"]
        let dependencies = result.packages.filter { !roots.contains($0.name) }
        #expect(dependencies.count == count)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func trivyPackageLockVersionsAgree() throws {
        let names = try ["package-lock_v1.json", "package-lock_v2.json", "package-lock_v3.json"].map { file in
            try catalog("javascript/trivy-npm/\(file)", at: "/package-lock.json", withDev).nameVersions.filter { !$0.hasPrefix("node_v1@") }
        }
        #expect(names[0] == names[1])
        #expect(names[1] == names[2])
        #expect(names[0].contains("ms@0.7.2") && names[0].contains("ms@1.0.0") && names[0].contains("ms@2.0.0"))
    }

    @Test func trivyPackageLockWorkspaceLinks() throws {
        let workspace = try catalog("javascript/trivy-npm/package-lock_v3_with_workspace.json", at: "/package-lock.json", withDev)
        #expect(workspace.nameVersions == ["debug@2.5.2", "debug@2.6.9", "ms@0.7.2", "ms@2.0.0", "nested_func@1.0.0", "node_v3_with_workspace@1.0.0"])
        let object = try catalog("javascript/trivy-npm/package-lock_v3_with_workspace_as_object.json", at: "/package-lock.json", withDev)
        #expect(object.nameVersions == ["lodash@4.17.21", "node_v3_with_workspace_as_object@1.0.0", "testapp@1.0.0"])
        let legacy = try catalog("javascript/trivy-npm/package-lock_v3_with_legacy_licenses.json", at: "/package-lock.json")
        #expect(legacy.package("pause-stream")?.licenses == ["MIT", "Apache2"])
    }

    /// `dependency-of` edges follow Node's resolution through nested `node_modules`.
    @Test func packageLockRelationships() throws {
        let result = try catalog("javascript/trivy-npm/package-lock_v3_with_workspace.json", at: "/package-lock.json")
        let byID = Dictionary(result.packages.map { ($0.id, "\($0.name)@\($0.version)") }, uniquingKeysWith: { first, _ in first })
        let edges = Set(result.relationships.map { "\(byID[$0.parent] ?? "?") -> \(byID[$0.child] ?? "?")" })
        #expect(edges.contains("ms@0.7.2 -> debug@2.5.2"))
        #expect(edges.contains("ms@2.0.0 -> debug@2.6.9"))
        #expect(edges.contains("debug@2.6.9 -> nested_func@1.0.0"))
        #expect(result.relationships.allSatisfy { $0.kind == .dependencyOf })
    }

    @Test func packageLockInsideNodeModulesIsSkipped() throws {
        let result = try catalog("javascript/pkg-lock/package-lock-2.json", at: "/app/node_modules/left-pad/package-lock.json")
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    // MARK: yarn.lock

    static let yarnPackages = [
        "@babel/code-frame@7.10.4", "@types/minimatch@3.0.3", "@types/qs@6.9.4", "ajv@6.12.3", "asn1.js@4.10.1", "atob@2.1.2",
        "aws-sdk@2.706.0", "jhipster-core@7.3.4",
    ]

    /// Syft TestParseYarnLock: classic v1; a registry URL names the package when it differs from the key.
    @Test func yarnClassic() throws {
        let result = try catalogTree("javascript/yarn")
        #expect(result.nameVersions == (Self.yarnPackages + ["something-i-made-up@7.7.7"]).sorted())
        #expect(result.diagnostics.isEmpty)
        let frame = try #require(result.package("@babel/code-frame"))
        #expect(frame.purl == "pkg:npm/%40babel/code-frame@7.10.4")
        #expect(frame.locations.map(\.path) == ["/yarn.lock"])
        #expect(frame.foundBy == "javascript-lock-cataloger")
    }

    /// Syft TestParseYarnBerry: the same packages from a berry lock, whose workspace entry keeps its key name.
    @Test func yarnBerry() throws {
        let result = try catalogTree("javascript/yarn-berry")
        #expect(result.nameVersions == (Self.yarnPackages + ["c0n-fab_u.laTION@7.7.7"]).sorted())
        #expect(result.diagnostics.isEmpty)
    }

    @Test func yarnDuplicates() throws {
        #expect(try catalogTree("javascript/yarn-dups").nameVersions == [
            "@4lolo/resize-observer-polyfill@1.5.2", "async@0.9.2", "async@3.2.3", "merge-objects@1.0.5", "should-type@1.3.0",
        ])
        #expect(try catalogTree("javascript/yarn-berry-dups").nameVersions == ["async@0.9.2", "async@3.2.6"])
        #expect(try catalogTree("javascript/yarn-remote").nameVersions == ["@babel/code-frame@7.10.4"])
    }

    /// Syft: with the `package.json` beside the lock, what only `devDependencies` reach is left out.
    @Test(arguments: ["javascript/yarn-dev-deps", "javascript/yarn-berry-dev-deps"])
    func yarnDevDependencies(folder: String) throws {
        #expect(try catalogTree(folder).nameVersions == ["prod-pkg@1.0.0", "shared-pkg@1.0.0"])
        #expect(try catalogTree(folder, withDev).nameVersions == ["dev-only-transitive@1.0.0", "dev-pkg@1.0.0", "prod-pkg@1.0.0", "shared-pkg@1.0.0"])
    }

    @Test func yarnRelationships() throws {
        let result = try catalogTree("javascript/yarn-berry")
        let byID = Dictionary(result.packages.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let edges = Set(result.relationships.map { "\(byID[$0.parent] ?? "?") -> \(byID[$0.child] ?? "?")" })
        #expect(edges == Set(["@babel/code-frame", "@types/minimatch", "@types/qs", "ajv", "asn1.js", "atob"].map { "\($0) -> c0n-fab_u.laTION" }))
        let classic = try catalogTree("javascript/yarn-v1-deps")
        #expect(classic.packages.count == 9)
        #expect(classic.relationships.count == 1)  // asn1.js depends on atob@^2.1.2; the others' targets are not in the lock
    }

    /// trivy's yarn cases. trivy drops `file:`, git and `patch:` sources; Syft keeps them (`yarn-dups`
    /// has a git package), and so does this cataloger: `with_local` has 4 (trivy 3), `with_git` 1
    /// (trivy none), `v2_happy` 17 (trivy 16: the patched `fsevents` 2.1.3 is the only fsevents entry).
    @Test(arguments: [
        ("yarn_happy.lock", 18), ("yarn_v2_happy.lock", 17), ("yarn_with_npm.lock", 1), ("yarn_v2_deps_with_protocol.lock", 2),
        ("yarn_with_bad_protocol.lock", 1), ("yarn_with_local.lock", 4), ("yarn_with_git.lock", 1),
    ])
    func trivyYarnLocks(file: String, count: Int) throws {
        let result = try catalog("javascript/trivy-yarn/\(file)", at: "/app/yarn.lock")
        #expect(result.packages.count == count)
    }

    @Test func trivyYarnDetails() throws {
        let bad = try catalog("javascript/trivy-yarn/yarn_with_bad_protocol.lock", at: "/app/yarn.lock")
        #expect(bad.nameVersions == ["jquery@3.4.1"])
        #expect(bad.diagnostics.count == 1)
        #expect(bad.diagnostics.first?.message.contains("unsupported") == true)
        // The berry workspace root (`0.0.0-use.local`) is not a package.
        #expect(try catalog("javascript/trivy-yarn/yarn_v2_deps_with_protocol.lock", at: "/yarn.lock").nameVersions == ["debug@4.3.4", "ms@2.1.2"])
        let happy = try catalog("javascript/trivy-yarn/yarn_v2_happy.lock", at: "/yarn.lock")
        #expect(happy.package("assert-plus")?.version == "1.0.0")
        #expect(happy.package("fsevents")?.version == "2.1.3")
        #expect(happy.package("code") == nil)  // the workspace root, `0.0.0-use.local`
        #expect(happy.packages.allSatisfy { !$0.name.hasPrefix("\"") })
    }

    // MARK: pnpm-lock.yaml

    /// Syft: v5 top-level `dependencies` plus `packages`; `dev: true` entries only on request.
    @Test func pnpmV5() throws {
        #expect(try catalogTree("javascript/pnpm").nameVersions == ["nanoid@3.3.4", "picocolors@1.0.0", "source-map-js@1.0.2"])
        #expect(try catalogTree("javascript/pnpm", withDev).nameVersions == ["@bcoe/v8-coverage@0.2.3", "nanoid@3.3.4", "picocolors@1.0.0", "source-map-js@1.0.2"])
        #expect(try catalogTree("javascript/pnpm-v5-peer-suffix").nameVersions == ["acorn-jsx@5.3.2", "acorn@8.8.0", "webpack-cli@4.10.0"])
    }

    @Test func pnpmV6() throws {
        let result = try catalogTree("javascript/pnpm-v6")
        #expect(result.nameVersions == [
            "@babel/core@7.21.4", "@testing-library/jest-dom@5.16.5", "@testing-library/react@13.4.0", "@testing-library/user-event@13.5.0",
            "@types/eslint@8.37.0", "react-dom@18.2.0", "react@18.2.0", "read-cache@1.0.0", "schema-utils@3.1.2", "web-vitals@2.1.4",
        ])
        #expect(result.package("@babel/core")?.purl == "pkg:npm/%40babel/core@7.21.4")
        #expect(result.package("react")?.locations.map(\.path) == ["/pnpm-lock.yaml"])
    }

    @Test func pnpmV9() throws {
        #expect(try catalogTree("javascript/pnpm-v9").nameVersions == [
            "@babel/core@7.24.7", "@babel/helper-plugin-utils@7.24.7", "is-positive@3.1.0", "rollup@4.18.0",
        ])
        let snapshots = try catalogTree("javascript/pnpm-v9-snapshots")
        #expect(snapshots.nameVersions == ["cross-spawn@7.0.6", "isexe@2.0.0", "path-key@3.1.1", "shebang-command@2.0.0", "shebang-regex@3.0.0", "which@2.0.2"])
        let byID = Dictionary(snapshots.packages.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let edges = Set(snapshots.relationships.map { "\(byID[$0.parent] ?? "?") -> \(byID[$0.child] ?? "?")" })
        #expect(edges.contains("which -> cross-spawn"))
        #expect(edges.contains("isexe -> which"))
        #expect(edges.contains("shebang-regex -> shebang-command"))
    }

    /// Syft: every YAML document of the file counts.
    @Test func pnpmMultipleDocuments() throws {
        #expect(try catalogTree("javascript/pnpm-multi-doc").nameVersions == ["@pnpm/exe.linux-x64@12.0.0-rc.3", "minimist@1.2.0", "pnpm@12.0.0-rc.3"])
    }

    /// trivy's pnpm cases where trivy and Syft agree (both leave dev dependencies out).
    @Test(arguments: [
        ("pnpm-lock_normal.yaml", 3), ("pnpm-lock_with_dev.yaml", 6), ("pnpm-lock_many.yaml", 56), ("pnpm-lock_archives.yaml", 6),
        ("pnpm-lock_v6.yaml", 3), ("pnpm-lock_v6_with_dev.yaml", 6), ("pnpm-lock_v9_cyclic_import.yaml", 7),
        ("pnpm-lock_v9_multi_version.yaml", 2),
    ])
    func trivyPNPMLocks(file: String, count: Int) throws {
        let result = try catalog("javascript/trivy-pnpm/\(file)", at: "/app/pnpm-lock.yaml")
        #expect(result.packages.count == count)
        #expect(result.diagnostics.isEmpty)
    }

    /// v9 without `dev` flags: what only the importers' `devDependencies` reach is dev (Syft's rule);
    /// tarball and directory packages are named by their `name`/`version` fields.
    @Test func pnpmV9DevReachability() throws {
        let fixture = "javascript/trivy-pnpm/pnpm-lock_v9.yaml"
        let production = try catalog(fixture, at: "/pnpm-lock.yaml").nameVersions
        #expect(!production.contains("jquery@3.6.0"))
        #expect(!production.contains("lodash@4.17.21"))
        #expect(!production.contains("await-sleep@0.0.1"))
        #expect(production.contains("sleep-utils@1.0.3"))
        #expect(production.contains("asynckit@0.4.0"))
        #expect(production.contains("debug@4.3.5"))
        let all = try catalog(fixture, at: "/pnpm-lock.yaml", withDev).nameVersions
        #expect(all.count == 21)  // trivy 22: `package1` states no version
        #expect(all.contains("lodash@4.17.21") && all.contains("jquery@3.6.0"))
        let archives = try catalog("javascript/trivy-pnpm/pnpm-lock_archives.yaml", at: "/pnpm-lock.yaml").nameVersions
        #expect(archives == ["asynckit@0.4.0", "debug@4.3.4", "is-negative@2.0.1", "lodash@4.17.21", "ms@2.1.2", "package1@1.0.0"])
    }

    // MARK: Problems

    /// Syft Test_corrupt*: a broken lock gives a diagnostic naming it; the other files still count.
    @Test func corruptLocks() throws {
        let corrupt = try catalogTree("javascript/corrupt")
        #expect(corrupt.packages.isEmpty)
        #expect(corrupt.diagnostics(for: "/package-lock.json").count == 1)
        #expect(corrupt.diagnostics(for: "/pnpm-lock.yaml").count == 1)
        #expect(corrupt.diagnostics.allSatisfy { $0.cataloger == "javascript-lock-cataloger" })

        let placeholders = try catalogTree("javascript/glob-paths")
        #expect(placeholders.packages.isEmpty)
        #expect(Set(placeholders.diagnostics.map(\.path)) == ["/src/package-lock.json", "/src/pnpm-lock.yaml", "/src/yarn.lock"])

        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "javascript/corrupt/package-lock.json", to: "/broken/package-lock.json")
        try root.copy(fixture: "javascript/corrupt/pnpm-lock.yaml", to: "/broken/pnpm-lock.yaml")
        try root.copy(fixture: "javascript/yarn/yarn.lock", to: "/good/yarn.lock")
        try root.copy(fixture: "javascript/pnpm-v9/pnpm-lock.yaml", to: "/good/pnpm-lock.yaml")
        let mixed = cataloger.catalog(try root.resolver())
        #expect(mixed.packages.count == 13)
        #expect(Set(mixed.diagnostics.map(\.path)) == ["/broken/package-lock.json", "/broken/pnpm-lock.yaml"])
    }

    @Test func unsupportedLockfileVersion() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/package-lock.json", #"{"name": "x", "lockfileVersion": 7, "packages": {}}"#)
        let result = cataloger.catalog(try root.resolver())
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.first?.message.contains("lockfileVersion 7") == true)
    }
}
