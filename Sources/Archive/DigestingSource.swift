import struct Crypto.SHA256
import struct Crypto.SHA512
import Model

/// Passes bytes through while hashing them; at the end of the stream the SHA-256 must equal
/// `expected`, otherwise the read fails naming both digests (a blob that lies about itself is
/// never trusted).
public final class DigestingSource: ByteSource {
    private let inner: ByteSource
    private let expected: Digest?
    private let what: String
    private var hasher: ContentHasher
    public private(set) var computed: Digest?
    public private(set) var byteCount: Int64 = 0

    public init(_ inner: ByteSource, expected: Digest?, what: String) {
        self.inner = inner
        self.expected = expected
        self.what = what
        hasher = ContentHasher(algorithm: expected?.algorithm ?? "sha256")
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try inner.read(into: buffer)
        if count > 0 {
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            byteCount += Int64(count)
        } else if computed == nil {
            let actual = hasher.finalize()
            computed = actual
            if let expected, expected != actual {
                throw ArchiveError.digestMismatch(what: what, expected: expected, actual: actual)
            }
        }
        return count
    }

    /// Reads whatever is left so the digest gets checked (a tar's end marker may come before the blob ends).
    public func drain() throws {
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        while try scratch.withUnsafeMutableBytes({ try read(into: $0) }) > 0 {}
    }
}

/// An incremental hash for the algorithm a digest names (sha256, or sha512).
public enum ContentHasher {
    case sha256(SHA256)
    case sha512(SHA512)

    public init(algorithm: String) {
        self = algorithm == "sha512" ? .sha512(SHA512()) : .sha256(SHA256())
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update(bufferPointer: $0) }
    }

    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        switch self {
        case .sha256(var hash):
            hash.update(bufferPointer: bufferPointer)
            self = .sha256(hash)
        case .sha512(var hash):
            hash.update(bufferPointer: bufferPointer)
            self = .sha512(hash)
        }
    }

    public func finalize() -> Digest {
        switch self {
        case .sha256(let hash): Digest(sha256: hash.finalize())
        case .sha512(let hash): Digest(algorithm: "sha512", bytes: Array(hash.finalize()))
        }
    }
}
