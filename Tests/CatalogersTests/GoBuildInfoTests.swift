@testable import Catalogers
import Testing

/// `GoBuildInfo.decode`: the modinfo text Go's linker embeds (cmd/go/internal/modload, debug/buildinfo):
/// tab-separated `path`, `mod`, `dep`, `=>` and `build` lines between two 16-byte sentinels.
@Suite struct GoBuildInfoTests {
    static func decode(_ lines: [String], version: String = "go1.21.4") -> GoBuildInfo? {
        let modinfo = GoSentinels.start + Array((lines.joined(separator: "\n") + "\n").utf8) + GoSentinels.end
        guard case .found(let info) = GoBuildInfo.decode(version: version, modinfo: modinfo) else { return nil }
        return info
    }

    @Test func moduleDependenciesReplacementsAndSettings() throws {
        let info = try #require(Self.decode([
            "path\tgithub.com/acme/server/cmd/server",
            "mod\tgithub.com/acme/server\tv1.4.2\th1:mainsum=",
            "dep\tgithub.com/pkg/errors\tv0.9.1\th1:errsum=",
            "dep\tgolang.org/x/net\tv0.17.0\th1:upstreamsum=",
            "=>\tgithub.com/acme/net-fork\tv0.17.1-acme\th1:forksum=",
            "dep\tgopkg.in/yaml.v3\tv3.0.1\t",
            "build\t-compiler=gc",
            "build\tCGO_ENABLED=0",
            "build\tGOARCH=arm64",
            "build\tGOOS=linux",
            "build\tvcs.revision=0123456789abcdef",
        ]))
        #expect(info.goVersion == "go1.21.4")
        #expect(info.main?.path == "github.com/acme/server")
        #expect(info.main?.version == "v1.4.2")
        #expect(info.main?.sum == "h1:mainsum=")
        #expect(info.dependencies.map(\.path) == ["github.com/pkg/errors", "github.com/acme/net-fork", "gopkg.in/yaml.v3"])
        #expect(info.dependencies.map(\.version) == ["v0.9.1", "v0.17.1-acme", "v3.0.1"])
        // The replacement's sum replaces the original's; an empty sum field is no sum.
        #expect(info.dependencies.map(\.sum) == ["h1:errsum=", "h1:forksum=", nil])
        #expect(info.settings == ["-compiler": "gc", "CGO_ENABLED": "0", "GOARCH": "arm64", "GOOS": "linux", "vcs.revision": "0123456789abcdef"])
    }

    /// GOPATH-mode builds (umoci from Debian) have only a `path` line: the main package is `(devel)`.
    @Test func pathOnlyMeansDevelMainPackage() throws {
        let info = try #require(Self.decode(["path\tgithub.com/opencontainers/umoci/cmd/umoci", "build\tGOARCH=amd64"], version: "go1.19.8"))
        #expect(info.main?.path == "github.com/opencontainers/umoci/cmd/umoci")
        #expect(info.main?.version == "(devel)")
        #expect(info.main?.sum == nil)
        #expect(info.dependencies.isEmpty)
    }

    @Test func modLineWinsOverPathWhateverTheOrder() throws {
        let info = try #require(Self.decode(["mod\texample.com/m\tv1.0.0\t", "path\texample.com/m/cmd/x"]))
        #expect(info.main?.path == "example.com/m")
        #expect(info.main?.version == "v1.0.0")
    }

    @Test func replacementBeforeAnyDependencyIsIgnored() throws {
        let info = try #require(Self.decode(["=>\texample.com/orphan\tv1.0.0\t", "dep\texample.com/a\tv1.0.0\t"]))
        #expect(info.dependencies.map(\.path) == ["example.com/a"])
    }

    @Test func shortOrUnknownLinesAreSkipped() throws {
        let info = try #require(Self.decode(["dep\tonly-a-path", "mod", "something\telse", "build\tno-equals-sign", "dep\texample.com/ok\tv0.0.1\t"]))
        #expect(info.main == nil)
        #expect(info.dependencies.map(\.path) == ["example.com/ok"])
        #expect(info.settings.isEmpty)
    }

    /// Without the start sentinel the bytes are read as they are.
    @Test func modinfoWithoutSentinels() throws {
        guard case .found(let info) = GoBuildInfo.decode(version: "go1.22.0", modinfo: Array("mod\texample.com/m\tv1.0.0\t\n".utf8)) else {
            Issue.record("modinfo without sentinels still decodes")
            return
        }
        #expect(info.main?.path == "example.com/m")
    }

    @Test func emptyModinfo() throws {
        guard case .found(let info) = GoBuildInfo.decode(version: "go1.22.0", modinfo: []) else {
            Issue.record("an empty modinfo still decodes")
            return
        }
        #expect(info.goVersion == "go1.22.0")
        #expect(info.main == nil)
        #expect(info.dependencies.isEmpty)
    }
}
