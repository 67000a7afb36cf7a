import Testing
@testable import Versions

/// rpmvercmp (including rpm's own tests/rpmvercmp.at cases) and EVR handling; every row was
/// checked against python3-rpm's `rpm.labelCompare`.
struct RPMVersionTests {
    static let table = OrderCase.table("""
        1.0 = 1.0
        1.0 < 2.0
        2.0.1 > 2.0
        2.0.1a > 2.0.1
        5.5p1 < 5.5p2
        5.5p1 < 5.5p10
        10xyz < 10.1xyz
        xyz10 < xyz10.1
        xyz.4 < 8
        xyz.4 < 2
        5.5p2 < 5.6p1
        5.6p1 < 6.5p1
        6.0.rc1 > 6.0
        10b2 > 10a1
        1.0a < 1.0aa
        10.0001 = 10.1
        10.0001 < 10.0039
        4.999.9 < 5.0
        20101121 < 20101122
        2_0 = 2.0
        a+ = a_
        +a = _a
        +_ = _+
        + = _
        1.0~rc1 < 1.0
        1.0~rc1 < 1.0~rc2
        1.0~rc1~git123 < 1.0~rc1
        1.0^ > 1.0
        1.0^git1 > 1.0
        1.0^git1 < 1.0^git2
        1.0^git1 < 1.01
        1.0^20160101 < 1.0.1
        1.0^20160101^git1 > 1.0^20160101
        1.0^20160102 > 1.0^20160101^git1
        1.0~rc1^git1 > 1.0~rc1
        1.0^git1~pre < 1.0^git1
        1.0 < 1:0.1
        1:1.0 > 2.0
        0:1.0-1 = 1.0-1
        1.0 < 1.0-1
        1.0-1 < 1.0-2
        1.0-1.el9 < 1.0-1.el9_1
        1.0-10.el9 > 1.0-9.el9
        3.0.7-16.el9_2 < 3.0.7-18.el9_2
        1:2.06-46.el9_1.3.rocky.0.2 > 1:2.06-46.el9_1.3
        1.0-1.el9 > 1.0-1.el8
        """)

    @Test(arguments: table)
    func ordering(_ row: OrderCase) throws {
        try expectOrder(RPMVersion.self, row)
    }

    @Test func tildeAndCaret() throws {
        try expectAscending(RPMVersion.self, ["1.0~rc1", "1.0", "1.0^git1", "1.0^git2", "1.0.1", "1.1"])
    }

    @Test func components() throws {
        let v = try RPMVersion(parsing: "2:1.2.3-4.el9_2")
        #expect(v.epoch == 2)
        #expect(v.version == "1.2.3")
        #expect(v.release == "4.el9_2")
        let bare = try RPMVersion(parsing: "1.2.3")
        #expect(bare.epoch == nil)
        #expect(bare.release == nil)
        let empty = try RPMVersion(parsing: ":1.0")
        #expect(empty.epoch == 0)
    }

    @Test func invalid() {
        expectInvalid(RPMVersion.self, ["", " ", "1:", "1:-1", "a:1.0", "1.0 1", "-1"])
    }
}
