import Testing
@testable import Versions

/// The lenient scheme for NVD CPE ranges and binary-classifier versions; the rows are versions as
/// NVD's CPE ranges and the binary classifiers write them.
struct FuzzyVersionTests {
    static let table = OrderCase.table("""
        # numeric dot segments compare as numbers, missing ones as 0
        1.2.3 = v1.2.3
        1.0 = 1.0.0
        1 = 1.0.0.0
        01.2 = 1.2
        1.9.0 < 1.10.0
        2.4.0 < 2.12.2
        3.0.7.1 < 3.0.13
        7.0.11 < 7.0.12
        1.0.0 < 1.0.0.1
        99999999999999999999.1 < 100000000000000000000.0
        # pre-release words sort before the release
        2.0-rc1 < 2.0
        2.0-beta9 < 2.0-rc1
        2.0-alpha < 2.0-beta
        2.0-rc1 < 2.0-rc2
        2.0-rc < 2.0-rc1
        2.0rc1 = 2.0-rc.1
        2.0_RC1 = 2.0-rc1
        2.0.0-M1 < 2.0.0
        1.0.2-beta1 < 1.0.2
        # any other suffix sorts after it: OpenSSL letters, OpenSSH p, service packs, builds
        1.1.1 < 1.1.1a
        1.1.1a < 1.1.1t
        1.1.1t < 1.1.1za
        1.1.1z < 1.1.1za
        1.1.1t < 1.1.2
        8.9 < 8.9p1
        8.9p1 < 8.9p2
        2019.1 < 2019.1-sp1912
        1.0.9 < 1.0.9-343
        8.6.2j-398 < 8.6.2j-400
        2.0-rc1 < 2.0-sp1
        # Cisco's parenthesised builds and zero-padded numbers
        12.5(1) < 12.6(1)
        12.6 < 12.6(1)
        002.009(000.000) < 002.009(000.001)
        2.9.1.3 > 2.9.1
        # numbers before words within a suffix
        1.0-1 < 1.0-a
        """)

    @Test(arguments: table)
    func ordering(_ row: OrderCase) throws {
        try expectOrder(FuzzyVersion.self, row)
    }

    @Test func ascendingReleaseTrain() throws {
        try expectAscending(FuzzyVersion.self, [
            "2.0-alpha1", "2.0-beta9", "2.0-rc1", "2.0-rc2", "2.0", "2.0.1", "2.3.1", "2.12.2", "2.15.0", "2.15.0a",
        ])
    }

    @Test func keepsTheTextAndParsesThroughTheFormat() throws {
        let version = try FuzzyVersion(parsing: " 1.1.1t ")
        #expect(version.description == "1.1.1t")
        #expect(try VersionFormat.fuzzy.parse("1.1.1t") == version.erased)
        #expect(try VersionFormat(name: "fuzzy") == .fuzzy)
        #expect(try VersionFormat(name: "cpe") == .fuzzy)
    }

    @Test func invalid() {
        expectInvalid(FuzzyVersion.self, ["", "*", "-", "1.0 2", "1,2", "1|2", ">=1.0", "=1", "...", "!"])
    }

    @Test func constraintsInTheSharedGrammar() throws {
        // CVE-2021-44228's apache:log4j ranges as the NVD transformer writes them.
        let log4j = try VersionConstraint(
            parsing: ">= 2.0.1, < 2.3.1 || >= 2.4.0, < 2.12.2 || >= 2.13.0, < 2.15.0 || = 2.0 || = 2.0-beta9 || = 2.0-rc1", scheme: .fuzzy)
        for version in ["2.14.1", "2.0", "2.0-beta9", "2.0-rc1", "2.12.1", "2.3.0", "2.13.0"] {
            #expect(try log4j.satisfied(by: version), "\(version)")
        }
        for version in ["2.15.0", "2.12.2", "2.3.1", "1.2.17", "2.0-rc2", "2.0-beta8", "2.17.1"] {
            #expect(try !log4j.satisfied(by: version), "\(version)")
        }
        let openssl = try VersionConstraint(parsing: ">= 3.0.0, < 3.0.7 || >= 1.1.1, < 1.1.1t", scheme: .fuzzy)
        #expect(try openssl.satisfied(by: "1.1.1s"))
        #expect(try openssl.satisfied(by: "3.0.6"))
        #expect(try !openssl.satisfied(by: "1.1.1t"))
        #expect(try !openssl.satisfied(by: "3.0.7"))
        #expect(try !openssl.satisfied(by: "3.0.0-beta1"))
        // The description parses back to the same constraint.
        #expect(try VersionConstraint(parsing: openssl.description, scheme: .fuzzy) == openssl)
    }
}
