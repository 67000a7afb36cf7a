import Testing
@testable import Versions

/// Gem::Version#<=>; rows follow rubygems' test_gem_version.rb.
struct GemVersionTests {
    static let table = OrderCase.table("""
        1.0 = 1.0.0
        1.0 > 1.0.a
        1.8.2 > 0.0.0
        1.8.2 > 1.8.2.a
        1.8.2.b > 1.8.2.a
        1.8.2.a < 1.8.2
        1.8.2.a10 > 1.8.2.a9
        0.beta.1 = 0.0.beta.1
        0.0.beta < 0.0.beta.1
        0.0.beta < 0.beta.1
        5.a < 5.0.0.rc2
        5.x > 5.0.0.rc2
        1.9.3 = 1.9.3
        1.9.3 > 1.9.2.99
        1.9.3 < 1.9.3.1
        1.0.0-alpha < 1.0.0-alpha.1
        1.0.0-alpha.1 < 1.0.0-beta.2
        1.0.0-beta.2 < 1.0.0-beta.11
        1.0.0-beta.11 < 1.0.0-rc.1
        1.0.0-rc1 < 1.0.0
        1.0.0-1 < 1
        1.0.a = 1.0.0.a
        1.0.a.0 = 1.0.a
        1.0.A < 1.0.a
        7.0.4.1 > 7.0.4
        6.1.7.3 < 6.1.7.10
        2.3.0.pre1 < 2.3.0
        """)

    @Test(arguments: table)
    func ordering(_ row: OrderCase) throws {
        try expectOrder(GemVersion.self, row)
    }

    @Test func prerelease() throws {
        #expect(try GemVersion(parsing: "1.0.0.rc1").isPrerelease)
        #expect(try GemVersion(parsing: "1.0.0-1").isPrerelease)
        #expect(try GemVersion(parsing: "1.0.0").isPrerelease == false)
    }

    @Test func invalid() {
        expectInvalid(GemVersion.self, ["", "junk", "1.0 2", "1..2", "1.2.", "-1", "1.0-", "1.0+abc", "1.0-a..b", "v1.0"])
    }
}
