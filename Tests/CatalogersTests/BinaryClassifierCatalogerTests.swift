@testable import Catalogers
import Cataloging
import Foundation
import Model
import Testing

/// Real runtimes of this machine copied into a root file system at the paths images use; the
/// expected version is what the binary itself reports when run. A test whose binary is missing is
/// skipped (never passes silently), unless HAWSER_REQUIRE_INTEGRATION=1 asks for a failure instead.
@Suite struct BinaryClassifierRealBinaryTests {
    static let required = ProcessInfo.processInfo.environment["HAWSER_REQUIRE_INTEGRATION"] == "1"
    static let debianPython = "/usr/bin/python3.11"
    static let debianLibpython = "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0"
    static let pyenvHome = "/root/.pyenv/versions/3.11.7"
    static let node = BinaryHost.which("node")
    static let openssl = "/usr/bin/openssl"
    static let libcrypto = "/usr/lib/x86_64-linux-gnu/libcrypto.so.3"
    static let libssl = "/usr/lib/x86_64-linux-gnu/libssl.so.3"
    static let debianJDK = "/usr/lib/jvm/java-17-openjdk-amd64"
    static let temurinJDK = "/usr/lib/jvm/temurin-25-jdk-amd64"
    static let postgres = "/usr/lib/postgresql/15/bin/postgres"

    static func present(_ paths: String...) -> Bool { paths.allSatisfy { FileManager.default.isReadableFile(atPath: $0) } }

    @Test(.enabled(if: present(debianPython, debianLibpython) || required, "Debian's python3.11 and libpython3.11 are not installed"))
    func debianPythonAndLibpython() throws {
        let truth = try BinaryHost.version(of: [Self.debianPython, "--version"], after: "Python ")
        let root = try TestRoot()
        defer { root.remove() }
        try BinaryHost.copy(Self.debianPython, to: "/usr/bin/python3.11", in: root)
        try BinaryHost.copy(Self.debianLibpython, to: "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", in: root)
        try root.symlink("/usr/bin/python3", to: "python3.11")

        let result = BinaryClassifierCataloger().catalog(try root.resolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == ["python@\(truth)"])
        let python = try #require(result.package("python"))
        // Debian's interpreter links libpython statically; the shared library is a second location.
        #expect(python.locations.map(\.path) == ["/usr/bin/python3.11", "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0"])
        #expect(python.type == .binary && python.foundBy == "binary-classifier-cataloger")
        #expect(python.purl == "pkg:generic/python@\(truth)")
        #expect(python.cpes == ["cpe:2.3:a:python_software_foundation:python:\(truth):*:*:*:*:*:*:*", "cpe:2.3:a:python:python:\(truth):*:*:*:*:*:*:*"])
    }

    /// pyenv's python3.11 is a 17 KB launcher that needs libpython3.11.so.1.0, whose version string the
    /// linker merged into the tail of the install prefix.
    @Test(.enabled(if: present(pyenvHome + "/bin/python3.11", pyenvHome + "/lib/libpython3.11.so.1.0") || required, "pyenv's Python 3.11.7 is not installed"))
    func pyenvLauncherFindsItsLibpython() throws {
        let truth = try BinaryHost.version(of: [Self.pyenvHome + "/bin/python3.11", "--version"], after: "Python ")
        let root = try TestRoot()
        defer { root.remove() }
        try BinaryHost.copy(Self.pyenvHome + "/bin/python3.11", to: "/usr/local/bin/python3.11", in: root)
        try BinaryHost.copy(Self.pyenvHome + "/lib/libpython3.11.so.1.0", to: "/usr/local/lib/libpython3.11.so.1.0", in: root)
        try root.symlink("/usr/local/lib/libpython3.11.so", to: "libpython3.11.so.1.0")

        let result = BinaryClassifierCataloger().catalog(try root.resolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == ["python@\(truth)"])
        #expect(result.package("python")?.locations.map(\.path) == ["/usr/local/bin/python3.11", "/usr/local/lib/libpython3.11.so.1.0"])
    }

    @Test(.enabled(if: node != nil || required, "node is not on PATH"))
    func nodeFromPATH() throws {
        let node = try #require(Self.node, "node is missing but HAWSER_REQUIRE_INTEGRATION=1")
        let truth = try BinaryHost.version(of: [node, "--version"], after: "v")
        let root = try TestRoot()
        defer { root.remove() }
        try BinaryHost.copy(node, to: "/usr/local/bin/node", in: root)

        let result = BinaryClassifierCataloger().catalog(try root.resolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == ["node@\(truth)"])
        #expect(result.package("node")?.purl == "pkg:generic/node@\(truth)")
        #expect(result.package("node")?.cpes == ["cpe:2.3:a:nodejs:node.js:\(truth):*:*:*:*:*:*:*"])
    }

    /// OpenSSL 3's libssl carries no version text, so only the command and libcrypto are locations.
    @Test(.enabled(if: present(openssl, libcrypto, libssl) || required, "openssl, libcrypto.so.3 or libssl.so.3 is not installed"))
    func opensslCommandAndLibraries() throws {
        let truth = try BinaryHost.version(of: [Self.openssl, "version"], after: "OpenSSL ")
        let root = try TestRoot()
        defer { root.remove() }
        try BinaryHost.copy(Self.openssl, to: "/usr/bin/openssl", in: root)
        try BinaryHost.copy(Self.libcrypto, to: "/usr/lib/x86_64-linux-gnu/libcrypto.so.3", in: root)
        try BinaryHost.copy(Self.libssl, to: "/usr/lib/x86_64-linux-gnu/libssl.so.3", in: root)

        let result = BinaryClassifierCataloger().catalog(try root.resolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == ["openssl@\(truth)"])
        let openssl = try #require(result.package("openssl"))
        #expect(openssl.locations.map(\.path) == ["/usr/bin/openssl", "/usr/lib/x86_64-linux-gnu/libcrypto.so.3"])
        #expect(openssl.purl == "pkg:generic/openssl@\(truth)")
        #expect(openssl.cpes == ["cpe:2.3:a:openssl:openssl:\(truth):*:*:*:*:*:*:*"])
    }

    /// Two JDK homes: each launcher (`java`, `jdb`) names its full version; the `release` files beside
    /// them add nothing.
    @Test(.enabled(if: present(debianJDK + "/bin/java", debianJDK + "/bin/jdb", temurinJDK + "/bin/java", temurinJDK + "/bin/jdb") || required,
                   "Debian's OpenJDK 17 or Temurin 25 is not installed"))
    func openJDKLaunchers() throws {
        let root = try TestRoot()
        defer { root.remove() }
        var expected: [String] = []
        for (home, imageHome) in [(Self.debianJDK, "/usr/lib/jvm/java-17-openjdk-amd64"), (Self.temurinJDK, "/opt/java/openjdk")] {
            // `java -version` prints "OpenJDK Runtime Environment … (build 17.0.15+6-Debian-1deb12u1)".
            let truth = try BinaryHost.version(of: [home + "/bin/java", "-version"], after: "(build ", terminator: ")")
            expected.append("openjdk@\(truth)")
            for file in ["bin/java", "bin/jdb", "release"] {
                try BinaryHost.copy(home + "/" + file, to: imageHome + "/" + file, in: root)
            }
        }
        let result = BinaryClassifierCataloger().catalog(try root.resolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == expected.sorted())
        for package in result.packages {
            let home = package.locations.first.map { ($0.path as NSString).deletingLastPathComponent } ?? ""
            #expect(package.locations.map(\.path) == [home + "/java", home + "/jdb"])
            #expect(package.purl == PURL(type: "generic", namespace: "oracle", name: "openjdk", version: package.version).description)
            #expect(package.cpes == [CPE.make(vendor: "oracle", product: "openjdk", version: package.version)])
        }
        let debian = try #require(result.packages.first { $0.locations.first?.path.hasPrefix("/usr/lib/jvm") == true })
        #expect(debian.purl == "pkg:generic/oracle/openjdk@\(debian.version.replacingOccurrences(of: "+", with: "%2B"))")
    }

    @Test(.enabled(if: present(postgres) || required, "PostgreSQL 15 is not installed"))
    func postgresServer() throws {
        // postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)
        let truth = try BinaryHost.version(of: [Self.postgres, "--version"], after: "(PostgreSQL) ")
        let root = try TestRoot()
        defer { root.remove() }
        try BinaryHost.copy(Self.postgres, to: "/usr/lib/postgresql/15/bin/postgres", in: root)
        let result = BinaryClassifierCataloger().catalog(try root.resolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == ["postgresql@\(truth)"])
        #expect(result.package("postgresql")?.cpes == ["cpe:2.3:a:postgresql:postgresql:\(truth):*:*:*:*:*:*:*"])
    }

    @Test(.enabled(if: present("/usr/bin/bash", "/usr/bin/curl", "/usr/bin/xz") || required, "bash, curl or xz is not installed"))
    func bashCurlXZ() throws {
        let bash = try BinaryHost.version(of: ["/usr/bin/bash", "--version"], after: "version ", terminator: "(")
        let curl = try BinaryHost.version(of: ["/usr/bin/curl", "--version"], after: "curl ")
        let xz = try BinaryHost.version(of: ["/usr/bin/xz", "--version"], after: "xz (XZ Utils) ")
        let root = try TestRoot()
        defer { root.remove() }
        for tool in ["bash", "curl", "xz"] { try BinaryHost.copy("/usr/bin/" + tool, to: "/usr/bin/" + tool, in: root) }
        let result = BinaryClassifierCataloger().catalog(try root.resolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == ["bash@\(bash)", "curl@\(curl)", "xz@\(xz)"])
    }
}

/// Files made of the exact byte strings real builds carry, for binaries this machine lacks, and
/// near misses that must yield nothing.
@Suite struct BinaryClassifierSyntheticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var path: String
        var bytes: [UInt8]
        var expected: [String]
        /// Which real string the bytes mimic.
        var mimics: String
        var testDescription: String { "\(path): \(mimics)" }

        /// Binary files get an ELF-looking frame around the text; `text: true` writes it as is.
        init(_ path: String, _ text: String, _ expected: [String], mimics: String, textFile: Bool = false) {
            self.path = path
            self.bytes = textFile ? Array(text.utf8) : BinaryHost.padded(text)
            self.expected = expected
            self.mimics = mimics
        }
    }

    static let positives: [Case] = [
        Case("/usr/local/bin/python3.12", "pymalloc_debug\u{0}3.12.1\u{0}strict\u{0}", ["python@3.12.1"],
             mimics: "PY_VERSION beside its neighbours in Debian's python3.11 (alloc[NUL]pymalloc_debug[NUL]3.11.2[NUL]strict)"),
        Case("/usr/lib/libpython2.7.so.1.0", "%s: '%s'\u{0}2.7.18\u{0}%.80s (%.80s) %.80s\u{0}", ["python@2.7.18"],
             mimics: "PY_VERSION before Py_GetVersion's format in libpython"),
        Case("/opt/python/lib/libpython3.9.so.1.0", "EXEC_PREFIX\u{0}/opt/python/3.9.18\u{0}VPATH\u{0}", ["python@3.9.18"],
             mimics: "a tail-merged PY_VERSION at the end of the install prefix (pyenv's /root/.pyenv/versions/3.11.7)"),
        Case("/usr/lib/go-1.19/bin/go", "\u{2}\u{0}\u{0}go1.19.8\u{0}runtime/cgo: \u{0}", ["go@1.19.8"],
             mimics: "runtime.buildVersion in Debian bookworm's golang-1.19-go"),
        Case("/usr/lib/go-1.19/VERSION", "go1.19.8", ["go@1.19.8"], mimics: "Debian's $GOROOT/VERSION (no newline)", textFile: true),
        Case("/usr/local/go/VERSION", "go1.22rc1\ntime 2023-12-19T20:43:45Z\n", ["go@1.22rc1"], mimics: "$GOROOT/VERSION of a release candidate", textFile: true),
        Case("/usr/lib/jvm/java-8/jre/bin/java", "NOTE: Picked up %s: %s\u{0}openjdk\u{0}java\u{0}1.8\u{0}1.8.0_352-b08\u{0}-J-ms8m\u{0}",
             ["openjdk@1.8.0_352-b08"], mimics: "OpenJDK 8's launcher (x86-64 layout)"),
        Case("/opt/java/bin/java", "\u{0}0.0\u{0}\u{0}\u{0}\u{0}\u{0}11.0.22+7\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}openjdk\u{0}java\u{0}",
             ["openjdk@11.0.22+7"], mimics: "OpenJDK 11's launcher (arm64 layout)"),
        Case("/opt/graalvm/bin/java", "\u{0}17.0.8+9-jvmci-23.0-b15\u{0}", ["graalvm@17.0.8+9-jvmci-23.0-b15"], mimics: "GraalVM's launcher"),
        Case("/opt/oracle-jdk/bin/java", "\u{0}java\u{0}19.0.1+10-21\u{0}-J-ms8m\u{0}", ["jre@19.0.1+10-21"], mimics: "Oracle JDK 19's launcher"),
        Case("/usr/lib/jvm/java-11/bin/jdb", "\u{0}openjdk\u{0}jdb\u{0}0.0\u{0}11.0.21+9-post-Debian-1deb11u1\u{0}-J-ms8m\u{0}",
             ["openjdk@11.0.21+9-post-Debian-1deb11u1"], mimics: "OpenJDK's jdb launcher"),
        Case("/usr/local/bin/node", "\u{0}node v0.10.48\u{0}", ["node@0.10.48"], mimics: "Node.js 0.10"),
        Case("/usr/bin/node", "\u{0}v4.9.1\u{0}", ["node@4.9.1"], mimics: "Node.js 4"),
        Case("/bin/busybox", "\u{0}BusyBox v1.36.1 (2023-07-27 17:12:24 UTC)\u{0}", ["busybox@1.36.1"], mimics: "Alpine's BusyBox banner"),
        Case("/usr/bin/busybox", "out of memory\u{0}BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)\u{0}", ["busybox@1.35.0"],
             mimics: "Debian bookworm's BusyBox banner"),
        Case("/usr/lib/libssl.so.1.1", "\u{0}OpenSSL 1.1.1w  11 Sep 2023\u{0}", ["openssl@1.1.1w"], mimics: "libssl 1.1's SSL_version_str"),
        Case("/lib/libssl.so.1.0.0", "\u{0}SSLv3 part of OpenSSL 1.0.2u  20 Dec 2019\u{0}", ["openssl@1.0.2u"], mimics: "libssl 1.0's SSL_version_str"),
        Case("/usr/sbin/nginx", "invalid option: \"%c\"\u{0}nginx version: nginx/1.22.1\n\u{0}OpenSSL 3.0.22 25 Aug 2026\u{0}", ["nginx@1.22.1"],
             mimics: "nginx -v's text in Debian bookworm's nginx (the OpenSSL text after it is not OpenSSL's package)"),
        Case("/usr/local/openresty/nginx/sbin/nginx", "\u{0}nginx version: openresty/1.21.4.1\n\u{0}", ["nginx@1.21.4"],
             mimics: "OpenResty's nginx (the nginx part of its version)"),
        Case("/usr/local/bin/redis-server", "\u{0}7.0.14buildkitsandbox-1702957741000000000\u{0}", ["redis@7.0.14"], mimics: "Redis 7 built by BuildKit"),
        Case("/usr/bin/redis-server", "\u{0}4.0.11841ce7054bd9-1542359302000000000\u{0}", ["redis@4.0.11"], mimics: "Redis 4 built in a container"),
        Case("/usr/sbin/redis-server", "Server started, Redis version 2.8.23\u{0}", ["redis@2.8.23"], mimics: "Redis 2's start-up log line"),
        Case("/usr/local/bin/redis-server", "\u{0}err\u{0}7.0.15\u{0}c11-builtin\u{0}\u{b}\u{0}\u{0}\u{0}\n\u{0}A7.0.151790282056000000000\u{0}%llx\u{0}",
             ["redis@7.0.15"], mimics: "Debian bookworm's reproducible build (REDIS_VERSION, epoch, dirty count and SHA1 run together, after a constant's 'A')"),
        Case("/usr/lib/postgresql/16/bin/postgres", "-lz -lreadline -lm \u{0}PostgreSQL 16beta2\u{0}", ["postgresql@16beta2"], mimics: "a PostgreSQL beta"),
        Case("/usr/sbin/httpd", "\u{0}Apache/2.4.54 (Unix)\u{0}", ["httpd@2.4.54"], mimics: "httpd's server token"),
        Case("/usr/bin/memcached", "\u{0}memcached 1.6.18\u{0}", ["memcached@1.6.18"], mimics: "memcached -V"),
        Case("/usr/sbin/haproxy", "HAProxy version 2.7.3-1065b10 2023/02/14 - https://haproxy.org/\u{0}version 2.7.3-1065b10, released 2023/02/14\u{0}",
             ["haproxy@2.7.3"], mimics: "HAProxy 2.7's banner"),
        Case("/usr/local/sbin/haproxy", "\u{0}HA-Proxy version 1.5.14 2015/07/02\u{0}", ["haproxy@1.5.14"], mimics: "HAProxy 1.5's banner"),
    ]

    static let nearMisses: [Case] = [
        Case("/usr/bin/python3.11", "\u{0}3.12.1\u{0}\u{0}3.11\u{0}", [], mimics: "another Python's version, and a bare major.minor"),
        Case("/usr/bin/python3", "\u{0}3.11.2\u{0}", [], mimics: "a file name without the minor version to anchor on"),
        Case("/usr/local/go/bin/go", "requires go1.21.3 or later", [], mimics: "a Go version inside a message"),
        Case("/usr/local/go/VERSION", "version go1.21.3\n", [], mimics: "a Go version not at the start of a line", textFile: true),
        Case("/usr/bin/java", "\u{0}openjdk\u{0}javac\u{0}0.0\u{0}17.0.1\u{0}", [], mimics: "another launcher's strings"),
        Case("/usr/bin/node", "\u{0}node.js/v20\u{0}\u{0}v20.1.0\u{0}", [], mimics: "a partial user agent and a modern bare version"),
        Case("/bin/busybox", "BusyBox v1.36 (2023)", [], mimics: "a two-part version"),
        Case("/bin/sh", "\u{0}BusyBox v1.36.1 (2023-07-27)\u{0}", [], mimics: "the banner in a file not named busybox"),
        Case("/usr/bin/openssl", "built with OpenSSL 3.0.19 27 Jan 2026", [], mimics: "OpenSSL named inside a sentence"),
        Case("/usr/sbin/nginx", "\u{0}nginx version: %s\n\u{0}", [], mimics: "the format string without a version"),
        Case("/usr/bin/redis-server", "\u{0}7.0.14buildkit-1702957741\u{0}", [], mimics: "a build ID from an unknown builder"),
        Case("/usr/bin/redis-server", "\u{0}err\u{0}7.0.15\u{0}c11-builtin\u{0}", [], mimics: "REDIS_VERSION alone, as every build also carries it"),
        Case("/usr/lib/postgresql/15/bin/postgres", "before upgrading to PostgreSQL 9.1.\u{0}", [], mimics: "a message in the real postgres binary"),
    ]

    @Test(arguments: positives)
    func recognizes(_ fixture: Case) throws {
        let result = try Self.catalog([fixture])
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == fixture.expected)
        #expect(result.packages.first?.locations.map(\.path) == [fixture.path])
    }

    @Test(arguments: nearMisses)
    func ignoresNearMiss(_ fixture: Case) throws {
        let result = try Self.catalog([fixture])
        #expect(result.diagnostics.isEmpty)
        #expect(result.packages.isEmpty)
    }

    @Test func identitiesFollowSyft() throws {
        let result = try Self.catalog([
            Case("/usr/lib/jvm/java-8/bin/java", "\u{0}openjdk\u{0}java\u{0}1.8\u{0}1.8.0_352-b08\u{0}", [], mimics: "OpenJDK 8"),
            Case("/usr/sbin/nginx", "\u{0}nginx version: nginx/1.25.1\n", [], mimics: "nginx"),
            Case("/usr/bin/redis-server", "\u{0}7.0.14buildkitsandbox-1702957741000000000\u{0}", [], mimics: "Redis"),
            Case("/usr/local/go/bin/go", "\u{0}go1.21.3\u{0}", [], mimics: "Go"),
            Case("/bin/busybox", "\u{0}BusyBox v1.36.1 (2023)\u{0}", [], mimics: "BusyBox"),
            Case("/opt/graalvm/bin/java", "\u{0}17.0.8+9-jvmci-23.0-b15\u{0}", [], mimics: "GraalVM"),
        ])
        let java = try #require(result.package("openjdk"))
        #expect(java.purl == "pkg:generic/oracle/openjdk@1.8.0_352-b08")
        #expect(java.cpes == ["cpe:2.3:a:oracle:openjdk:1.8.0:update352:*:*:*:*:*:*"])
        #expect(result.package("nginx")?.cpes == ["cpe:2.3:a:f5:nginx:1.25.1:*:*:*:*:*:*:*", "cpe:2.3:a:nginx:nginx:1.25.1:*:*:*:*:*:*:*"])
        #expect(result.package("redis")?.cpes == ["cpe:2.3:a:redislabs:redis:7.0.14:*:*:*:*:*:*:*", "cpe:2.3:a:redis:redis:7.0.14:*:*:*:*:*:*:*"])
        #expect(result.package("go")?.purl == "pkg:generic/go@1.21.3")
        #expect(result.package("go")?.cpes == ["cpe:2.3:a:golang:go:1.21.3:*:*:*:*:*:*:*"])
        #expect(result.package("busybox")?.cpes == ["cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*"])
        #expect(result.package("graalvm")?.purl == "pkg:generic/oracle/graalvm@17.0.8%2B9-jvmci-23.0-b15")
        #expect(result.packages.allSatisfy { $0.type == .binary && $0.foundBy == "binary-classifier-cataloger" && $0.metadata == nil })
    }

    /// A Go installation's binary and VERSION file are one package with two locations; so are the
    /// same OpenSSL in two places.
    @Test func sameNameAndVersionMerge() throws {
        let result = try Self.catalog([
            Case("/usr/local/go/bin/go", "\u{0}go1.21.3\u{0}", [], mimics: "go binary"),
            Case("/usr/local/go/VERSION", "go1.21.3\ntime 2023-10-09T17:04:35Z\n", [], mimics: "VERSION", textFile: true),
            Case("/usr/bin/openssl", "\u{0}OpenSSL 3.1.4 24 Oct 2023\u{0}", [], mimics: "openssl"),
            Case("/usr/lib/libcrypto.so.3", "\u{0}OpenSSL 3.1.4 24 Oct 2023\u{0}", [], mimics: "libcrypto"),
            Case("/opt/other/lib/libcrypto.so.3", "\u{0}OpenSSL 3.0.2 15 Mar 2022\u{0}", [], mimics: "another libcrypto"),
        ])
        #expect(result.nameVersions == ["go@1.21.3", "openssl@3.0.2", "openssl@3.1.4"])
        #expect(result.package("go")?.locations.map(\.path) == ["/usr/local/go/bin/go", "/usr/local/go/VERSION"])
        #expect(result.packages.first { $0.version == "3.1.4" }?.locations.map(\.path) == ["/usr/bin/openssl", "/usr/lib/libcrypto.so.3"])
    }

    /// The `release` file speaks for a JDK home only when its launcher said nothing.
    @Test func jdkReleaseFile() throws {
        let release = "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_RUNTIME_VERSION=\"21.0.2+13-LTS\"\nJAVA_VERSION=\"21.0.2\"\n"
        let result = try Self.catalog([
            Case("/opt/java/openjdk/release", release, [], mimics: "Temurin 21's release file", textFile: true),
            Case("/opt/java/openjdk/bin/java", "no launcher strings", [], mimics: "a stripped launcher"),
            Case("/usr/lib/jvm/java-8/release", "JAVA_VERSION=\"1.8.0_352\"\nOS_NAME=\"Linux\"\n", [], mimics: "OpenJDK 8's release file", textFile: true),
            Case("/usr/lib/jvm/java-17/release", "JAVA_RUNTIME_VERSION=\"17.0.9+9\"\n", [], mimics: "release beside a recognized launcher", textFile: true),
            Case("/usr/lib/jvm/java-17/bin/java", "\u{0}openjdk\u{0}java\u{0}0.0\u{0}17.0.9+9-Ubuntu\u{0}", [], mimics: "the launcher"),
            Case("/etc/release", "NAME=\"Some OS\"\nVERSION=\"1.2.3\"\n", [], mimics: "an unrelated release file", textFile: true),
        ])
        #expect(result.nameVersions == ["openjdk@1.8.0_352", "openjdk@17.0.9+9-Ubuntu", "openjdk@21.0.2+13-LTS"])
        #expect(result.packages.first { $0.version == "17.0.9+9-Ubuntu" }?.locations.map(\.path) == ["/usr/lib/jvm/java-17/bin/java"])
        #expect(result.packages.first { $0.version == "21.0.2+13-LTS" }?.locations.map(\.path) == ["/opt/java/openjdk/release"])
    }

    /// A symlink the glob selects stands for its target, reported at the target's path once.
    @Test func symlinkedNamesStandForTheirTargets() throws {
        let root = try TestRoot()
        defer { root.remove() }
        // Debian's /usr/bin/redis-server → redis-check-rdb; the java alternatives chain.
        try root.write("/usr/bin/redis-check-rdb", bytes: BinaryHost.padded("\u{0}7.0.151790282056000000000\u{0}"))
        try root.symlink("/usr/bin/redis-server", to: "redis-check-rdb")
        try root.write("/usr/lib/jvm/java-17/bin/java", bytes: BinaryHost.padded("\u{0}openjdk\u{0}java\u{0}0.0\u{0}17.0.9+9\u{0}"))
        try root.symlink("/etc/alternatives/java", to: "/usr/lib/jvm/java-17/bin/java")
        try root.symlink("/usr/bin/java", to: "/etc/alternatives/java")
        try root.symlink("/usr/bin/node", to: "/nowhere/node")
        let result = BinaryClassifierCataloger().catalog(try root.resolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == ["openjdk@17.0.9+9", "redis@7.0.15"])
        #expect(result.package("redis")?.locations.map(\.path) == ["/usr/bin/redis-check-rdb"])
        #expect(result.package("openjdk")?.locations.map(\.path) == ["/usr/lib/jvm/java-17/bin/java"])
    }

    /// A launcher found by its `DT_NEEDED` entry takes the version of the library, in whatever
    /// directory the image keeps it.
    @Test func launcherNeedsLibpython() throws {
        let launcher = BinaryELF.make(needed: ["libpython3.12.so.1.0", "libc.so.6"])
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/usr/local/bin/python3.12", bytes: launcher)
        try root.write("/usr/local/lib/libpython3.12.so.1.0", bytes: BinaryHost.padded("\u{0}3.12.4\u{0}%.80s (%.80s) %.80s"))
        try root.symlink("/usr/lib/libpython3.12.so.1.0", to: "/usr/local/lib/libpython3.12.so.1.0")
        let result = BinaryClassifierCataloger().catalog(try root.resolver())
        #expect(result.diagnostics.isEmpty)
        #expect(result.nameVersions == ["python@3.12.4"])
        #expect(result.package("python")?.locations.map(\.path) == ["/usr/local/bin/python3.12", "/usr/local/lib/libpython3.12.so.1.0"])
    }

    /// A file that vanished after the tree was read, and one over the size limit, are diagnostics.
    @Test func unreadableAndOversizedFilesAreDiagnostics() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/usr/bin/node", bytes: BinaryHost.padded("node.js/v20.1.0"))
        try root.write("/bin/busybox", bytes: BinaryHost.padded("\u{0}BusyBox v1.36.1 (2023)\u{0}"))
        try root.write("/usr/sbin/nginx", bytes: BinaryHost.padded("\u{0}nginx version: nginx/1.25.1\n") + Array(repeating: 0, count: 4096))
        let resolver = try root.resolver()
        try FileManager.default.removeItem(atPath: root.host("/usr/bin/node"))

        let result = BinaryClassifierCataloger(classifiers: BinaryClassifier.defaults, maxFileBytes: 2048).catalog(resolver)
        #expect(result.nameVersions == ["busybox@1.36.1"])
        #expect(result.diagnostics(for: "/usr/bin/node").count == 1)
        #expect(result.diagnostics(for: "/usr/sbin/nginx").first?.message.contains("limit") == true)
        #expect(result.diagnostics.allSatisfy { $0.cataloger == "binary-classifier-cataloger" })
    }

    static func catalog(_ fixtures: [Case]) throws -> CatalogResult {
        let root = try TestRoot()
        defer { root.remove() }
        for fixture in fixtures {
            try root.write(fixture.path, bytes: fixture.bytes)
            try root.setMode(fixture.path, 0o755)
        }
        return BinaryClassifierCataloger().catalog(try root.resolver())
    }
}

/// Host helpers: locating, running and copying real binaries.
enum BinaryHost {
    static func which(_ name: String) -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a command and returns the text between `marker` and the next `terminator` (or white space)
    /// in its combined output: `Python 3.11.2` → `3.11.2`.
    static func version(of command: [String], after marker: String, terminator: Character? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let range = try #require(output.range(of: marker), "\(command.joined(separator: " ")) printed no \(marker): \(output)")
        let rest = output[range.upperBound...]
        let version = rest.prefix { $0 != terminator && !$0.isWhitespace }
        try #require(!version.isEmpty)
        return String(version)
    }

    static func copy(_ host: String, to imagePath: String, in root: TestRoot) throws {
        let destination = root.host(imagePath)
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: host, toPath: destination)
    }

    /// An ELF-looking header, filler, the text, filler: signatures sit inside binaries, never alone.
    static func padded(_ text: String) -> [UInt8] {
        [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0] + Array(repeating: 0xcc, count: 120) + Array(text.utf8) + Array(repeating: 0x90, count: 64)
    }
}

/// Minimal 64-bit little-endian ELF files: one PT_LOAD mapping the file at address 0x400000, one
/// PT_DYNAMIC with DT_NEEDED entries, DT_STRTAB and DT_STRSZ.
enum BinaryELF {
    static func make(needed: [String]) -> [UInt8] {
        let base = 0x400000
        var strings: [UInt8] = [0]
        var offsets: [Int] = []
        for name in needed {
            offsets.append(strings.count)
            strings += Array(name.utf8) + [0]
        }
        let headerSize = 64, programHeaderSize = 56
        let stringsOffset = headerSize + 2 * programHeaderSize
        let dynamicOffset = (stringsOffset + strings.count + 7) / 8 * 8
        var dynamic: [(Int, Int)] = offsets.map { (1, $0) }
        dynamic += [(5, base + stringsOffset), (10, strings.count), (0, 0)]
        let total = dynamicOffset + dynamic.count * 16

        var bytes = [UInt8](repeating: 0, count: total)
        func put(_ value: Int, at offset: Int, size: Int) {
            for index in 0..<size { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
        }
        bytes.replaceSubrange(0..<8, with: [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])
        put(3, at: 16, size: 2)  // ET_DYN
        put(62, at: 18, size: 2)  // x86-64
        put(headerSize, at: 32, size: 8)  // e_phoff
        put(headerSize, at: 52, size: 2)  // e_ehsize
        put(programHeaderSize, at: 54, size: 2)
        put(2, at: 56, size: 2)  // e_phnum
        // PT_LOAD over the whole file.
        put(1, at: headerSize, size: 4)
        put(0, at: headerSize + 8, size: 8)
        put(base, at: headerSize + 16, size: 8)
        put(total, at: headerSize + 32, size: 8)
        put(total, at: headerSize + 40, size: 8)
        // PT_DYNAMIC.
        let dynamicHeader = headerSize + programHeaderSize
        put(2, at: dynamicHeader, size: 4)
        put(dynamicOffset, at: dynamicHeader + 8, size: 8)
        put(base + dynamicOffset, at: dynamicHeader + 16, size: 8)
        put(dynamic.count * 16, at: dynamicHeader + 32, size: 8)
        put(dynamic.count * 16, at: dynamicHeader + 40, size: 8)
        bytes.replaceSubrange(stringsOffset..<(stringsOffset + strings.count), with: strings)
        for (index, (tag, value)) in dynamic.enumerated() {
            put(tag, at: dynamicOffset + index * 16, size: 8)
            put(value, at: dynamicOffset + index * 16 + 8, size: 8)
        }
        return bytes
    }
}
