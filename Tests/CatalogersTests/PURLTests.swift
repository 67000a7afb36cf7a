import Model
import Testing

/// Package URL formatting (https://github.com/package-url/purl-spec): percent-encoding, namespaces and
/// qualifiers sorted by key, as Syft writes them.
@Suite struct PURLTests {
    @Test(arguments: [
        (PURL(type: "npm", namespace: "@angular", name: "core", version: "12.3.1"), "pkg:npm/%40angular/core@12.3.1"),
        (PURL(type: "pypi", name: "a@b", version: "1.0"), "pkg:pypi/a%40b@1.0"),
        (PURL(type: "deb", namespace: "debian", name: "libstdc++6", version: "12.2.0-14"), "pkg:deb/debian/libstdc%2B%2B6@12.2.0-14"),
        (PURL(type: "deb", namespace: "debian", name: "util-linux-extra", version: "2.38.1-5+b1"), "pkg:deb/debian/util-linux-extra@2.38.1-5%2Bb1"),
        (PURL(type: "deb", namespace: "debian", name: "attr", version: "1:2.5.1-4"), "pkg:deb/debian/attr@1:2.5.1-4"),
        (PURL(type: "generic", name: "my package", version: "1.0 beta"), "pkg:generic/my%20package@1.0%20beta"),
        (PURL(type: "deb", namespace: "ubuntu", name: "linux-image", version: "6.14.0-1012.12~24.04.1"), "pkg:deb/ubuntu/linux-image@6.14.0-1012.12~24.04.1"),
        (PURL(type: "golang", namespace: "github.com/opencontainers", name: "umoci", version: "v0.4.7"), "pkg:golang/github.com/opencontainers/umoci@v0.4.7"),
        (PURL(type: "golang", namespace: "github.com/acme", name: "tool", version: nil), "pkg:golang/github.com/acme/tool"),
        (PURL(type: "pypi", name: "café", version: "1.0"), "pkg:pypi/caf%C3%A9@1.0"),
        (PURL(type: "maven", namespace: "", name: "plain", version: ""), "pkg:maven/plain"),
    ])
    func encoding(_ purl: PURL, _ expected: String) {
        #expect(purl.description == expected)
    }

    @Test func qualifiersAreSortedByKey() {
        let purl = PURL(type: "deb", namespace: "debian", name: "libc6", version: "2.36-9",
                        qualifiers: ["upstream": "glibc", "distro": "debian-12", "arch": "amd64"])
        #expect(purl.description == "pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12&upstream=glibc")
    }

    @Test func emptyQualifierValuesAreDropped() {
        let purl = PURL(type: "apk", namespace: "alpine", name: "musl", version: "1.2.4-r2", qualifiers: ["arch": "", "distro": ""])
        #expect(purl.description == "pkg:apk/alpine/musl@1.2.4-r2")
        #expect(purl.qualifiers.isEmpty)
    }

    /// Qualifier values are percent-encoded too (`@`, `+`, space) but keep `/`.
    @Test func qualifierValuesAreEncoded() {
        let purl = PURL(type: "deb", namespace: "debian", name: "util-linux-extra", version: "2.38.1-5+b1",
                        qualifiers: ["upstream": "util-linux@2.38.1-5+b1", "note": "a b", "vcs_url": "git+https://github.com/x/y.git"])
        #expect(purl.description
            == "pkg:deb/debian/util-linux-extra@2.38.1-5%2Bb1?note=a%20b&upstream=util-linux%402.38.1-5%2Bb1&vcs_url=git%2Bhttps://github.com/x/y.git")
    }

    @Test func namespaceSegmentsAreEncodedSeparately() {
        let purl = PURL(type: "generic", namespace: "a b/c@d", name: "n", version: "1")
        #expect(purl.description == "pkg:generic/a%20b/c%40d/n@1")
    }
}
