import Testing
@testable import Versions

/// apk-tools 2.x version.c rules.
struct APKVersionTests {
    static let table = OrderCase.table("""
        1.0 = 1.0
        1.0 < 1.1
        1.9 < 1.10
        1.0 < 1.0.1
        1.01 < 1.1
        1.0 > 1.00
        1.0 < 1.01
        1.0-r0 > 1.0
        1.0-r0 < 1.0-r1
        1.0-r9 < 1.0-r10
        1.1_alpha < 1.1
        1.1 > 1.1_alpha1
        1.0_alpha < 1.0_alpha1
        1.0_alpha1 < 1.0_alpha2
        1.0_alpha9 < 1.0_beta
        1.0_beta2 < 1.0_pre1
        1.0_pre3 < 1.0_rc1
        1.2_rc1 < 1.2
        1.2.0_rc1-r0 < 1.2.0-r0
        # apk-tools quirk: after a component of zeros the next token is an empty number, so
        # a bare "X.0" sorts before "X.0_rc1" (apk-tools 2.x behaves this way; kept for fidelity).
        1.0_rc1 > 1.0
        1.0_alpha > 1.0
        1.0 < 1.0_cvs
        1.0_cvs < 1.0_svn
        1.0_svn < 1.0_git
        1.0_git < 1.0_hg
        1.0_hg < 1.0_p
        1.0_p1 < 1.0.1
        1.0_p1 < 1.0_p2
        1.0 < 1.0a
        1.0a < 1.0b
        1.0a < 1.0.1
        1.0z < 1.0.1
        1.2.3_rc1-r0 < 1.2.3-r0
        1.2.3 < 1.2.3-r1
        1.2.3_git20230101 > 1.2.3
        1.2.3_git20230101 < 1.2.4
        1.2.3_p1-r0 > 1.2.3-r5
        20230329 < 20230330
        1.36.1-r2 < 1.36.1-r15
        3.0.8-r0 < 3.0.8-r1
        3.0.8-r4 < 3.1.0-r0
        2.4.56-r0 < 2.4.57-r0
        1.1.1t-r0 < 1.1.1u-r0
        1.1.1t-r3 < 1.1.1u-r0
        1.0_rc1_p2 > 1.0_rc1
        0.1.0_alpha2 > 0.1.0_alpha
        0.1.0_alpha_pre2 < 0.1.0_alpha
        1.0.0_pre20191002222144-r0 < 1.0.0_pre20210530193627-r0
        4.5_p1-r1 > 4.5_p1
        2.12r-r4 < 2.12r-r5
        006 > 1.0.0
        3.0.20060720 < 20060720
        1.3_pre1-r1 < 1.3.2
        1.0_p10-r0 > 1.0_p9-r0
        2.3.0b-r1 < 2.3.0b-r2
        1.1 = 1.1
        """)

    @Test(arguments: table)
    func ordering(_ row: OrderCase) throws {
        try expectOrder(APKVersion.self, row)
    }

    @Test func suffixOrder() throws {
        try expectAscending(APKVersion.self, [
            "1.1_alpha", "1.1_beta", "1.1_pre", "1.1_rc", "1.1", "1.1-r1", "1.1_cvs", "1.1_svn", "1.1_git", "1.1_hg", "1.1_p", "1.1.1",
        ])
    }

    @Test func revision() throws {
        #expect(try APKVersion(parsing: "3.0.8-r12").revision == 12)
        #expect(try APKVersion(parsing: "3.0.8").revision == 0)
    }

    @Test func invalid() {
        expectInvalid(APKVersion.self, ["", "1.0-foo", "1.0_foo", "1.0A", "abc", "1.0-r1_p1", "1.0 beta", "1.0+1", "1.0_rc1.2"])
    }
}
