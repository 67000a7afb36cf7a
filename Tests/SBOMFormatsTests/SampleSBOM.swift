import Model

/// A small SBOM with one package of each kind the encoders treat differently, built by hand so
/// golden files only change when an encoder does.
enum SampleSBOM {
    static let layer = try! Digest(parsing: "sha256:" + String(repeating: "ab", count: 32))
    static let manifest = try! Digest(parsing: "sha256:" + String(repeating: "cd", count: 32))

    static var sbom: SBOM {
        let deb = Package(
            name: "libssl3", version: "3.0.11-1~deb12u2", type: .deb, foundBy: "dpkg-db-cataloger",
            purl: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl",
            cpes: ["cpe:2.3:a:libssl3:libssl3:3.0.11-1\\~deb12u2:*:*:*:*:*:*:*"], licenses: ["Apache-2.0", "Artistic"],
            locations: [Location(path: "/var/lib/dpkg/status", layer: layer)],
            supplier: "Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>",
            metadata: .dpkg(DpkgMetadata(package: "libssl3", source: "openssl", version: "3.0.11-1~deb12u2", sourceVersion: nil,
                                         architecture: "amd64", maintainer: "Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>",
                                         installedSize: 6000, depends: ["libc6"],
                                         files: ["/usr/lib/python3/dist-packages/example-1.0.dist-info/METADATA"])))
        let python = Package(
            name: "example", version: "1.0", type: .python, foundBy: "python-installed-package-cataloger",
            purl: "pkg:pypi/example@1.0", cpes: ["cpe:2.3:a:python-example:example:1.0:*:*:*:*:python:*:*"], licenses: ["MIT License"],
            locations: [Location(path: "/usr/lib/python3/dist-packages/example-1.0.dist-info/METADATA", layer: layer)], language: "python",
            supplier: "Jane Doe <jane@example.org>",
            metadata: .python(PythonMetadata(name: "Example", version: "1.0", author: "Jane Doe", authorEmail: "jane@example.org", maintainer: nil,
                                             license: "MIT License", sitePackagesRootPath: "/usr/lib/python3/dist-packages", files: [],
                                             requiresDist: [])))
        let npm = Package(
            name: "@scope/widget", version: "2.0.0-beta.1", type: .npm, foundBy: "javascript-package-cataloger",
            purl: "pkg:npm/%40scope/widget@2.0.0-beta.1", locations: [Location(path: "/app/node_modules/@scope/widget/package.json", layer: layer)],
            language: "javascript",
            metadata: .npm(NPMMetadata(name: "@scope/widget", version: "2.0.0-beta.1", author: nil, homepage: nil, license: nil)))
        return SBOM(source: SBOMSource(kind: "image", name: "registry.example/app:1.0", version: manifest.description, manifestDigest: manifest,
                                       platform: "linux/amd64", layers: [layer]),
                    distro: Distro(id: "debian", versionID: "12", versionCodename: "bookworm", prettyName: "Debian GNU/Linux 12 (bookworm)"),
                    packages: [deb, python, npm],
                    relationships: [Relationship(parent: deb.id, child: python.id, kind: .ownershipByFileOverlap)])
    }
}
