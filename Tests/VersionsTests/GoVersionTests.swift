import Testing
@testable import Versions

/// golang.org/x/mod/semver ordering, pseudo-versions and Go toolchain names.
struct GoVersionTests {
    static let table = OrderCase.table("""
        v1.2.3 = 1.2.3
        v1 = v1.0.0
        v1.2 = v1.2.0
        v2.0.0+incompatible = v2.0.0
        v2.0.1+incompatible > v2.0.0
        v0.0.0-20191109021931-daa7c04131f5 < v0.0.0
        v0.0.0-20191109021931-daa7c04131f5 < v0.0.0-20200101000000-abcdefabcdef
        v0.0.0-20191109021931-daa7c04131f5 < v0.1.0
        v1.2.4-0.20191109021931-daa7c04131f5 > v1.2.3
        v1.2.4-0.20191109021931-daa7c04131f5 < v1.2.4
        v1.2.4-0.20191109021931-daa7c04131f5 < v1.2.4-0.20201109021931-000000000000
        v1.2.4-pre.0.20191109021931-daa7c04131f5 > v1.2.4-pre
        v1.2.3-pre < v1.2.3
        v1.10.0 > v1.9.0
        v1.21.0 = go1.21.0
        go1.21rc2 < go1.21.0
        go1.21rc2 > go1.21rc1
        go1.20 = 1.20.0
        go1.9beta1 < go1.9
        go1.9beta2 < go1.9rc1
        go1.22.5 > go1.22.4
        go1.22.5 < go1.23rc1
        """)

    @Test(arguments: table)
    func ordering(_ row: OrderCase) throws {
        try expectOrder(GoVersion.self, row)
    }

    @Test func pseudoVersions() throws {
        let base = try GoVersion(parsing: "v0.0.0-20191109021931-daa7c04131f5")
        #expect(base.isPseudoVersion)
        #expect(base.pseudoTimestamp == "20191109021931")
        #expect(base.pseudoRevision == "daa7c04131f5")
        #expect(try GoVersion(parsing: "v1.2.4-0.20191109021931-daa7c04131f5").isPseudoVersion)
        #expect(try GoVersion(parsing: "v1.2.4-pre.0.20191109021931-daa7c04131f5").isPseudoVersion)
        #expect(try GoVersion(parsing: "v1.2.4-rc.1").isPseudoVersion == false)
        #expect(try GoVersion(parsing: "v1.2.0-20191109021931-daa7c04131f5").isPseudoVersion == false)
        #expect(try GoVersion(parsing: "v2.3.4+incompatible").isIncompatible)
        #expect(try GoVersion(parsing: "go1.21rc2").canonical == "v1.21.0-rc.2")
    }

    @Test func invalid() {
        expectInvalid(GoVersion.self, ["", "v1.2.3.4", "go1.21foo", "v1.2-pre", "vx.y.z", "go", "go1.21rc", "v1-rc.1"])
    }
}
