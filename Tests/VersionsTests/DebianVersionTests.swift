import Testing
@testable import Versions

/// deb-version(5) and dpkg's verrevcmp; every row was checked against `dpkg --compare-versions`.
struct DebianVersionTests {
    static let table = OrderCase.table("""
        0 = 0
        0 = 00
        1.0 = 1.00
        0:0 = 0
        0:1.0 = 1.0
        1.0-0 = 1.0
        1.0-0 = 1.0-00
        1.0. = 1.0.0
        1.0 < 1:0.1
        1:1.0 > 0:2.0
        2:1.0 > 1:9.9
        1.0~rc1 < 1.0
        1.0~rc1 < 1.0~rc2
        1.0~~ < 1.0~
        1.0~~ < 1.0~~a
        1.0~~a < 1.0~
        1.0~ < 1.0
        1.0 < 1.0a
        1.0a < 1.0+
        1.0+ < 1.0.
        1.0a < 1.0b
        1.0A < 1.0a
        1.0z < 1.0+
        1.0 < 1.0.1
        1.0-1 < 1.0-2
        1.0-1 < 1.0.1-1
        1.0-9 < 1.0-10
        2.30-1 > 2.4-1
        9.9 < 10.0
        1.2.3-1~deb12u1 < 1.2.3-1
        1.2.3-1+deb12u1 > 1.2.3-1
        1.2.3-1+deb12u1 < 1.2.3-2
        7.88.1-10+deb12u5 < 7.88.1-10+deb12u12
        1.0+dfsg-1 > 1.0-1
        1.0~beta1+dfsg-1 < 1.0-1
        1.0-a < 1.0-b
        3.0.11-1~deb12u2 < 3.0.13-1~deb12u1
        2.36-9+deb12u4 < 2.36-9+deb12u10
        1.0-1 < 1.0-1.1
        1.0-1.1 > 1.0-1a
        20190101 < 20190101.1
        0.0001 = 0.1
        """)

    @Test(arguments: table)
    func ordering(_ row: OrderCase) throws {
        try expectOrder(DebianVersion.self, row)
    }

    @Test func tildeSortsBeforeEverything() throws {
        // Debian Policy 5.6.12: "~~" < "~~a" < "~" < "" < "a".
        try expectAscending(DebianVersion.self, ["1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a"])
    }

    @Test func components() throws {
        let v = try DebianVersion(parsing: " 1:2.3.4-5+deb12u1 ")
        #expect(v.epoch == 1)
        #expect(v.upstream == "2.3.4")
        #expect(v.revision == "5+deb12u1")
        #expect(v.description == "1:2.3.4-5+deb12u1")
        let hyphenated = try DebianVersion(parsing: "1.2-3-4")
        #expect(hyphenated.upstream == "1.2-3")
        #expect(hyphenated.revision == "4")
        let native = try DebianVersion(parsing: "2.0")
        #expect(native.epoch == 0)
        #expect(native.revision == "")
    }

    @Test func invalid() {
        expectInvalid(DebianVersion.self, [
            "", "   ", ":1.0", "a:1.0", "1:", "1.0-", "-1", "1.0 beta", "<unfixed>", "1.0_1", "1.0-1:2", "1.0-1-",
            "99999999999:1.0",
        ])
    }
}
