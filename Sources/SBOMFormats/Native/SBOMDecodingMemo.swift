import Foundation
import Model

/// Package and relationship entries decoded from stored SBOMs during one pass over many of them
/// (re-matching every stored image after a feed sync), by their JSON bytes. Images built on one
/// base image hold byte-identical entries for its packages (same id, the same layer digests in
/// their locations, the same metadata; the service writes SBOMs with sorted keys, so dictionaries
/// in metadata do not vary) and for the relationships between them, and decoding those is most of
/// reading a stored SBOM; with a memo each distinct entry is decoded once per pass. An entry is a
/// function of its bytes alone, so the SBOMs read are the same as without it. Each kind stops
/// taking new entries at `limit`.
public final class SBOMDecodingMemo: @unchecked Sendable {
    // @unchecked: `packages` and `relationships` are only touched while holding `lock`.
    private let lock = NSLock()
    private var packages = ByteKeyedValues<Package>()
    private var relationships = ByteKeyedValues<Relationship>()
    let limit: Int

    public init(limit: Int = 100_000) { self.limit = limit }

    func package(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Package {
        try entry(bytes, table: \.packages)
    }

    func relationship(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Relationship {
        try entry(bytes, table: \.relationships)
    }

    /// The entry whose JSON is `bytes`, from `table` or decoded (and added while under `limit`).
    private func entry<Value: Decodable>(_ bytes: UnsafeBufferPointer<UInt8>,
                                         table: ReferenceWritableKeyPath<SBOMDecodingMemo, ByteKeyedValues<Value>>) throws -> Value {
        let hash = ByteKeyedValues<Value>.hash(bytes)
        if let known = lock.withLock({ self[keyPath: table].value(for: bytes, hash: hash) }) { return known }
        let value = try JSONDecoder().decode(Value.self, from: Data(bytes))
        lock.withLock { if self[keyPath: table].count < limit { self[keyPath: table].insert(value, for: bytes, hash: hash) } }
        return value
    }
}

/// Values keyed by byte strings, looked up without copying the key. The hash only spreads the
/// keys (a word at a time, several times faster than `Hasher` on kilobytes); a hit compares all bytes.
struct ByteKeyedValues<Value> {
    private var buckets: [UInt64: [(key: [UInt8], value: Value)]] = [:]
    private(set) var count = 0

    func value(for bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
        guard let bucket = buckets[hash] else { return nil }
        for entry in bucket where entry.key.count == bytes.count {
            let equal = entry.key.withUnsafeBufferPointer { key in
                key.isEmpty || memcmp(key.baseAddress!, bytes.baseAddress!, key.count) == 0
            }
            if equal { return entry.value }
        }
        return nil
    }

    mutating func insert(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) {
        guard self.value(for: bytes, hash: hash) == nil else { return }
        buckets[hash, default: []].append((Array(bytes), value))
        count += 1
    }

    /// A multiply-rotate mix of the bytes, 8 at a time, then of the tail and the length.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(truncatingIfNeeded: bytes.count) &* multiplier
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = ((hash ^ word) &* multiplier).rotatedLeft(by: 29)
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < bytes.count {
            tail = (tail << 8) | UInt64(bytes[offset])
            offset += 1
        }
        hash = ((hash ^ tail) &* multiplier)
        return hash ^ (hash >> 32)
    }
}

private extension UInt64 {
    func rotatedLeft(by count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
