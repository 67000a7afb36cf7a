import Archive
import LayerFS
import Model
import TestSupport
import Testing

/// `entries(matching:)` over a rootfs-shaped layer: `*` and `?` within a component, `**` across
/// components, character classes, and patterns without a leading `/` matching at any depth.
@Suite struct GlobMatchingTests {
    static let layer = LayerSpec { tar in
        tar.directory("etc/")
        tar.file("etc/a.conf", "a")
        tar.file("etc/b.conf", "b")
        tar.directory("etc/sub/")
        tar.file("etc/sub/c.conf", "c")
        tar.file("etc/os-release", "ID=test")
        tar.directory("usr/")
        tar.directory("usr/local/")
        tar.directory("usr/local/etc/")
        tar.file("usr/local/etc/d.conf", "d")
        tar.directory("usr/lib/")
        tar.directory("usr/lib/python3.12/")
        tar.directory("usr/lib/python3.12/site-packages/")
        tar.directory("usr/lib/python3.12/site-packages/requests-2.31.0.dist-info/")
        tar.file("usr/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA", "Name: requests")
        tar.directory("usr/lib/python3.12/site-packages/idna-3.6.dist-info/")
        tar.file("usr/lib/python3.12/site-packages/idna-3.6.dist-info/METADATA", "Name: idna")
        tar.file("usr/lib/libz.so.1", "z")
        tar.file("usr/lib/libc.so.6", "c")
        tar.symlink("usr/lib/libz.so", to: "libz.so.1")
        tar.directory("var/")
        tar.directory("var/lib/")
        tar.directory("var/lib/dpkg/")
        tar.file("var/lib/dpkg/status", "Package: base-files")
    }

    static let cases: [(pattern: String, expected: [String])] = [
        ("/etc/*.conf", ["/etc/a.conf", "/etc/b.conf"]),
        ("**/*.conf", ["/etc/a.conf", "/etc/b.conf", "/etc/sub/c.conf", "/usr/local/etc/d.conf"]),
        ("*.conf", ["/etc/a.conf", "/etc/b.conf", "/etc/sub/c.conf", "/usr/local/etc/d.conf"]),
        ("/etc/?.conf", ["/etc/a.conf", "/etc/b.conf"]),
        ("/etc/[a].conf", ["/etc/a.conf"]),
        ("/etc/[!a].conf", ["/etc/b.conf"]),
        ("/etc/[a-b].conf", ["/etc/a.conf", "/etc/b.conf"]),
        ("/usr/lib/python3.*/site-packages/*.dist-info/METADATA", [
            "/usr/lib/python3.12/site-packages/idna-3.6.dist-info/METADATA",
            "/usr/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA",
        ]),
        ("**/*.dist-info/METADATA", [
            "/usr/lib/python3.12/site-packages/idna-3.6.dist-info/METADATA",
            "/usr/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA",
        ]),
        ("/usr/lib/lib*.so*", ["/usr/lib/libc.so.6", "/usr/lib/libz.so", "/usr/lib/libz.so.1"]),
        ("/var/lib/dpkg/status", ["/var/lib/dpkg/status"]),
        ("dpkg/status", ["/var/lib/dpkg/status"]),
        ("/status", []),
        ("/etc/sub/**", ["/etc/sub", "/etc/sub/c.conf"]),
        ("/nothing/**", []),
    ]

    @Test(arguments: cases)
    func patternMatchesExpectedPaths(_ testCase: (pattern: String, expected: [String])) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read([Self.layer], in: directory)
        let resolver = image.resolver(scope: .squashed)
        #expect(resolver.entries(matching: testCase.pattern).map(\.path) == testCase.expected, "pattern \(testCase.pattern)")
    }

    @Test func allLayersMatchesEveryVersionOfAPath() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let upper = LayerSpec { tar in tar.file("etc/a.conf", "a again") }
        let image = try await LayerFixtures.read([Self.layer, upper], in: directory)
        let all = image.resolver(scope: .allLayers)
        #expect(all.entries(matching: "/etc/a.conf").map(\.layerIndex) == [0, 1])
        #expect(image.resolver(scope: .squashed).entries(matching: "/etc/a.conf").map(\.layerIndex) == [1])
    }
}
