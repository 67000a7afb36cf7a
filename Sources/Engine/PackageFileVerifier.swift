import Catalogers
import Crypto
import Foundation
import Model

/// Checks the files package databases list against what the image holds, as `dpkg --verify`,
/// `apk audit` and `rpm -V` do: dpkg's `info/*.md5sums` (MD5; conffiles are not in them, so edited
/// configuration is not reported), apk's `installed` database (`Z:Q1…`, base64 SHA-1) and rpm's
/// file digests (the header's algorithm; a configuration file is only reported when missing, as
/// Anchore does).
/// A listed path with nothing behind it is `missing`; a regular file whose digest differs is
/// `changed`. Anchore's `packages.verify` trigger reads the result.
struct PackageFileVerifier {
    func verify(_ resolver: any FileResolver) -> [PackageFileProblem] {
        var problems: [PackageFileProblem] = []
        for entry in resolver.entries where entry.type == .regular && entry.path.hasSuffix(".md5sums")
            && (entry.path.hasPrefix("/var/lib/dpkg/info/") || entry.path.hasPrefix("/var/lib/dpkg/status.d/")) {
            guard let bytes = try? resolver.contents(of: entry.path) else { continue }
            let file = String(entry.path.split(separator: "/").last ?? "").dropLast(".md5sums".count)
            let package = String(file.split(separator: ":").first ?? file)
            problems += verifyDpkg(package: package, md5sums: String(decoding: bytes, as: UTF8.self), resolver: resolver)
        }
        if let bytes = try? resolver.contents(of: "/lib/apk/db/installed") {
            problems += verifyAPK(String(decoding: bytes, as: UTF8.self), resolver: resolver)
        }
        for package in RPMFileDigests.all(in: resolver) {
            guard let digest = Self.rpmDigest(package.algorithm) else { continue }
            for file in package.files where !file.digest.isEmpty {
                let status = check(file.path, resolver: resolver, expected: file.isConfiguration ? nil : file.digest, digest: digest)
                if let status { problems.append(PackageFileProblem(package: package.package, path: file.path, status: status)) }
            }
        }
        return problems
    }

    /// Hex digests for rpm's algorithm numbers (RFC 4880 hash ids).
    static func rpmDigest(_ algorithm: Int) -> (([UInt8]) -> String)? {
        func hex(_ bytes: some Sequence<UInt8>) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        switch algorithm {
        case 1: return { hex(Insecure.MD5.hash(data: $0)) }
        case 2: return { hex(Insecure.SHA1.hash(data: $0)) }
        case 8: return { hex(SHA256.hash(data: $0)) }
        case 9: return { hex(SHA384.hash(data: $0)) }
        case 10: return { hex(SHA512.hash(data: $0)) }
        default: return nil
        }
    }

    private func verifyDpkg(package: String, md5sums: String, resolver: any FileResolver) -> [PackageFileProblem] {
        var problems: [PackageFileProblem] = []
        for line in md5sums.split(whereSeparator: \.isNewline) {
            // "<md5>  usr/bin/…": the path is relative to the root.
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2 else { continue }
            let path = "/" + parts[1].trimmingCharacters(in: .whitespaces)
            if let status = check(path, resolver: resolver, expected: String(parts[0]).lowercased(), digest: Self.md5Hex) {
                problems.append(PackageFileProblem(package: package, path: path, status: status))
            }
        }
        return problems
    }

    private func verifyAPK(_ installed: String, resolver: any FileResolver) -> [PackageFileProblem] {
        var problems: [PackageFileProblem] = []
        var package = "", directory = "", file: String?
        func finishFile(checksum: String?) {
            guard let name = file else { return }
            file = nil
            let path = directory.isEmpty ? "/" + name : "/" + directory + "/" + name
            // Only "Q1" (SHA-1) checksums are compared; a file without one is checked for presence.
            let expected = checksum.flatMap { $0.hasPrefix("Q1") ? String($0.dropFirst(2)) : nil }
            if let status = check(path, resolver: resolver, expected: expected, digest: Self.sha1Base64) {
                problems.append(PackageFileProblem(package: package, path: path, status: status))
            }
        }
        for line in installed.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.count >= 2, line.dropFirst().first == ":" else {
                finishFile(checksum: nil)
                if line.isEmpty { package = ""; directory = "" }
                continue
            }
            let value = String(line.dropFirst(2))
            switch line.first {
            case "P": finishFile(checksum: nil); package = value
            case "F": finishFile(checksum: nil); directory = value
            case "R": finishFile(checksum: nil); file = value
            case "Z": finishFile(checksum: value)
            default: break
            }
        }
        finishFile(checksum: nil)
        return problems
    }

    /// `missing` when nothing is at `path` (following symlinked directories, as a merged /usr
    /// needs); `changed` when it is a regular file whose digest is not `expected`; nil otherwise
    /// (a symlink's recorded checksum is of its target name, not of content).
    private func check(_ path: String, resolver: any FileResolver, expected: String?,
                       digest: ([UInt8]) -> String) -> PackageFileProblem.Status? {
        let found = resolver.entry(at: path) ?? ((try? resolver.resolve(path)) ?? nil)
        guard let entry = found else { return .missing }
        guard let expected, entry.type == .regular, let bytes = try? resolver.contents(of: path) else { return nil }
        return digest(bytes) == expected ? nil : .changed
    }

    static func md5Hex(_ bytes: [UInt8]) -> String {
        Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func sha1Base64(_ bytes: [UInt8]) -> String {
        Data(Insecure.SHA1.hash(data: bytes)).base64EncodedString()
    }
}
