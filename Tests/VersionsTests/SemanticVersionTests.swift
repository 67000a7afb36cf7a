import Testing
@testable import Versions

/// semver.org 2.0.0 §11 precedence, with the lenient reading feeds need.
struct SemanticVersionTests {
    static let table = OrderCase.table("""
        1.2.3 = v1.2.3
        1.2.3 = V1.2.3
        1.2 = 1.2.0
        1 = 1.0.0
        1.2.3+build.5 = 1.2.3
        1.0.0-alpha+001 = 1.0.0-alpha+002
        01.2.3 = 1.2.3
        1.0.0-01 = 1.0.0-1
        1.0.0 < 2.0.0
        2.0.0 < 2.1.0
        2.1.0 < 2.1.1
        1.9.0 < 1.10.0
        1.0.0-rc.1 < 1.0.0
        1.0.0-2 < 1.0.0-10
        1.0.0-a10 < 1.0.0-a9
        1.0.0-A < 1.0.0-a
        1.0.0-0.3.7 < 1.0.0-x.7.z.92
        1.0.0-alpha.1 < 1.0.0-alpha.1.1
        1.0.0-x-y-z.-- > 1.0.0-x-y-z
        1.0.0-99999999999999999999999 < 1.0.0-alpha
        1.0.0-99999999999999999999998 < 1.0.0-99999999999999999999999
        """)

    @Test(arguments: table)
    func ordering(_ row: OrderCase) throws {
        try expectOrder(SemanticVersion.self, row)
    }

    @Test func specificationExample() throws {
        try expectAscending(SemanticVersion.self, [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
        ])
    }

    @Test func components() throws {
        let v = try SemanticVersion(parsing: "v1.2.3-rc.1+build.7")
        #expect(v.major == 1 && v.minor == 2 && v.patch == 3)
        #expect(v.prerelease == ["rc", "1"])
        #expect(v.build == ["build", "7"])
        #expect(v.isPrerelease)
        #expect(v.canonical == "1.2.3-rc.1+build.7")
        #expect(v.description == "v1.2.3-rc.1+build.7")
    }

    @Test func invalid() {
        expectInvalid(SemanticVersion.self, [
            "", "1.2.3.4", "a.b.c", "1.2.3-", "1.2.3-alpha..1", "1.2.3+", "1.2.3-alpha_1", "1..3", "1.2.c", "1.2.3 4",
            "99999999999999999999.0.0", "v", "-1.0.0",
        ])
    }
}
