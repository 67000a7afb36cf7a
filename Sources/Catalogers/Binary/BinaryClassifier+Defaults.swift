/// The classifiers Hawser runs, in order (the first one to claim a package keeps its position; later
/// hits on the same name and version add locations). Patterns follow Syft's `classifiers.go` and
/// `classifiers_java.go`; each comment quotes the bytes real builds carry ([NUL] is a zero byte).
extension BinaryClassifier {
    static let defaults: [BinaryClassifier] = [
        // MARK: Python
        BinaryClassifier(name: "python-binary", globs: ["**/python*"], fileName: #"python(?<version>[0-9]+(?:\.[0-9]+)+)"#,
                         package: .python,
                         evidence: [.sharedLibrary(named: libpythonName, evidence: pythonEvidence)] + pythonEvidence),
        BinaryClassifier(name: "python-binary-lib", globs: ["**/libpython*.so*"], fileName: libpythonName, package: .python,
                         evidence: pythonEvidence),

        // MARK: Go toolchain
        // runtime.buildVersion: go1.21.3[NUL]
        BinaryClassifier(name: "go-binary", globs: ["**/go"], package: .go, evidence: [
            .contents(BinaryPattern(anchor: "go1.", #"go(?<version>1\.[0-9]+(?:\.[0-9]+|beta[0-9]+|alpha[0-9]+|rc[0-9]+)?)\x00"#)),
        ]),
        // $GOROOT/VERSION starts with the release: go1.21.3\ntime 2023-10-09T17:04:35Z
        BinaryClassifier(name: "go-binary-hint", globs: ["**/VERSION"], package: .go, evidence: [
            .contents(BinaryPattern(anchor: "go1.", #"(?:^|\n)go(?<version>1\.[0-9]+(?:\.[0-9]+|beta[0-9]+|alpha[0-9]+|rc[0-9]+)?)(?![0-9A-Za-z.])"#,
                                    before: 1)),
        ]),

        // MARK: Java
        BinaryClassifier(name: "java-binary", globs: ["**/java"], package: .openJDK, evidence: javaLauncherEvidence(program: "java", fallback: .oracleJRE)),
        BinaryClassifier(name: "java-jdb-binary", globs: ["**/jdb"], package: .openJDK, evidence: javaLauncherEvidence(program: "jdb", fallback: .oracleJDK)),
        // A JDK's `release` file (JAVA_RUNTIME_VERSION="17.0.15+6-Debian-1deb12u1", JAVA_VERSION="17.0.15"): only
        // for a JDK home whose launcher said nothing. It names no vendor, so it reports OpenJDK.
        BinaryClassifier(name: "java-release-file", globs: ["**/release"], package: .openJDK, evidence: [
            .contents(BinaryPattern(anchor: "JAVA_RUNTIME_VERSION=\"", #"(?:^|\n)JAVA_RUNTIME_VERSION="(?<version>[0-9][^"\n]*)""#, before: 1)),
            .contents(BinaryPattern(anchor: "JAVA_VERSION=\"", #"(?:^|\n)JAVA_VERSION="(?<version>[0-9][^"\n]*)""#, before: 1)),
        ], yieldsTo: ["bin/java", "jre/bin/java"]),

        // MARK: Node.js
        BinaryClassifier(name: "nodejs-binary", globs: ["**/node"], package: .node, evidence: [
            // The inspector's "Browser": node.js/v20.20.2 (every release with an inspector, 6.3 on).
            .contents(BinaryPattern(anchor: "node.js/v", #"node\.js/v(?<version>[0-9]+\.[0-9]+\.[0-9]+)"#)),
            // Older releases: [NUL]node v0.10.48[NUL], [NUL]v0.12.18[NUL], [NUL]v4.9.1[NUL]
            .contents(BinaryPattern(anchors: ["\u{0}node v", "\u{0}v0.", "\u{0}v4.", "\u{0}v5.", "\u{0}v6."],
                                    #"\x00(?:node )?v(?<version>(?:0|4|5|6)\.[0-9]+\.[0-9]+)\x00"#)),
        ]),

        // MARK: BusyBox
        // The banner: BusyBox v1.36.1 (2023-07-27 17:12:24 UTC)
        BinaryClassifier(name: "busybox-binary", globs: ["**/busybox"], package: .busybox, evidence: [
            .contents(BinaryPattern(anchor: "BusyBox", #"BusyBox\s+v(?<version>[0-9]+\.[0-9]+\.[0-9]+)"#)),
        ]),

        // MARK: OpenSSL
        // OPENSSL_VERSION_TEXT: [NUL]OpenSSL 3.0.19 27 Jan 2026[NUL], [NUL]OpenSSL 1.1.1w  11 Sep 2023[NUL]
        BinaryClassifier(name: "openssl-binary", globs: ["**/openssl"], package: .openSSL, evidence: [.contents(openSSLVersion)]),
        // libcrypto carries the same text in every version; libssl did up to 1.1.1 (SSL_version_str, and
        // "SSLv3 part of OpenSSL 1.0.2u  20 Dec 2019" before 1.1). libssl.so.3 carries none.
        BinaryClassifier(name: "openssl-library", globs: ["**/libcrypto*.so*", "**/libssl*.so*"], package: .openSSL, evidence: [
            .contents(openSSLVersion),
        ]),

        // MARK: nginx
        // [NUL]nginx version: nginx/1.25.1 ; [NUL]nginx version: openresty/1.21.4.1 (the nginx part: 1.21.4)
        BinaryClassifier(name: "nginx-binary", globs: ["**/nginx"], package: .nginx, evidence: [
            .contents(BinaryPattern(anchor: "nginx version: ",
                                    #"(?:\x00|\?)nginx version: [^/\x00]+/(?<version>[0-9]+\.[0-9]+\.[0-9]+(?:\+[0-9]+)?(?:-[0-9]+)?)"#, before: 1)),
        ]),

        // MARK: Redis
        // The build ID string is REDIS_VERSION, the build host and a timestamp run together.
        BinaryClassifier(name: "redis-binary", globs: ["**/redis-server"], package: .redis, evidence: [
            // Redis 7 images built by BuildKit: 7.0.14buildkitsandbox-1702957741000000000
            .contents(BinaryPattern(anchor: "buildkitsandbox-", #"[^0-9](?<version>[0-9]+\.[0-9]+\.[0-9]+)buildkitsandbox-[0-9]+"#, before: 24)),
            // Redis 3–6 built in a container whose host name is its 12-character ID: 4.0.11841ce7054bd9-1542359302000000000
            // (the anchor: build timestamps from 2001 to 2033 start with 1).
            .contents(BinaryPattern(anchor: "-1", #"[^0-9](?<version>[0-9]+\.[0-9]+\.[0-9]+)[A-Za-z0-9_]{12}-1[0-9]+"#, before: 28, after: 32)),
            // Redis 2: Server started, Redis version 2.8.23
            .contents(BinaryPattern(anchor: "Redis version ", #"Redis version (?<version>[0-9]+\.[0-9]+\.[0-9]+)"#)),
            // Reproducible builds (SOURCE_DATE_EPOCH, as Debian's) drop the host: version, epoch, then the git
            // dirty count 0 and SHA1 00000000 of a tarball build. In bookworm's 7.0.15 a constant's last byte
            // runs into it: \xdfA7.0.151790282056000000000[NUL]
            .contents(BinaryPattern(anchor: "000000000\u{0}", #"[^0-9.](?<version>[0-9]+\.[0-9]+\.[0-9]+)1[0-9]{9}000000000\x00"#,
                                    before: 48, after: 0)),
        ]),

        // MARK: PostgreSQL
        // [NUL]PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu ; [NUL]PostgreSQL 15beta4 ; ?PostgreSQL 9.5alpha1
        BinaryClassifier(name: "postgresql-binary", globs: ["**/postgres"], package: .postgreSQL, evidence: [
            .contents(BinaryPattern(anchor: "PostgreSQL ",
                                    #"(?:\x00|\?)PostgreSQL (?<version>[0-9]+(?:\.[0-9]+)?(?:\.[0-9]+)?(?:alpha[0-9]+|beta[0-9]+|rc[0-9]+)?)"#, before: 1)),
        ]),

        // MARK: Others Syft classifies
        // @(#)Bash version 5.2.15(1) release GNU
        BinaryClassifier(name: "bash-binary", globs: ["**/bash"], package: Identity(name: "bash", cpes: [CPEProduct("gnu", "bash")]), evidence: [
            .contents(BinaryPattern(anchor: "@(#)Bash version ", #"@\(#\)Bash version (?<version>[0-9]+\.[0-9]+\.[0-9]+)\([0-9]+\) [a-z0-9]+ GNU"#)),
        ]),
        // The default user agent: [NUL]curl/7.88.1[NUL]
        BinaryClassifier(name: "curl-binary", globs: ["**/curl"], package: Identity(name: "curl", cpes: [CPEProduct("haxx", "curl")]), evidence: [
            .contents(BinaryPattern(anchor: "curl/", #"curl/(?<version>[0-9]+\.[0-9]+\.[0-9]+)"#)),
        ]),
        // [NUL]xz (XZ Utils) 5.4.1[NUL]
        BinaryClassifier(name: "xz-binary", globs: ["**/xz"], package: Identity(name: "xz", cpes: [CPEProduct("tukaani", "xz")]), evidence: [
            .contents(BinaryPattern(anchor: "\u{0}xz (XZ Utils) ", #"\x00xz \(XZ Utils\) (?<version>[0-9]+\.[0-9]+\.[0-9]+)\x00"#)),
        ]),
        // The server token: Apache/2.4.54
        BinaryClassifier(name: "httpd-binary", globs: ["**/httpd"], package: Identity(name: "httpd", cpes: [CPEProduct("apache", "http_server")]), evidence: [
            .contents(BinaryPattern(anchor: "Apache/", #"Apache/(?<version>[0-9]+\.[0-9]+\.[0-9]+)"#)),
        ]),
        // memcached 1.6.18
        BinaryClassifier(name: "memcached-binary", globs: ["**/memcached"], package: Identity(name: "memcached", cpes: [CPEProduct("memcached", "memcached")]),
                         evidence: [.contents(BinaryPattern(anchor: "memcached", #"memcached\s(?<version>[0-9]+\.[0-9]+\.[0-9]+)"#))]),
        BinaryClassifier(name: "haproxy-binary", globs: ["**/haproxy"], package: Identity(name: "haproxy", cpes: [CPEProduct("haproxy", "haproxy")]), evidence: [
            // version 2.7.3-1065b10, released 2023/02/14
            .contents(BinaryPattern(anchor: ", released 20",
                                    #"version (?<version>[0-9]+\.[0-9]+(?:\.|-dev|-rc)[0-9]+)(?:-[a-z0-9]{7})?, released 20"#, before: 40)),
            // HA-Proxy version 1.5.14
            .contents(BinaryPattern(anchor: "HA-Proxy version ", #"HA-Proxy version (?<version>[0-9]+\.[0-9]+(?:\.|-dev)[0-9]+)"#)),
            // 1.8.22-1f1b0d4 … HAProxy version
            .contents(BinaryPattern(anchor: "HAProxy version", #"(?<version>[0-9]+\.[0-9]+(?:\.|-dev)[0-9]+)-[0-9a-zA-Z]{7}.+HAProxy version"#,
                                    before: 96, after: 0)),
        ]),
    ]

    // MARK: Shared evidence

    /// `libpython3.11.so.1.0`, `libpython3.8d.so`; the stable-ABI `libpython3.so` names no minor version.
    static let libpythonName = #"libpython(?<version>[0-9]+(?:\.[0-9]+)+)[a-z]?\.so.*"#

    static let pythonEvidence: [Evidence] = [
        // PY_VERSION as a string of its own, in the interpreter and in libpython: [NUL]3.11.2[NUL]
        .contents(BinaryPattern(anchor: "\u{0}{version}.", #"\x00(?<version>{version}\.[0-9]+[-._+a-zA-Z0-9]*)\x00"#)),
        // Linkers merge a string into a longer one ending with it (tail merging): pyenv's libpython3.11.so
        // keeps 3.11.7 only as the end of /root/.pyenv/versions/3.11.7[NUL].
        .contents(BinaryPattern(anchor: "{version}.", #"[/-](?<version>{version}\.[0-9]+(?:[a-z]+[0-9]*)?)\x00"#, before: 1)),
    ]

    /// [NUL]OpenSSL 3.0.19 27 Jan 2026 ; SSLv3 part of OpenSSL 1.0.2u  20 Dec 2019
    static let openSSLVersion = BinaryPattern(anchor: "OpenSSL ",
                                              #"(?:\x00|part of )OpenSSL (?<version>[0-9]+\.[0-9]+\.[0-9]+(?:[a-z]|-alpha[0-9]+|-beta[0-9]+|-rc[0-9]+)?)"#,
                                              before: 8)

    /// The JDK launcher (`java`, `jdb`, …) names its launcher, program, dot version and full version
    /// side by side: [NUL]openjdk[NUL]java[NUL]0.0[NUL]17.0.15+6-Debian-1deb12u1[NUL] on x86-64;
    /// arm64 builds order them [NUL]0.0[NUL]…[NUL]11.0.22+7[NUL]…[NUL]openjdk[NUL]java[NUL].
    static func javaLauncherEvidence(program: String, fallback: Identity) -> [Evidence] {
        let launcher = "\u{0}openjdk\u{0}\(program)\u{0}"
        let x86 = #"\x00openjdk\x00"# + program + #"\x00(?<release>[0-9]+[.0-9]*)\x00"#
        let arm = #"\x00(?<release>[0-9]+[.0-9]*)\x00+"#
        let armTail = #"\x00+openjdk\x00"# + program + #"\x00"#
        // Java 8 update releases: 1.8.0_352-b08 → version 1.8.0, update 352 in the CPE.
        let withUpdate = #"(?<version>(?<primary>[0-9]+[^\x00_]*)_(?<update>[0-9]+)-[^\x00]+)"#
        let plain = #"(?<version>[0-9]+[^\x00]+)"#
        return [
            // GraalVM: [NUL]17.0.8+9-jvmci-23.0-b15[NUL]
            .contents(BinaryPattern(anchor: "-jvmci-", #"\x00(?<version>[0-9]+[.0-9]+[.0-9]+\+[0-9]+-jvmci-[0-9]+[.0-9]+-b[0-9]+)\x00"#,
                                    before: 32, after: 24), identity: .graalVM),
            .contents(BinaryPattern(anchor: launcher, x86 + withUpdate + #"\x00"#)),
            .contents(BinaryPattern(anchor: launcher, arm + withUpdate + armTail, before: 128, after: 0)),
            .contents(BinaryPattern(anchor: launcher, x86 + plain + #"\x00"#)),
            .contents(BinaryPattern(anchor: launcher, arm + plain + armTail, before: 128, after: 0)),
            // Oracle's builds name no launcher: [NUL]19.0.1+10-21[NUL]
            .contents(BinaryPattern(anchor: "+", #"\x00(?<version>[0-9]+[.0-9]+\+[-0-9]+)\x00"#, before: 24, after: 24),
                      identity: fallback, unless: ["\u{0}openjdk\u{0}"]),
        ]
    }
}

extension BinaryClassifier.Identity {
    static let python = Self(name: "python", cpes: [.init("python_software_foundation", "python"), .init("python", "python")])
    static let go = Self(name: "go", cpes: [.init("golang", "go")])
    static let openJDK = Self(name: "openjdk", purlNamespace: "oracle", cpes: [.init("oracle", "openjdk")])
    static let graalVM = Self(name: "graalvm", purlNamespace: "oracle", cpes: [.init("oracle", "graalvm")])
    static let oracleJRE = Self(name: "jre", purlNamespace: "oracle", cpes: [.init("oracle", "jre")])
    static let oracleJDK = Self(name: "jdk", purlNamespace: "oracle", cpes: [.init("oracle", "jdk")])
    static let node = Self(name: "node", cpes: [.init("nodejs", "node.js")])
    static let busybox = Self(name: "busybox", cpes: [.init("busybox", "busybox")])
    static let openSSL = Self(name: "openssl", cpes: [.init("openssl", "openssl")])
    static let nginx = Self(name: "nginx", cpes: [.init("f5", "nginx"), .init("nginx", "nginx")])
    static let redis = Self(name: "redis", cpes: [.init("redislabs", "redis"), .init("redis", "redis")])
    static let postgreSQL = Self(name: "postgresql", cpes: [.init("postgresql", "postgresql")])
}
