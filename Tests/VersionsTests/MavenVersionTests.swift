import Testing
@testable import Versions

/// Maven 3.9 ComparableVersion; the sequences and pairs follow Maven's ComparableVersionTest.
struct MavenVersionTests {
    @Test func qualifierOrder() throws {
        try expectAscending(MavenVersion.self, [
            "1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11", "1-rc", "1-cr2",
            "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1", "1-1-snapshot",
            "1-1", "1-2", "1-123",
        ])
    }

    @Test func numberOrder() throws {
        try expectAscending(MavenVersion.self, [
            "2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1", "2.1.0.1", "2.2",
            "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m",
        ])
    }

    static let equal = OrderCase.table("""
        1 = 1.0
        1 = 1.0.0
        1.0 = 1.0.0
        1 = 1-0
        1 = 1.0-0
        1.0 = 1.0-0
        1a = 1-a
        1a = 1.0-a
        1a = 1.0.0-a
        1.0a = 1-a
        1.0.0a = 1-a
        1x = 1-x
        1x = 1.0-x
        1.0.0x = 1-x
        1ga = 1
        1release = 1
        1final = 1
        1cr = 1rc
        1a1 = 1-alpha-1
        1b2 = 1-beta-2
        1m3 = 1-milestone-3
        1X = 1x
        1A = 1a
        1GA = 1
        1RELeaSE = 1
        1FINAL = 1
        1Cr = 1Rc
        1m3 = 1MILESTONE3
        """)

    static let table = OrderCase.table("""
        1 < 2
        1.5 < 2
        1 < 2.5
        1.0 < 1.1
        1.0.0 < 1.1
        1.1 < 1.2.0
        1.0-alpha-1 < 1.0
        1.0-alpha-1 < 1.0-alpha-2
        1.0-alpha-1 < 1.0-beta-1
        1.0-beta-1 < 1.0-SNAPSHOT
        1.0-SNAPSHOT < 1.0
        1.0-alpha-1-SNAPSHOT < 1.0-alpha-1
        1.0 < 1.0-1
        1.0-1 < 1.0-2
        1.0.0 < 1.0-1
        2.0-1 < 2.0.1
        2.0.1-klm < 2.0.1-lmn
        2.0.1 < 2.0.1-xyz
        2.0.1 < 2.0.1-123
        2.0.1-xyz < 2.0.1-123
        6.1.0rc3 < 6.1.0
        6.1.0 < 6.1H.5-beta
        6.1.0rc3 < 6.1H.5-beta
        20190126.230843 < 1234567890.12345
        1234567890.12345 < 123456789012345.1H.5-beta
        123456789012345.1H.5-beta < 12345678901234567890.1H.5-beta
        1.0.0.alpha1 < 1.0.0-alpha2
        1.0.0.rc1 < 1.0.0-rc2
        1.0.0.X1 < 1.0.0-X2
        1.0.RC2 < 1.0-RC3
        1.0-RC3 < 1.0.1
        2.17.0 < 2.17.1
        5.3.27 < 5.3.28
        2.12.7.1 > 2.12.7
        1.0.0.Final = 1.0.0
        1.2.3.RELEASE = 1.2.3
        9.4.51.v20230217 > 9.4.51
        9.4.51.v20230217 < 9.4.52.v20230823
        31.1-jre < 32.0.0-jre
        32.0.0-android < 32.0.0-jre
        1.0-sp1 > 1.0
        """)

    @Test(arguments: equal + table)
    func ordering(_ row: OrderCase) throws {
        try expectOrder(MavenVersion.self, row)
    }

    @Test func canonical() throws {
        #expect(try MavenVersion(parsing: "1.0.0-RC1").canonical == "1-rc-1")
        #expect(try MavenVersion(parsing: "1.0.0").canonical == "1")
        #expect(try MavenVersion(parsing: "2.0.a").canonical == "2-a")
    }

    @Test func invalid() {
        expectInvalid(MavenVersion.self, ["", "  ", "1.0 beta"])
    }
}
