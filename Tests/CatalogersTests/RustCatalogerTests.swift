@testable import Catalogers
import Cataloging
import Model
import TestSupport
import Testing

/// `Cargo.lock` files (fixtures `rust/*`, from Syft's and trivy's test data) and cargo-auditable binaries
/// (built in the test: the upstream binaries are not shipped).
@Suite struct RustCargoLockCatalogerTests {
    let cataloger = CargoLockCataloger()

    /// Catalogs one bare fixture file placed at `/app/Cargo.lock`.
    func catalog(_ fixture: String) throws -> CatalogResult {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: fixture, to: "/app/Cargo.lock")
        return cataloger.catalog(try root.resolver())
    }

    /// syft TestParseCargoLock: 14 crates, windows-sys in two versions.
    @Test func cargoLock() throws {
        let result = cataloger.catalog(try Fixtures.tree("rust/cargo-lock"))
        #expect(result.nameVersions == [
            "ansi_term@0.12.1", "errno@0.3.9", "matches@0.1.8", "memchr@2.3.3", "natord@1.0.9", "nom@4.2.3", "schannel@0.1.26",
            "unicode-bidi@0.3.4", "version_check@0.1.5", "winapi-i686-pc-windows-gnu@0.4.0", "winapi-x86_64-pc-windows-gnu@0.4.0",
            "winapi@0.3.9", "windows-sys@0.52.0", "windows-sys@0.59.0",
        ])
        #expect(result.diagnostics.isEmpty)
        let nom = try #require(result.package("nom"))
        #expect(nom.type == .rustCrate)
        #expect(nom.foundBy == "rust-cargo-lock-cataloger")
        #expect(nom.language == "rust")
        #expect(nom.purl == "pkg:cargo/nom@4.2.3")
        #expect(nom.cpes == ["cpe:2.3:a:nom:nom:4.2.3:*:*:*:*:rust:*:*"])
        #expect(nom.locations.map(\.path) == ["/Cargo.lock"])
        #expect(nom.rustCrateMetadata == RustCrateMetadata(
            name: "nom", version: "4.2.3", source: "registry+https://github.com/rust-lang/crates.io-index",
            checksum: "2ad2a91a8e869eeb30b9cb3119ae87773a8f4ae617f41b1eb9c154b2905f7bd6", dependencies: ["memchr", "version_check"]))
        // `windows-sys 0.52.0` names one of two versions.
        let errno = try #require(result.package("errno"))
        let windows52 = try #require(result.packages.first { $0.name == "windows-sys" && $0.version == "0.52.0" })
        #expect(result.relationships.contains(Relationship(parent: windows52.id, child: errno.id, kind: .dependencyOf)))
    }

    @Test func underscoreNamesGetHyphenatedCPECandidates() throws {
        let result = cataloger.catalog(try Fixtures.tree("rust/cargo-lock"))
        let ansi = try #require(result.package("ansi_term"))
        #expect(ansi.cpes == ["cpe:2.3:a:ansi_term:ansi_term:0.12.1:*:*:*:*:rust:*:*", "cpe:2.3:a:ansi_term:ansi-term:0.12.1:*:*:*:*:rust:*:*",
                              "cpe:2.3:a:ansi-term:ansi_term:0.12.1:*:*:*:*:rust:*:*", "cpe:2.3:a:ansi-term:ansi-term:0.12.1:*:*:*:*:rust:*:*"])
    }

    /// syft TestCargoLockWithGitDependencies: regex, regex-automata and regex-syntax come from both
    /// crates.io and git; all 12 entries are kept, as distinct packages.
    @Test func gitDependencies() throws {
        let result = cataloger.catalog(try Fixtures.tree("rust/cargo-lock-git-deps"))
        #expect(result.nameVersions == [
            "aho-corasick@1.1.3", "hello_world@0.1.0", "memchr@2.7.4", "minimal-lexical@0.2.1", "nom-regex@0.2.0", "nom@7.1.3",
            "regex-automata@0.4.9", "regex-automata@0.4.9", "regex-syntax@0.8.5", "regex-syntax@0.8.5", "regex@1.11.1", "regex@1.11.1",
        ])
        #expect(Set(result.packages.map(\.id)).count == 12)
        let regexes = result.packages.filter { $0.name == "regex" }
        let gitRegex = try #require(regexes.first { $0.rustCrateMetadata?.source?.hasPrefix("git+") == true })
        let registryRegex = try #require(regexes.first { $0.rustCrateMetadata?.source?.hasPrefix("registry+") == true })
        #expect(gitRegex.rustCrateMetadata?.checksum == nil)
        #expect(gitRegex.purl == "pkg:cargo/regex@1.11.1")
        let hello = try #require(result.package("hello_world"))
        let nomRegex = try #require(result.package("nom-regex"))
        #expect(result.relationships.contains(Relationship(parent: gitRegex.id, child: hello.id, kind: .dependencyOf)))
        #expect(result.relationships.contains(Relationship(parent: registryRegex.id, child: nomRegex.id, kind: .dependencyOf)))
        #expect(!result.relationships.contains(Relationship(parent: registryRegex.id, child: hello.id, kind: .dependencyOf)))
        #expect(result.relationships.contains(Relationship(parent: nomRegex.id, child: hello.id, kind: .dependencyOf)))
    }

    /// Path dependencies have no source and no checksum; Syft still reports them.
    @Test func pathDependencies() throws {
        let result = cataloger.catalog(try Fixtures.tree("rust/path-deps"))
        #expect(result.nameVersions == ["app@1.0.0", "memchr@2.7.4", "telemetry@0.1.0"])
        let telemetry = try #require(result.package("telemetry"))
        #expect(telemetry.rustCrateMetadata?.source == nil)
        #expect(telemetry.rustCrateMetadata?.checksum == nil)
        #expect(result.relationships.count == 2)
    }

    @Test func imageAuditLockFile() throws {
        let result = cataloger.catalog(try Fixtures.tree("rust/image-audit"))
        #expect(result.nameVersions == [
            "argh@0.1.12", "argh_derive@0.1.12", "argh_shared@0.1.12", "hello_world@0.1.0", "proc-macro2@1.0.92", "quote@1.0.37",
            "serde@1.0.215", "serde_derive@1.0.215", "syn@2.0.90", "unicode-ident@1.0.14",
        ])
    }

    /// trivy cargo parser: v1 lock files (with a `[metadata]` checksum table), a file mixing string forms
    /// and blank lines, and a v3 file.
    @Test(arguments: [
        ("rust/trivy-cargo/cargo_normal.lock", ["idna@0.1.5", "libc@0.2.54", "matches@0.1.8", "normal@0.1.0", "percent-encoding@1.0.1",
                                               "typemap@0.3.3", "unsafe-any@0.4.2", "url@1.7.2"]),
        ("rust/trivy-cargo/cargo_mixed.lock", ["idna@0.1.5", "libc@0.2.54", "matches@0.1.8", "normal@0.1.0", "percent-encoding@1.0.1",
                                              "typemap@0.3.3", "unsafe-any@0.4.2", "url@1.7.2"]),
        ("rust/trivy-cargo/cargo_v3.lock", ["aho-corasick@0.7.20", "app@0.1.0", "libc@0.2.140", "memchr@1.0.2", "memchr@2.5.0",
                                           "regex-syntax@0.5.6", "regex-syntax@0.6.29", "regex@1.7.3", "ucd-util@0.1.10"]),
    ])
    func trivyLockFiles(_ fixture: String, _ expected: [String]) throws {
        let result = try catalog(fixture)
        #expect(result.nameVersions == expected)
        #expect(result.diagnostics.isEmpty)
    }

    /// Version 1 lock files keep checksums in `[metadata]`; they end up on their packages.
    @Test func legacyMetadataChecksums() throws {
        let result = try catalog("rust/trivy-cargo/cargo_normal.lock")
        #expect(result.package("libc")?.rustCrateMetadata?.checksum == "c6785aa7dd976f5fbf3b71cfd9cd49d7f783c1ff565a858d71031c6c313aa5c6")
    }

    /// trivy: cargo_invalid.lock must fail (`version =` has no value). The broken entry is reported by
    /// line and dropped; the well-formed entries around it are kept.
    @Test func invalidLockFile() throws {
        let result = try catalog("rust/trivy-cargo/cargo_invalid.lock")
        #expect(result.package("normal") == nil)
        #expect(result.nameVersions == ["libc@0.2.54", "typemap@0.3.3", "url@1.7.2"])
        #expect(result.diagnostics == [CatalogDiagnostic(cataloger: "rust-cargo-lock-cataloger", path: "/app/Cargo.lock",
                                                         message: "line 10: missing value at the end of the line")])
    }

    /// syft glob-paths: src/Cargo.lock is found; its content ("bogus") is not TOML.
    @Test func corruptLockFile() throws {
        let result = cataloger.catalog(try Fixtures.tree("rust/glob-paths"))
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.map(\.path) == ["/src/Cargo.lock"])
        #expect(result.diagnostics.first?.message.hasPrefix("line 1:") == true)
    }

    @Test func entryWithoutVersionIsReported() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/a/Cargo.lock", "[[package]]\nname = \"a\"\n\n[[package]]\nname = \"b\"\nversion = \"1.0.0\"\n")
        try root.write("/b/Cargo.lock", "[[package]]\nname = \"c\"\nversion = \"2.0.0\"\n")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["b@1.0.0", "c@2.0.0"])
        #expect(result.diagnostics == [CatalogDiagnostic(cataloger: "rust-cargo-lock-cataloger", path: "/a/Cargo.lock",
                                                         message: "line 1: [[package]] without a name and version")])
    }
}

@Suite struct RustAuditableBinaryCatalogerTests {
    let cataloger = CargoAuditableBinaryCataloger()

    /// What syft's image-audit test expects of its binary: `auditable` and `hello-auditable` 0.1.0, both
    /// local; a build-time crate listed beside them is left out.
    static let crates = RustTestSupport.auditJSON([
        #"{"name":"auditable","version":"0.1.0","source":"local"}"#,
        #"{"name":"hello-auditable","version":"0.1.0","source":"local","dependencies":[0,2],"root":true}"#,
        #"{"name":"proc-macro2","version":"1.0.92","source":"crates.io","kind":"build"}"#,
    ])

    /// auditable-serde writes `Source::Other` as an object.
    @Test func otherSource() throws {
        let json = RustTestSupport.auditJSON([#"{"name":"x","version":"1.0.0","source":{"other":"sparse+https://example.com/"},"kind":"runtime"}"#])
        let bytes = RustTestSupport.elf(sections: [(".dep-v0", RustTestSupport.zlib(json))])
        guard case .success(let audit?) = CargoAuditableBinaryCataloger.read(bytes) else {
            Issue.record("no audit data")
            return
        }
        #expect(audit.packages.first?.source == "sparse+https://example.com/")
    }

    @Test(arguments: [(true, false), (false, false), (true, true), (false, true)])
    func auditableBinary(is64: Bool, bigEndian: Bool) throws {
        let root = try TestRoot()
        defer { root.remove() }
        try RustTestSupport.writeBinary(root, "/usr/local/bin/hello-auditable", sections: [(".dep-v0", RustTestSupport.zlib(Self.crates))],
                                        is64: is64, bigEndian: bigEndian)
        let result = cataloger.catalog(try root.resolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == ["auditable@0.1.0", "hello-auditable@0.1.0"])
        let hello = try #require(result.package("hello-auditable"))
        let auditable = try #require(result.package("auditable"))
        #expect(hello.foundBy == "cargo-auditable-binary-cataloger")
        #expect(hello.purl == "pkg:cargo/hello-auditable@0.1.0")
        #expect(hello.type == .rustCrate)
        #expect(hello.language == "rust")
        #expect(hello.locations.map(\.path) == ["/usr/local/bin/hello-auditable"])
        #expect(hello.rustCrateMetadata == RustCrateMetadata(name: "hello-auditable", version: "0.1.0", source: "local", checksum: nil,
                                                            dependencies: ["auditable 0.1.0", "proc-macro2 1.0.92"], isRoot: true))
        #expect(result.relationships == [Relationship(parent: auditable.id, child: hello.id, kind: .dependencyOf)])
    }

    @Test func extendedSectionNumbering() throws {
        let bytes = RustTestSupport.elf(sections: [(".dep-v0", RustTestSupport.zlib(Self.crates))], extendedNumbering: true)
        let table = try ELFSectionTable.read(bytes)
        #expect(table.sections.map(\.name) == ["", ".dep-v0", ".shstrtab"])
        guard case .success(let audit?) = CargoAuditableBinaryCataloger.read(bytes) else {
            Issue.record("no audit data")
            return
        }
        #expect(audit.packages.count == 3)
    }

    /// Executables without the section, non-executable files and non-ELF files give nothing.
    @Test func otherFilesAreIgnored() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try RustTestSupport.writeBinary(root, "/usr/bin/plain", sections: [(".comment", Array("GCC".utf8))])
        try root.write("/usr/lib/libdata.so", bytes: RustTestSupport.elf(sections: [(".dep-v0", RustTestSupport.zlib(Self.crates))]))
        try root.write("/usr/bin/script", "#!/bin/sh\n" + String(repeating: "echo hello\n", count: 10))
        try root.setMode("/usr/bin/script", 0o755)
        let result = cataloger.catalog(try root.resolver())
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    /// syft Test_corruptAuditBinary and friends: each broken binary gets a diagnostic naming it, and a
    /// good binary beside them is still read.
    @Test func corruptBinaries() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let good = RustTestSupport.zlib(Self.crates)
        var flipped = good
        flipped[flipped.count - 1] ^= 0xFF
        var truncatedHeader = RustTestSupport.elf(sections: [(".dep-v0", good)])
        truncatedHeader.removeLast(100)
        let cases: [(String, [UInt8], String)] = [
            ("/bin/truncated-table", truncatedHeader, "malformed ELF file: section header"),
            ("/bin/not-zlib", RustTestSupport.elf(sections: [(".dep-v0", Array("plain text, not zlib".utf8))]), ".dep-v0 section: not a zlib stream"),
            ("/bin/short-stream", RustTestSupport.elf(sections: [(".dep-v0", Array(good.prefix(good.count / 2)))]), ".dep-v0 section: zlib stream"),
            ("/bin/bad-checksum", RustTestSupport.elf(sections: [(".dep-v0", flipped)]), ".dep-v0 section: zlib stream fails its Adler-32 check"),
            ("/bin/bad-json", RustTestSupport.elf(sections: [(".dep-v0", RustTestSupport.zlib(Array("{\"packages\": 7}".utf8)))]),
             ".dep-v0 section holds malformed dependency JSON"),
        ]
        for (path, bytes, _) in cases {
            try root.write(path, bytes: bytes)
            try root.setMode(path, 0o755)
        }
        try RustTestSupport.writeBinary(root, "/bin/good", sections: [(".dep-v0", good)])
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["auditable@0.1.0", "hello-auditable@0.1.0"])
        #expect(result.packages.allSatisfy { $0.locations.map(\.path) == ["/bin/good"] })
        for (path, _, message) in cases {
            let diagnostics = result.diagnostics(for: path)
            #expect(diagnostics.count == 1, "\(path)")
            #expect(diagnostics.first?.message.hasPrefix(message) == true, "\(path): \(diagnostics)")
        }
        #expect(result.diagnostics.count == cases.count)
    }

    @Test func sectionOutsideTheFile() {
        var bytes = RustTestSupport.elf(sections: [(".dep-v0", [1, 2, 3, 4])])
        // Point the .dep-v0 header's offset far past the end (section 1, 64-byte headers, sh_offset at +24).
        let tableOffset = Int(bytes[0x28]) | Int(bytes[0x29]) << 8
        bytes[tableOffset + 64 + 24 + 3] = 0x7F
        #expect(throws: ELFSectionTable.Malformed(message: "section .dep-v0 extends past the end of the file")) {
            let table = try ELFSectionTable.read(bytes)
            _ = try ELFSectionTable.contents(of: try #require(table.section(named: ".dep-v0")), in: bytes)
        }
    }
}

@Suite struct RustZlibTests {
    @Test(arguments: [0, 1, 100, 70_000, 300_000])
    func roundTrip(_ size: Int) throws {
        var input: [UInt8] = []
        var state: UInt32 = 12345
        for index in 0..<size {
            state = state &* 1_103_515_245 &+ 12345
            input.append(index % 3 == 0 ? UInt8(truncatingIfNeeded: state >> 16) : UInt8(index % 7))
        }
        #expect(try Zlib.inflate(RustTestSupport.zlib(input)[...], limit: 1 << 20) == input)
    }

    /// A stored (uncompressed) deflate block written by hand.
    @Test func storedBlock() throws {
        let payload = Array("hello".utf8)
        let adler = Zlib.adler32(payload)
        let stream: [UInt8] = [0x78, 0x01, 0x01, 0x05, 0x00, 0xFA, 0xFF] + payload
            + [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
        #expect(try Zlib.inflate(stream[...], limit: 100) == payload)
        #expect(Zlib.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func failures() {
        let stream = RustTestSupport.zlib([UInt8](repeating: 65, count: 10_000))
        #expect(throws: Zlib.Failure.tooLarge(limit: 100)) { try Zlib.inflate(stream[...], limit: 100) }
        #expect(throws: Zlib.Failure.badHeader) { try Zlib.inflate([0x1F, 0x8B, 8, 0, 0, 0, 0, 0][...], limit: 100) }
        #expect(throws: Zlib.Failure.truncated) { try Zlib.inflate([0x78, 0x9C][...], limit: 100) }
        #expect(throws: (any Error).self) { try Zlib.inflate(stream.prefix(6), limit: 1 << 20) }
        #expect(throws: Zlib.Failure.corrupt) { try Zlib.inflate([0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0][...], limit: 100) }
    }
}
