import Testing
@testable import Versions

/// PEP 440 / packaging.version; every row was checked against packaging 26.
struct PEP440VersionTests {
    static let table = OrderCase.table("""
        1.0 = 1.0.0
        1.0 = 1
        1.0 = v1.0
        1.0 = V1.0
        1.0 = 0!1.0
        1!0.1 > 2.0
        1.0.dev1 < 1.0a1
        1.0a1 < 1.0a2
        1.0a2 < 1.0b1
        1.0b1 < 1.0rc1
        1.0rc1 < 1.0
        1.0 < 1.0.post1
        1.0a1 = 1.0alpha1
        1.0b1 = 1.0beta1
        1.0rc1 = 1.0c1
        1.0rc1 = 1.0pre1
        1.0rc1 = 1.0preview1
        1.0a = 1.0a0
        1.0-1 = 1.0.post1
        1.0r1 = 1.0.post1
        1.0rev1 = 1.0.post1
        1.0-r1 = 1.0.post1
        1.0.post = 1.0.post0
        1.0-dev = 1.0.dev0
        1.0_a_1 = 1.0a1
        1.0.a.1 = 1.0a1
        1.0a1.dev1 < 1.0a1
        1.0a1.post1.dev1 < 1.0a1.post1
        1.0a1.post1 < 1.0b1
        1.0.post1.dev1 < 1.0.post1
        1.0.post1 < 1.0.1
        1.0.dev1 < 1.0.dev2
        1.0 < 1.0+local
        1.0+abc < 1.0+1
        1.0+abc.5 < 1.0+abc.10
        1.0+ubuntu-1 = 1.0+ubuntu.1
        1.0+ubuntu_1 = 1.0+UBUNTU.1
        1.0+1 < 1.0+1.0
        1.0.post1 > 1.0+local
        1.0a1+local < 1.0a2
        1.0.0.0.1 > 1.0
        2.0 > 1.99999999999999999999999
        1.0.dev456 < 1.0a1
        1.0a12.dev456 < 1.0a12
        1.0b2.post345.dev456 < 1.0b2.post345
        1.0.post456.dev34 < 1.0.post456
        1.1.dev1 > 1.0.post456
        """)

    @Test(arguments: table)
    func ordering(_ row: OrderCase) throws {
        try expectOrder(PEP440Version.self, row)
    }

    @Test func specificationOrder() throws {
        // The example ordering from the PyPA version specifiers spec.
        try expectAscending(PEP440Version.self, [
            "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456",
            "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0",
            "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1",
        ])
    }

    @Test(arguments: [
        ("1.0", "1.0"), ("v1.0", "1.0"), (" 1.0\n", "1.0"), ("1!1.0", "1!1.0"), ("0!1.0", "1.0"),
        ("1.0ALPHA1", "1.0a1"), ("1.0-beta.2", "1.0b2"), ("1.0c3", "1.0rc3"), ("1.0preview", "1.0rc0"),
        ("1.0-1", "1.0.post1"), ("1.0.rev", "1.0.post0"), ("1.0_r_3", "1.0.post3"), ("1.0-DEV_2", "1.0.dev2"),
        ("1.0+Ubuntu-1", "1.0+ubuntu.1"), ("01.002", "1.2"), ("1.0a.", "1.0a0"), ("1.0.post.", "1.0.post0"),
    ])
    func normalization(_ input: String, _ expected: String) throws {
        #expect(try PEP440Version(parsing: input).normalized == expected)
    }

    @Test func flags() throws {
        #expect(try PEP440Version(parsing: "1.0rc1").isPrerelease)
        #expect(try PEP440Version(parsing: "1.0.dev1").isPrerelease)
        #expect(try PEP440Version(parsing: "1.0.post1").isPrerelease == false)
        #expect(try PEP440Version(parsing: "1.0.post1").isPostRelease)
        #expect(try PEP440Version(parsing: "1.0+local").hasLocal)
    }

    @Test func invalid() {
        expectInvalid(PEP440Version.self, [
            "", "1..2", ".1", "1.", "1.0+", "1.0+abc.", "1.0+abc..1", "1.0-", "1.0.dev1.dev2", "1.0a1a2", "1.0 1",
            "0.1.0.dev-120d5ee", "7c8cc4ec69cd348e44ad6a2699057ca88faad3e5", "3.10.2-NA", "0.3m5", "1.0_", "vv1.0",
            "1!", "!1.0", "1.0.post1.post2", "1.0+ü", "1.0é", "1.0rc1-1-1",
        ])
    }
}
