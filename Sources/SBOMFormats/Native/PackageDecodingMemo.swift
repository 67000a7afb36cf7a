import Foundation
import Model

/// Packages decoded from stored SBOMs during one pass over many of them (re-matching every
/// stored image after a feed sync), by their JSON bytes. Images built on one base image hold
/// byte-identical entries for its packages (same id, the same layer digests in their locations,
/// the same metadata; the service writes SBOMs with sorted keys, so dictionaries in metadata do
/// not vary), and decoding packages is most of reading a stored SBOM; with a memo each
/// distinct entry is decoded once per pass. A package is a function of its bytes alone, so the
/// SBOMs read are the same as without it. It stops taking new entries at `limit`.
public final class PackageDecodingMemo: @unchecked Sendable {
    // @unchecked: `packages` is only touched while holding `lock`.
    private let lock = NSLock()
    private var packages: [Entry: Package] = [:]
    let limit: Int

    public init(limit: Int = 100_000) { self.limit = limit }

    func package(_ bytes: [UInt8]) throws -> Package {
        let entry = Entry(bytes: bytes)
        if let known = lock.withLock({ packages[entry] }) { return known }
        let package = try JSONDecoder().decode(Package.self, from: Data(bytes))
        lock.withLock { if packages.count < limit { packages[entry] = package } }
        return package
    }

    /// A package's JSON, hashed as one block of bytes (an array of bytes hashes byte by byte).
    private struct Entry: Hashable {
        let bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
