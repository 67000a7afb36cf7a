import Foundation
import Crypto

/// A content digest such as `sha256:0123…`, as the OCI image spec defines it
/// (https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests).
///
/// Images, layers and blobs are identified by content, so this is the key of every cache.
public struct Digest: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public let algorithm: String
    public let encoded: String

    /// Parses `algorithm:encoded`; only sha256 and sha512 are accepted, with lowercase hex of the right length.
    public init(parsing text: String) throws(ModelError) {
        guard let colon = text.firstIndex(of: ":") else { throw .invalidDigest(text) }
        let algorithm = String(text[..<colon])
        let encoded = String(text[text.index(after: colon)...])
        let expectedLength: Int
        switch algorithm {
        case "sha256": expectedLength = 64
        case "sha512": expectedLength = 128
        default: throw .invalidDigest(text)
        }
        guard encoded.utf8.count == expectedLength,
              encoded.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { throw .invalidDigest(text) }
        self.algorithm = algorithm
        self.encoded = encoded
    }

    /// A digest of `bytes` already computed with `algorithm`.
    public init(algorithm: String, bytes: [UInt8]) {
        self.algorithm = algorithm
        self.encoded = bytes.hexString
    }

    public init(sha256 hash: SHA256.Digest) {
        self.algorithm = "sha256"
        self.encoded = hash.hexString
    }

    /// The SHA-256 digest of `bytes`.
    public static func sha256<Bytes: DataProtocol>(of bytes: Bytes) -> Digest {
        Digest(sha256: SHA256.hash(data: bytes))
    }

    /// The digest of `bytes` computed with this digest's own algorithm, to check content against it.
    public func recomputed<Bytes: DataProtocol>(over bytes: Bytes) -> Digest {
        algorithm == "sha512" ? Digest(algorithm: "sha512", bytes: Array(SHA512.hash(data: bytes))) : Digest.sha256(of: bytes)
    }

    public var description: String { "\(algorithm):\(encoded)" }

    /// The first 12 hex characters, as `docker images` shows IDs.
    public var short: String { String(encoded.prefix(12)) }

    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, two characters a byte.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SHA256.Digest {
    public var hexString: String { Array(self).hexString }
}
