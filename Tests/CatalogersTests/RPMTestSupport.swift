@testable import Catalogers
import Cataloging
import Foundation
import LayerFS
import Model
import TestSupport

/// The rpm cases of the shared fixtures (`<repo>/../shared/fixtures/rpm`, see its README.md), found
/// from this file so the tests do not depend on the working directory.
enum RPMFixtures {
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CatalogersTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/rpm").standardizedFileURL.path

    /// The real databases, one per backend and source: case folder and database path inside it.
    static let databases: [(folder: String, path: String)] = [
        ("bdb-dive", "/var/lib/rpm/Packages"),
        ("bdb-epoch-fedora32", "/var/lib/rpm/Packages"),
        ("bdb-libuuid-ubi8", "/var/lib/rpm/Packages"),
        ("ndb-sle15-bci", "/usr/lib/sysimage/rpm/Packages.db"),
        ("sqlite-mariner2", "/var/lib/rpm/rpmdb.sqlite"),
    ]

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }

    /// A case folder read as an image root.
    static func tree(_ folder: String) throws -> TreeResolver {
        try DirectoryTree.read(root: path(folder))
    }

    /// The rows of a case's `expected.txt`: name, version-release, epoch, arch, sourcerpm (tab-separated,
    /// `(none)` for an absent value), in database order.
    static func expectedRows(_ folder: String) throws -> [[String]] {
        let text = String(decoding: try bytes(folder + "/expected.txt"), as: UTF8.self)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map { $0.split(separator: "\t").map(String.init) }
    }
}

extension RPMMetadata {
    /// The same columns as `expected.txt`.
    var expectedRow: [String] {
        [name, "\(version)-\(release)", epoch.map(String.init) ?? "(none)", architecture ?? "(none)", sourceRPM ?? "(none)"]
    }
}

extension Package {
    var rpmMetadata: RPMMetadata? { if case .rpm(let metadata) = metadata { metadata } else { nil } }
}

/// A root file system in a temporary directory holding one (possibly damaged) database.
struct RPMTestRoot {
    let directory: TemporaryDirectory

    init(database path: String, bytes: [UInt8]) throws {
        directory = try TemporaryDirectory("hawser-rpm")
        try directory.write(String(path.dropFirst()), bytes)
    }

    func catalog() throws -> CatalogResult {
        RPMCataloger().catalog(try DirectoryTree.read(root: directory.path), context: CatalogContext(distro: nil))
    }

    func remove() { directory.remove() }
}

/// A deterministic pseudo-random sequence (SplitMix64), so a failing corruption case can be replayed.
struct RPMSplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
