import Foundation
import Model
import Archive

/// A content-addressed blob store on disk (`DIR/blobs/sha256/<hex>`). A blob lands there only
/// after its bytes hashed to its digest while streaming in; a mismatch deletes the partial file.
public struct BlobCache: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `$HAWSER_CACHE_DIR`, else `$XDG_CACHE_HOME/hawser`, else `~/.cache/hawser`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let explicit = environment["HAWSER_CACHE_DIR"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/hawser" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/hawser"
    }

    func path(for digest: Digest) -> String { "\(directory)/blobs/\(digest.algorithm)/\(digest.encoded)" }

    /// The cached blob, if present.
    func region(for digest: Digest) -> HostFileRegion? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path(for: digest)),
              let size = attributes[.size] as? NSNumber else { return nil }
        return HostFileRegion(path: path(for: digest), offset: 0, length: size.int64Value)
    }

    /// Streams `chunks` into the cache under `digest`, verifying as it writes.
    func store<Chunks: AsyncSequence>(_ chunks: Chunks, digest: Digest, what: String) async throws -> HostFileRegion
    where Chunks.Element == [UInt8] {
        let fileManager = FileManager.default
        let temporaryDirectory = directory + "/tmp"
        do {
            try fileManager.createDirectory(atPath: temporaryDirectory, withIntermediateDirectories: true)
            try fileManager.createDirectory(atPath: "\(directory)/blobs/\(digest.algorithm)", withIntermediateDirectories: true)
        } catch {
            throw ImageSourceError.io(path: directory, reason: "cannot create the blob cache: \(error.localizedDescription)")
        }
        let temporary = "\(temporaryDirectory)/\(digest.encoded).\(UUID().uuidString)"
        guard fileManager.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw ImageSourceError.io(path: temporary, reason: "cannot create file")
        }
        var hasher = ContentHasher(algorithm: digest.algorithm)
        var size: Int64 = 0
        do {
            defer { try? handle.close() }
            for try await chunk in chunks {
                hasher.update(chunk)
                try handle.write(contentsOf: chunk)
                size += Int64(chunk.count)
            }
        } catch {
            try? fileManager.removeItem(atPath: temporary)
            throw error
        }
        let actual = hasher.finalize()
        guard actual == digest else {
            try? fileManager.removeItem(atPath: temporary)
            throw ImageSourceError.digestMismatch(what: what, expected: digest, actual: actual)
        }
        let final = path(for: digest)
        guard rename(temporary, final) == 0 else {
            try? fileManager.removeItem(atPath: temporary)
            throw ImageSourceError.io(path: final, reason: "cannot move the verified blob into place")
        }
        return HostFileRegion(path: final, offset: 0, length: size)
    }
}
