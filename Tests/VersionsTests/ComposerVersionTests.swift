import Testing
@testable import Versions

/// composer/semver VersionParser::normalize (cases from its VersionParserTest) and PHP version_compare.
struct ComposerVersionTests {
    @Test(arguments: [
        ("1.0.0", "1.0.0.0"), ("1.2.3.4", "1.2.3.4"), ("1.0.0RC1dev", "1.0.0.0-RC1-dev"), ("1.0.0-rC15-dev", "1.0.0.0-RC15-dev"),
        ("1.0.0.RC.15-dev", "1.0.0.0-RC15-dev"), ("1.0.0-rc1", "1.0.0.0-RC1"), ("1.0.0.pl3-dev", "1.0.0.0-patch3-dev"),
        ("1.0-dev", "1.0.0.0-dev"), ("0", "0.0.0.0"), ("10.4.13-beta", "10.4.13.0-beta"), ("10.4.13beta2", "10.4.13.0-beta2"),
        ("10.4.13beta.2", "10.4.13.0-beta2"), ("v1.13.11-beta.0", "1.13.11.0-beta0"), ("1.13.11.0-beta0", "1.13.11.0-beta0"),
        ("10.4.13-b", "10.4.13.0-beta"), ("10.4.13-b5", "10.4.13.0-beta5"), ("v1.0.0", "1.0.0.0"), ("2010.01", "2010.01.0.0"),
        ("2010.01.02", "2010.01.02.0"), ("2010.1.555", "2010.1.555.0"), ("2010.10.200", "2010.10.200.0"), ("v20100102", "20100102"),
        ("2010-01-02", "2010.01.02"), ("2012.06.07", "2012.06.07.0"), ("2010-01-02.5", "2010.01.02.5"),
        ("20100102-203040", "20100102.203040"), ("20100102203040-10", "20100102203040.10"),
        ("20100102-203040-p1", "20100102.203040-patch1"), ("201903.0", "201903.0"), ("201903.0-p2", "201903.0-patch2"),
        ("dev-master", "dev-master"), ("master", "dev-master"), ("dev-trunk", "dev-trunk"), ("1.x-dev", "1.9999999.9999999.9999999-dev"),
        ("dev-feature-foo", "dev-feature-foo"), ("DEV-FOOBAR", "dev-FOOBAR"), ("dev-feature/foo", "dev-feature/foo"),
        ("dev-master as 1.0.0", "dev-master"), ("1.0.0+foo", "1.0.0.0"), ("1.0.0-beta.5+foo", "1.0.0.0-beta5"),
        ("1.0.0+foo as 2.0", "1.0.0.0"), ("00.01.03.04", "00.01.03.04"), ("000.001.003.004", "000.001.003.004"),
        ("0.000.103.204", "0.000.103.204"), ("0700", "0700.0.0.0"), ("041.x-dev", "041.9999999.9999999.9999999-dev"),
        ("dev-041.003", "dev-041.003"), ("dev-1.0.0-dev<1.0.5-dev", "dev-1.0.0-dev<1.0.5-dev"), ("dev-foo bar", "dev-foo bar"),
        (" 1.0.0", "1.0.0.0"), ("1.0.0 ", "1.0.0.0"), ("1.0.0@beta", "1.0.0.0"), ("1.0.0-stable", "1.0.0.0"),
        ("1.0.0-alpha3", "1.0.0.0-alpha3"), ("1.2.3-p1", "1.2.3.0-patch1"),
    ])
    func normalization(_ input: String, _ expected: String) throws {
        #expect(try ComposerVersion(parsing: input).normalized == expected)
    }

    static let table = OrderCase.table("""
        1.25.0 > 1.24.0
        1.25.0 > 1.25.0-beta
        1.0.0-RC1 < 1.0.0
        1.0.0-beta2 < 1.0.0-RC1
        1.0.0-alpha2 < 1.0.0-beta1
        1.0.0-dev < 1.0.0-alpha1
        1.0.0-patch1 > 1.0.0
        1.0.0-p1 = 1.0.0-pl1
        1.0.0 = 1.0
        1.0.0 = v1.0.0
        1.0 = 1.0.0.0
        2.0.0 > 1.999.999
        1.0.0-beta2 < 1.0.0-beta10
        1.0.0-RC1-dev < 1.0.0-RC1
        1.0.0-beta < 1.0.0-beta1
        1.0.0-b1 = 1.0.0-beta1
        dev-master > 99.0
        dev-master = dev-trunk
        dev-foo < 0.0.1
        dev-bar < dev-foo
        1.x-dev > 1.99
        1.x-dev < 2.0.0
        5.4.33 < 5.4.34
        10.0.0 > 9.9.9
        """)

    @Test(arguments: table)
    func ordering(_ row: OrderCase) throws {
        try expectOrder(ComposerVersion.self, row)
    }

    @Test func stability() throws {
        #expect(try ComposerVersion(parsing: "1.0.0-beta2").stability == "beta")
        #expect(try ComposerVersion(parsing: "1.0.0-RC1").stability == "RC")
        #expect(try ComposerVersion(parsing: "1.0.x-dev").stability == "dev")
        #expect(try ComposerVersion(parsing: "dev-main").stability == "dev")
        #expect(try ComposerVersion(parsing: "1.0.0").stability == "stable")
        #expect(try ComposerVersion(parsing: "dev-main").isBranch)
    }

    @Test func invalid() {
        expectInvalid(ComposerVersion.self, [
            "", "a", "1.0.0-meh", "1.0.0.0.0", "feature-foo", "1.0.0+foo bar", "1.0.1-SNAPSHOT", "1.0.0<1.0.5-dev",
            "foo bar-dev", "1.0 .2", "^", "~1", "1.*", "20100102.0.3.4", "100000.0.0.0", "2023013.0.0",
        ])
    }
}
