import Catalogers
import Foundation
import Model
import TestSupport
import Testing

/// A real Go binary: Debian's `/usr/bin/umoci` (go1.19.8, built in GOPATH mode: a `path` line, no `mod` line).
/// Without it the test is skipped, unless HAWSER_REQUIRE_INTEGRATION=1 asks for it to fail instead.
@Suite struct GoBinaryCatalogerTests {
    static let umoci = "/usr/bin/umoci"
    static let umociPresent = FileManager.default.isReadableFile(atPath: umoci)
    static let integrationRequired = ProcessInfo.processInfo.environment["HAWSER_REQUIRE_INTEGRATION"] == "1"

    @Test(.enabled(if: umociPresent || integrationRequired, "\(umoci) is not installed (set HAWSER_REQUIRE_INTEGRATION=1 to fail instead)"))
    func umociFromDebian() throws {
        try #require(Self.umociPresent, "\(Self.umoci) is missing but HAWSER_REQUIRE_INTEGRATION=1: install Debian's umoci package")
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/usr/local/bin/umoci", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: Self.umoci))))
        try root.setMode("/usr/local/bin/umoci", 0o755)

        let result = GoBinaryCataloger().catalog(try root.resolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == ["github.com/opencontainers/umoci/cmd/umoci@(devel)", "stdlib@go1.19.8"])
        #expect(result.packages.allSatisfy { $0.type == .goModule && $0.foundBy == "go-module-binary-cataloger" && $0.language == "go" })
        #expect(result.packages.allSatisfy { $0.locations.map(\.path) == ["/usr/local/bin/umoci"] })

        let stdlib = try #require(result.package("stdlib"))
        #expect(stdlib.purl == "pkg:golang/stdlib@1.19.8")
        #expect(stdlib.cpes == ["cpe:2.3:a:golang:go:1.19.8:*:*:*:*:*:*:*"])

        let main = try #require(result.package("github.com/opencontainers/umoci/cmd/umoci"))
        #expect(main.goModule?.goVersion == "go1.19.8")
        #expect(main.goModule?.mainModule == "github.com/opencontainers/umoci/cmd/umoci")
        #expect(main.goModule?.architecture == "amd64")
        #expect(main.goModule?.h1Digest == nil)
    }

    /// A file that is not executable is not opened; an executable that is not ELF is not a Go binary.
    @Test func nonBinariesAreIgnored() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/usr/bin/script", "#!/bin/sh\n" + String(repeating: "echo go buildinf\n", count: 10))
        try root.setMode("/usr/bin/script", 0o755)
        var elf: [UInt8] = [0x7f, 0x45, 0x4c, 0x46] + Array(repeating: 0, count: 200)
        elf += Array("no build info here".utf8)
        try root.write("/usr/bin/c-program", bytes: elf)
        try root.setMode("/usr/bin/c-program", 0o755)
        let result = GoBinaryCataloger().catalog(try root.resolver())
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    /// The build-info header at a 16-byte boundary, Go 1.18+ inline strings (flag 0x2), varint lengths.
    @Test func syntheticGo118BuildInfo() throws {
        let modinfo = GoSentinels.start + Array("path\texample.com/tool\nmod\texample.com/tool\tv1.2.3\th1:main=\ndep\tgolang.org/x/sys\tv0.1.0\th1:sys=\nbuild\tGOARCH=arm64\n".utf8) + GoSentinels.end
        var bytes: [UInt8] = [0x7f, 0x45, 0x4c, 0x46] + Array(repeating: 0, count: 60)
        var header: [UInt8] = [0xff] + Array(" Go buildinf:".utf8) + [8, 0x2]
        header += Array(repeating: 0, count: 32 - header.count)
        bytes += header
        for string in [Array("go1.22.5".utf8), modinfo] {
            var length = string.count  // unsigned varint, 7 bits at a time
            while length >= 0x80 {
                bytes.append(UInt8(length & 0x7f) | 0x80)
                length >>= 7
            }
            bytes.append(UInt8(length))
            bytes += string
        }
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/app/tool", bytes: bytes)
        try root.setMode("/app/tool", 0o755)
        let result = GoBinaryCataloger().catalog(try root.resolver())
        #expect(result.nameVersions == ["example.com/tool@v1.2.3", "golang.org/x/sys@v0.1.0", "stdlib@go1.22.5"])
        let sys = try #require(result.package("golang.org/x/sys"))
        #expect(sys.purl == "pkg:golang/golang.org/x/sys@v0.1.0")
        #expect(sys.goModule == GoModuleMetadata(goVersion: "go1.22.5", mainModule: "example.com/tool", h1Digest: "h1:sys=", architecture: "arm64"))
        #expect(result.package("stdlib")?.purl == "pkg:golang/stdlib@1.22.5")
    }
}
