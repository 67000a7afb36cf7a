import Foundation

/// The two ends of the bundle's POSIX ustar archive (IEEE Std 1003.1-2001, "ustar Interchange
/// Format"): regular files only, names under 100 bytes, sizes in 11 octal digits (< 8 GiB).
/// Just enough for `VulnDBBundle`; it reads only archives of that shape.
struct TarWriter {
    let path: String
    private let handle: FileHandle

    init(path: String) throws(VulnDBError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .io(path: path, operation: "create", message: "cannot create file")
        }
        self.path = path
        self.handle = handle
    }

    mutating func append(name: String, bytes: Data, modified: Date) throws(VulnDBError) {
        try write(Self.header(name: name, size: Int64(bytes.count), modified: modified))
        try write(bytes)
        try write(Data(count: Self.padding(Int64(bytes.count))))
    }

    mutating func append(name: String, copying source: String, modified: Date) throws(VulnDBError) {
        let size = VulnDBFiles.size(of: source)
        try write(Self.header(name: name, size: size, modified: modified))
        guard let input = FileHandle(forReadingAtPath: source) else { throw .io(path: source, operation: "open", message: "cannot read") }
        defer { try? input.close() }
        var copied: Int64 = 0
        while true {
            let chunk: Data?
            do { chunk = try input.read(upToCount: 1 << 20) } catch { throw .io(path: source, operation: "read", message: "\(error)") }
            guard let chunk, !chunk.isEmpty else { break }
            try write(chunk)
            copied += Int64(chunk.count)
        }
        guard copied == size else { throw .io(path: source, operation: "copy", message: "file changed while copying") }
        try write(Data(count: Self.padding(size)))
    }

    /// Writes the end-of-archive marker (two zero blocks) and closes.
    mutating func finish() throws(VulnDBError) {
        try write(Data(count: 1024))
        do { try handle.close() } catch { throw .io(path: path, operation: "close", message: "\(error)") }
    }

    private func write(_ data: Data) throws(VulnDBError) {
        do { try handle.write(contentsOf: data) } catch { throw .io(path: path, operation: "write", message: "\(error)") }
    }

    static func padding(_ size: Int64) -> Int { Int((512 - size % 512) % 512) }

    static func header(name: String, size: Int64, modified: Date) throws(VulnDBError) -> Data {
        guard name.utf8.count < 100 else { throw .io(path: name, operation: "archive", message: "entry name longer than 99 bytes") }
        guard size < 0o77777777777 else { throw .io(path: name, operation: "archive", message: "file larger than 8 GiB") }
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int64, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: width - 1 - digits.count) + digits
        }
        put(name, at: 0)
        put(octal(0o644, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(Int64(modified.timeIntervalSince1970), width: 12), at: 136)
        block[156] = UInt8(ascii: "0")
        put("ustar", at: 257)
        put("00", at: 263)
        put("        ", at: 148)
        let sum = block.reduce(0) { $0 + Int64($1) }
        put(octal(sum, width: 7), at: 148)
        return Data(block)
    }
}

/// Reads the entries of an archive written by `TarWriter`, validating each header's checksum.
struct TarReader {
    struct Entry {
        var name: String
        var size: Int64
    }

    let path: String
    private let handle: FileHandle
    private var current: Entry?
    private var consumed = true

    init(path: String) throws(VulnDBError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .notFound(path: path) }
        self.path = path
        self.handle = handle
    }

    /// The next entry's header, skipping the rest of the current entry; nil at the end marker.
    mutating func next() throws(VulnDBError) -> Entry? {
        if let current, !consumed { try skip(current.size + Int64(TarWriter.padding(current.size))) }
        let block = try read(512)
        guard block.count == 512 else { throw .corruptBundle(path: path, reason: "truncated archive header") }
        if block.allSatisfy({ $0 == 0 }) { current = nil; return nil }
        let bytes = [UInt8](block)
        let stored = Self.octal(bytes[148..<156])
        var sum: Int64 = 0
        for (index, byte) in bytes.enumerated() { sum += (148..<156).contains(index) ? 32 : Int64(byte) }
        guard stored == sum else { throw .corruptBundle(path: path, reason: "archive header checksum mismatch") }
        guard bytes[156] == UInt8(ascii: "0") || bytes[156] == 0 else {
            throw .corruptBundle(path: path, reason: "unexpected archive entry type")
        }
        let nameBytes = bytes[0..<100].prefix { $0 != 0 }
        guard let size = Self.octal(bytes[124..<136]) else { throw .corruptBundle(path: path, reason: "bad entry size") }
        let entry = Entry(name: String(decoding: nameBytes, as: UTF8.self), size: size)
        current = entry
        consumed = false
        return entry
    }

    /// The current entry's bytes (small entries only).
    mutating func readCurrent() throws(VulnDBError) -> Data {
        guard let current, !consumed else { throw .corruptBundle(path: path, reason: "no entry to read") }
        let data = try read(Int(current.size))
        guard data.count == current.size else { throw .corruptBundle(path: path, reason: "\(current.name) is truncated") }
        try skip(Int64(TarWriter.padding(current.size)))
        consumed = true
        return data
    }

    /// Streams the current entry into a new file at `destination`.
    mutating func extractCurrent(to destination: String) throws(VulnDBError) {
        guard let current, !consumed else { throw .corruptBundle(path: path, reason: "no entry to extract") }
        guard FileManager.default.createFile(atPath: destination, contents: nil),
              let output = FileHandle(forWritingAtPath: destination) else {
            throw .io(path: destination, operation: "create", message: "cannot create file")
        }
        defer { try? output.close() }
        var remaining = current.size
        while remaining > 0 {
            let chunk = try read(Int(min(remaining, 1 << 20)))
            guard !chunk.isEmpty else { throw .corruptBundle(path: path, reason: "\(current.name) is truncated") }
            do { try output.write(contentsOf: chunk) } catch { throw .io(path: destination, operation: "write", message: "\(error)") }
            remaining -= Int64(chunk.count)
        }
        consumed = true
    }

    private func read(_ count: Int) throws(VulnDBError) -> Data {
        do { return try handle.read(upToCount: count) ?? Data() } catch {
            throw .io(path: path, operation: "read", message: "\(error)")
        }
    }

    private func skip(_ count: Int64) throws(VulnDBError) {
        do {
            let offset = try handle.offset()
            try handle.seek(toOffset: offset + UInt64(count))
        } catch {
            throw .io(path: path, operation: "seek", message: "\(error)")
        }
    }

    private static func octal(_ field: ArraySlice<UInt8>) -> Int64? {
        let text = String(decoding: field.prefix { $0 != 0 && $0 != 32 }, as: UTF8.self)
        return Int64(text.trimmingCharacters(in: .whitespaces), radix: 8)
    }
}
