// swift-tools-version:6.2
import PackageDescription

// Module layout follows the data flow (see README "Layout"):
// Model ─▶ Archive (tar, gzip, zstd) ─▶ ImageSource ─▶ LayerFS ─▶ Cataloging/Catalogers ─▶ SBOMFormats ─▶ Engine ─▶ hawser (CLI).
let package = Package(
    name: "hawser",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hawser", targets: ["hawser"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(name: "HawserZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "HawserZstd", providers: [.apt(["libzstd-dev"])]),
        // The system SQLite, for rpm's rpmdb.sqlite (read-only).
        .systemLibrary(name: "HawserSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "Model",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "ImageSource",
            dependencies: [
                "Model", "Archive",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "Archive", dependencies: ["Model", "HawserZlib", "HawserZstd", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "LayerFS", dependencies: ["Model", "Archive"]),
        .target(name: "Versions"),
        // bzip2 for feed archives (Debian/Ubuntu/Red Hat OVAL ship as .xml.bz2).
        .systemLibrary(name: "HawserBzip2", providers: [.apt(["libbz2-dev"])]),
        .target(name: "VulnDB", dependencies: ["Model", "Versions", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Feeds",
            dependencies: [
                "Model", "Versions", "Archive", "HawserBzip2",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "Matching", dependencies: ["Model", "Versions"]),
        .target(name: "Cataloging", dependencies: ["Model"]),
        .target(
            name: "Catalogers",
            dependencies: [
                "Model", "Cataloging", "HawserSQLite",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "SBOMFormats", dependencies: ["Model"]),
        .target(
            name: "Engine",
            dependencies: [
                "Model", "ImageSource", "LayerFS", "Cataloging", "Catalogers", "SBOMFormats", "Feeds", "VulnDB", "Matching", "Versions", "Policy",
                // feed sync downloads and checksums
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Step 4 (Evaluate): Anchore policy bundles, gates and the evaluator, a pure function of an SBOM and its matches.
        .target(name: "Policy", dependencies: ["Model", "Versions", "Feeds", .product(name: "Crypto", package: "swift-crypto")]),
        // Step 3 (Save): what the service keeps, as a protocol and value types (no driver) ...
        .target(name: "Store", dependencies: ["Model"]),
        // ... and its embedded default backend.
        .target(name: "StoreSQLite", dependencies: ["Store", "Model", .product(name: "GRDB", package: "GRDB.swift")]),
        // ... and the backend for several instances sharing one database.
        .target(
            name: "StorePostgres",
            dependencies: [
                "Store", "Model",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The service's use cases: accounts, the analysis queue and workers, stored reports.
        .target(
            name: "Service",
            dependencies: [
                "Store", "Engine", "Model", "ImageSource", "VulnDB", "Matching", "SBOMFormats", "Policy",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                // webhook delivery (with a TLS-verification switch)
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // e-mail notifications (SMTP with STARTTLS)
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The Anchore Engine v1-compatible REST API: a thin shell over Service.
        .target(
            name: "APIServer",
            dependencies: [
                "Service", "Store", "Model", "SBOMFormats", "VulnDB", "Policy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "hawser",
            dependencies: [
                "Engine", "LayerFS", "Model", "SBOMFormats", "VulnDB", "Catalogers", "Matching",
                "Store", "StoreSQLite", "StorePostgres", "Service", "APIServer", "Policy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fixture builders shared by the test targets (tar writer, gzip/zstd, OCI layouts).
        .target(name: "TestSupport", dependencies: ["Model", "HawserZlib", "HawserZstd"], path: "Tests/TestSupport"),
        .testTarget(name: "ModelTests", dependencies: ["Model", "TestSupport"]),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "Model", "TestSupport"]),
        .testTarget(name: "LayerFSTests", dependencies: ["LayerFS", "Archive", "Model", "TestSupport"]),
        .testTarget(
            name: "ImageSourceTests",
            dependencies: [
                "ImageSource", "Model", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["TOKEN_AUTH_NOTES.md"]
        ),
        .testTarget(name: "VersionsTests", dependencies: ["Versions"]),
        .testTarget(name: "VulnDBTests", dependencies: ["VulnDB", "Model", "Versions", "TestSupport"]),
        .testTarget(
            name: "FeedsTests",
            dependencies: ["Feeds", "Model", "Versions", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "Model", "Versions", "TestSupport"]),
        .testTarget(name: "CatalogersTests", dependencies: ["Catalogers", "Cataloging", "LayerFS", "Model", "TestSupport"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "Model"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "StoreSQLite", "StorePostgres", "Model", "TestSupport", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(
            name: "APIServerTests",
            dependencies: [
                "APIServer", "Service", "Store", "StoreSQLite", "Model", "TestSupport", "SBOMFormats", "VulnDB",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "SBOMFormatsTests", dependencies: ["SBOMFormats", "Model", "TestSupport"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "Engine", "Catalogers", "Policy", "ImageSource", "LayerFS", "Model", "TestSupport", "Versions", "VulnDB", "SBOMFormats",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Scripts"]
        ),
    ]
)
