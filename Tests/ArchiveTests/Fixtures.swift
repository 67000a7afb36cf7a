import Archive
import Model
import TestSupport

/// Writes `prefix + bytes + suffix` to a fresh temporary file and hands `body` the region holding
/// `bytes`; the file is removed afterwards.
func withFile<T>(_ bytes: [UInt8], prefix: [UInt8] = [], suffix: [UInt8] = [], _ body: (HostFileRegion) throws -> T) throws -> T {
    let directory = try TemporaryDirectory("hawser-archive-tests")
    defer { directory.remove() }
    let path = try directory.write("blob", prefix + bytes + suffix)
    return try body(HostFileRegion(path: path, offset: Int64(prefix.count), length: Int64(bytes.count)))
}

/// Every entry of `archive`, read from a file through `FileRegionSource` (data skipped, not read).
func tarEntries(_ archive: [UInt8], limits: ArchiveLimits = .default) throws -> [TarEntry] {
    try withFile(archive) { region in
        let reader = TarReader(try FileRegionSource(region), limits: limits, what: "test.tar")
        var entries: [TarEntry] = []
        while let entry = try reader.next() { entries.append(entry) }
        return entries
    }
}

/// Every entry of `source` with the data of each, read through `readData`.
func tarEntriesWithData(_ source: ByteSource, limits: ArchiveLimits = .default) throws -> [(entry: TarEntry, data: [UInt8])] {
    let reader = TarReader(source, limits: limits, what: "test.tar")
    var out: [(entry: TarEntry, data: [UInt8])] = []
    while let entry = try reader.next() {
        out.append((entry, try reader.readData(entry, limit: 1 << 24)))
    }
    return out
}

/// Reads `source` to its end with output buffers of the given sizes, in turn.
func readAll(_ source: ByteSource, bufferSizes: [Int]) throws -> [UInt8] {
    var out: [UInt8] = []
    var scratch = [UInt8](repeating: 0, count: bufferSizes.max() ?? 1)
    var turn = 0
    while true {
        let size = bufferSizes[turn % bufferSizes.count]
        turn += 1
        let count = try scratch.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<size])) }
        if count == 0 { return out }
        out += scratch[0..<count]
    }
}

/// An in-memory source that hands out at most `chunkSizes[i]` bytes on its i-th read, cycling.
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private let chunkSizes: [Int]
    private var position = 0
    private var turn = 0

    init(_ bytes: [UInt8], chunkSizes: [Int] = [Int.max]) {
        self.bytes = bytes
        self.chunkSizes = chunkSizes
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let chunk = chunkSizes[turn % chunkSizes.count]
        turn += 1
        let count = min(buffer.count, chunk, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: count) }
        position += count
        return count
    }
}

/// Deterministic bytes: `random` ones barely compress, text-like ones compress well.
func sampleBytes(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15, random: Bool = true) -> [UInt8] {
    var state = seed
    var out = [UInt8]()
    out.reserveCapacity(count)
    let words = Array("lorem ipsum dolor sit amet layer tar gzip zstd hawser ".utf8)
    while out.count < count {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        out.append(random ? UInt8(truncatingIfNeeded: state) : words[Int(state % UInt64(words.count))])
    }
    return out
}

/// Rewrites the checksum of the header at `offset`, after a test edited other header fields.
func fixChecksum(_ bytes: inout [UInt8], header offset: Int) {
    for index in (offset + 148)..<(offset + 156) { bytes[index] = 0x20 }
    let sum = bytes[offset..<(offset + 512)].reduce(0) { $0 + Int($1) }
    let digits = Array(String(sum, radix: 8).utf8)
    let field = [UInt8](repeating: 0x30, count: 6 - digits.count) + digits + [0, 0x20]
    bytes.replaceSubrange((offset + 148)..<(offset + 156), with: field)
}

extension TarEntry {
    var path: String { String(decoding: name, as: UTF8.self) }
    var link: String { String(decoding: linkName, as: UTF8.self) }
}

extension ArchiveError {
    /// The case, without its payload, for assertions that only care which failure it was.
    var caseName: String {
        switch self {
        case .io: "io"
        case .truncated: "truncated"
        case .corruptArchive: "corruptArchive"
        case .decompression: "decompression"
        case .digestMismatch: "digestMismatch"
        case .limitExceeded: "limitExceeded"
        }
    }

    /// The `limit` of a `.limitExceeded`, else nil.
    var exceededLimit: String? {
        if case .limitExceeded(_, let limit, _) = self { limit } else { nil }
    }
}
