import Foundation
import TestSupport

/// Real Alpine secdb files, the RubySec and FriendsOfPHP tarballs and the GHSA repository excerpt
/// in `../shared/feeds`, and builders for small broken archives.
enum NativeFeedFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/feeds").standardized.path

    static func alpine(_ release: String, _ repository: String) -> String {
        root + "/alpine/secdb/\(release)/\(repository).json"
    }

    static let rubySec = root + "/native/rubysec-ruby-advisory-db.tar.gz"
    static let friendsOfPHP = root + "/native/friendsofphp-security-advisories.tar.gz"
    static let ghsaTarball = root + "/samples/github/vuls-data-update/ghsa-tarball/advisory-database-main.tar.gz"

    /// A gzip-compressed tar holding `files` (path → text), written into `directory`.
    static func tarGz(_ files: [(String, String)], named name: String, in directory: TemporaryDirectory) throws -> String {
        var tar = TarBuilder()
        for (path, text) in files { tar.file(path, text) }
        return try directory.write(name, Compression.gzip(tar.finished()))
    }

    /// The first `fraction` of the file's bytes, written into `directory` as `name`.
    static func truncatedCopy(of path: String, fraction: Double, named name: String, in directory: TemporaryDirectory) throws -> String {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return try directory.write(name, Array(bytes.prefix(Int(Double(bytes.count) * fraction))))
    }
}
