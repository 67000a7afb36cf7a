import Testing
@testable import Versions

/// NuGet.Versioning's VersionComparer.Default.
struct NuGetVersionTests {
    static let table = OrderCase.table("""
        1.0.0 = 1.0
        1.0.0 = 1.0.0.0
        1.0 = 1
        01.02.03 = 1.2.3
        1.0.0.1 > 1.0.0
        1.0.0-beta < 1.0.0
        1.0.0-BETA = 1.0.0-beta
        1.0.0-Beta.X = 1.0.0-beta.x
        1.0.0-alpha < 1.0.0-beta
        1.0.0-beta.2 < 1.0.0-beta.10
        1.0.0-beta.10 < 1.0.0-beta.x
        1.0.0-1 < 1.0.0-a
        1.0.0-beta < 1.0.0-beta.1
        1.0.0-beta.01 = 1.0.0-beta.1
        1.0.0+meta = 1.0.0
        1.0.0-beta+a = 1.0.0-beta+b
        1.0.0-beta01 < 1.0.0-beta02
        1.0.0-rc.1 > 1.0.0-beta.2
        2.0.0 > 1.9999.9999.9999
        6.0.0-preview.7.21377.19 < 6.0.0-rc.1.21451.13
        6.0.0-rc.1.21451.13 < 6.0.0
        13.0.1 > 12.0.3
        """)

    @Test(arguments: table)
    func ordering(_ row: OrderCase) throws {
        try expectOrder(NuGetVersion.self, row)
    }

    @Test func normalized() throws {
        #expect(try NuGetVersion(parsing: "1.0").normalized == "1.0.0")
        #expect(try NuGetVersion(parsing: "1.0.0.0").normalized == "1.0.0")
        #expect(try NuGetVersion(parsing: "1.2.3.4-Beta+meta").normalized == "1.2.3.4-Beta+meta")
        #expect(try NuGetVersion(parsing: "1.0.0-beta").isPrerelease)
    }

    @Test func invalid() {
        expectInvalid(NuGetVersion.self, ["", "1.0.0.0.0", "a.b", "1.0.0-", "1.0.0-beta..1", "1.0.0+", "-1.0", "1.0.0-be ta", "99999999999.0", "1.0.0-beta_1"])
    }
}
