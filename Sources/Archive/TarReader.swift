/// A streaming tar reader: POSIX ustar, pax extended headers (`x`, `g`), GNU long names (`L`, `K`),
/// base-256 numbers and GNU sparse headers (skipped safely).
/// Formats: POSIX.1-2008 pax (https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html)
/// and GNU tar's (https://www.gnu.org/software/tar/manual/html_node/Standard.html).
///
/// It never seeks and keeps one buffer, so memory stays flat whatever the layer size.
public final class TarReader {
    static let blockSize = 512
    private let source: ByteSource
    private let limits: ArchiveLimits
    private let what: String
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var sourceAtEnd = false
    /// Stream offset of `buffer[start]`.
    public private(set) var position: Int64 = 0
    /// Data of the last entry that the caller has not consumed, and the padding after it.
    private var pendingData: Int64 = 0
    private var pendingPadding: Int64 = 0
    private var globalPax: [String: [UInt8]] = [:]

    public init(_ source: ByteSource, limits: ArchiveLimits = .default, what: String) {
        self.source = source
        self.limits = limits
        self.what = what
        buffer = .allocate(byteCount: 1 << 20, alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// The next entry, or `nil` at the end-of-archive marker (or a clean end of stream).
    public func next() throws -> TarEntry? {
        try skip(pendingData)
        pendingData = 0
        // A stream that ends right after the last entry's data, without (all of) its padding or the
        // end-of-archive blocks, ends the archive: Go's archive/tar (Docker, containerd, Syft) reads
        // it so, and some writers (umoci 0.4's `insert`) produce such layers.
        if pendingPadding > 0 {
            try fill(Int(pendingPadding))
            if end - start < Int(pendingPadding) && sourceAtEnd { return nil }
            try skip(pendingPadding)
            pendingPadding = 0
        }
        var pax: [String: [UInt8]] = [:]
        var longName: [UInt8]?
        var longLink: [UInt8]?
        while true {
            try fill(Self.blockSize)
            let available = end - start
            if available == 0 { return nil }
            guard available >= Self.blockSize else { throw ArchiveError.truncated(what: what, offset: position + Int64(available)) }
            let header = UnsafeRawBufferPointer(rebasing: buffer[start..<(start + Self.blockSize)])
            if header.allSatisfy({ $0 == 0 }) { return nil }
            try verifyChecksum(header)
            let typeFlag = header[156]
            let magicIsPOSIX = header[257..<263].elementsEqual([0x75, 0x73, 0x74, 0x61, 0x72, 0x00])
            var name = Self.field(header, 0, 100)
            if magicIsPOSIX {
                let prefix = Self.field(header, 345, 155)
                if !prefix.isEmpty { name = prefix + [0x2f] + name }
            }
            var linkName = Self.field(header, 157, 100)
            let headerOffset = position
            guard let storedSize = Self.number(header, 124, 12), storedSize >= 0 else {
                throw ArchiveError.corruptArchive(what: what, offset: headerOffset, reason: "bad size field")
            }
            let mode = Self.number(header, 100, 8) ?? 0
            var uid = Self.number(header, 108, 8) ?? 0
            var gid = Self.number(header, 116, 8) ?? 0
            var mtime = Self.number(header, 136, 12) ?? 0
            let gnuSparseRealSize = typeFlag == UInt8(ascii: "S") ? Self.number(header, 483, 12) : nil
            var gnuSparseExtended = typeFlag == UInt8(ascii: "S") && header[482] != 0
            start += Self.blockSize
            position += Int64(Self.blockSize)

            switch typeFlag {
            case UInt8(ascii: "x"):
                pax.merge(try parsePax(try readBlockData(storedSize), at: headerOffset)) { $1 }
                try checkRecordBudget(pax, at: headerOffset)
                continue
            case UInt8(ascii: "g"):
                globalPax.merge(try parsePax(try readBlockData(storedSize), at: headerOffset)) { $1 }
                try checkRecordBudget(globalPax, at: headerOffset)
                continue
            case UInt8(ascii: "L"):
                longName = Self.trimNUL(try readBlockData(storedSize))
                continue
            case UInt8(ascii: "K"):
                longLink = Self.trimNUL(try readBlockData(storedSize))
                continue
            default:
                break
            }
            // Old GNU sparse: extension blocks of sparse map follow the header.
            while gnuSparseExtended {
                try fill(Self.blockSize)
                guard end - start >= Self.blockSize else { throw ArchiveError.truncated(what: what, offset: position) }
                gnuSparseExtended = buffer[start + 504] != 0
                start += Self.blockSize
                position += Int64(Self.blockSize)
            }
            // An empty value deletes the keyword (POSIX pax): the header's own field stands.
            let attributes = globalPax.merging(pax) { $1 }.filter { !$0.value.isEmpty }
            if let value = longName { name = value }
            if let value = longLink { linkName = value }
            if let value = attributes["path"] { name = value }
            if let value = attributes["linkpath"] { linkName = value }
            if let value = attributes["uid"].flatMap(Self.decimal) { uid = value }
            if let value = attributes["gid"].flatMap(Self.decimal) { gid = value }
            if let value = attributes["mtime"].flatMap(Self.decimal) { mtime = value }
            var dataSize = storedSize
            if let value = attributes["size"] {
                guard let size = Self.decimal(value), size >= 0 else {
                    throw ArchiveError.corruptArchive(what: what, offset: headerOffset, reason: "bad pax size")
                }
                dataSize = size
            }
            var isSparse = gnuSparseRealSize != nil
            var logicalSize = gnuSparseRealSize ?? dataSize
            if attributes.keys.contains(where: { $0.hasPrefix("GNU.sparse.") }) {
                isSparse = true
                if let value = attributes["GNU.sparse.name"] { name = value }
                if let value = (attributes["GNU.sparse.realsize"] ?? attributes["GNU.sparse.size"]).flatMap(Self.decimal) { logicalSize = value }
            }
            let kind: TarEntry.Kind
            switch typeFlag {
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"), UInt8(ascii: "S"): kind = .regular
            case UInt8(ascii: "1"): kind = .hardLink
            case UInt8(ascii: "2"): kind = .symlink
            case UInt8(ascii: "3"): kind = .characterDevice
            case UInt8(ascii: "4"): kind = .blockDevice
            case UInt8(ascii: "5"): kind = .directory
            case UInt8(ascii: "6"): kind = .fifo
            default: kind = .other(typeFlag)
            }
            // Old tars mark directories only by a trailing slash on a regular entry.
            let finalKind = (kind == .regular && name.last == 0x2f) ? .directory : kind
            // Only regular files and unknown types carry data; links and devices have none whatever the header says.
            // Links, devices, FIFOs and directories are header-only whatever their size field says
            // (POSIX; Go's archive/tar, which Docker uses, reads them the same way).
            let headerOnly: Bool
            switch finalKind {
            case .hardLink, .symlink, .characterDevice, .blockDevice, .directory, .fifo: headerOnly = true
            default: headerOnly = false
            }
            let stored = headerOnly ? 0 : dataSize
            pendingData = stored
            pendingPadding = Self.roundUp(stored) - stored
            return TarEntry(name: name, linkName: linkName, kind: finalKind, mode: UInt32(truncatingIfNeeded: mode & 0o7777),
                            uid: Int(uid), gid: Int(gid), storedSize: stored, size: finalKind == .regular ? logicalSize : 0,
                            modificationTime: mtime, dataOffset: position, isSparse: isSparse,
                            binaryName: attributes["hdrcharset"].map { $0 == Array("BINARY".utf8) } ?? false)
        }
    }

    /// Reads the current entry's data (at most `limit` bytes), for small members such as manifests.
    public func readData(_ entry: TarEntry, limit: Int) throws -> [UInt8] {
        guard entry.storedSize <= Int64(limit) else {
            throw ArchiveError.limitExceeded(layer: what, limit: "member size", value: "\(entry.storedSize) bytes (max \(limit))")
        }
        let data = try readExactly(Int(entry.storedSize))
        pendingData -= Int64(data.count)
        return data
    }

    // MARK: - Buffer

    private func fill(_ minimum: Int) throws {
        while end - start < minimum && !sourceAtEnd {
            if buffer.count - end < minimum || end == buffer.count {
                let live = end - start
                if live > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: live) }
                start = 0
                end = live
            }
            let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if count == 0 { sourceAtEnd = true } else { end += count }
        }
    }

    private func skip(_ count: Int64) throws {
        var remaining = count
        while remaining > 0 {
            if end == start {
                start = 0
                end = 0
                let read = try source.read(into: buffer)
                guard read > 0 else { throw ArchiveError.truncated(what: what, offset: position) }
                end = read
            }
            let step = Int(min(Int64(end - start), remaining))
            start += step
            position += Int64(step)
            remaining -= Int64(step)
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count)
        while out.count < count {
            if end == start {
                try fill(1)
                guard end > start else { throw ArchiveError.truncated(what: what, offset: position) }
            }
            let step = min(end - start, count - out.count)
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<(start + step)]))
            start += step
            position += Int64(step)
        }
        return out
    }

    /// The data of an extension header, bounded, with its padding consumed.
    private func readBlockData(_ size: Int64) throws -> [UInt8] {
        guard size <= Int64(limits.maxHeaderBytes) else {
            throw ArchiveError.limitExceeded(layer: what, limit: "extension header size", value: "\(size) bytes at byte \(position)")
        }
        let data = try readExactly(Int(size))
        try skip(Self.roundUp(size) - size)
        return data
    }

    // MARK: - Fields

    private func verifyChecksum(_ header: UnsafeRawBufferPointer) throws {
        guard let recorded = Self.number(header, 148, 8) else {
            throw ArchiveError.corruptArchive(what: what, offset: position, reason: "unreadable header checksum")
        }
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for index in 0..<Self.blockSize {
            let byte = (148..<156).contains(index) ? UInt8(ascii: " ") : header[index]
            unsigned += Int64(byte)
            signed += Int64(Int8(bitPattern: byte))
        }
        guard recorded == unsigned || recorded == signed else {
            throw ArchiveError.corruptArchive(what: what, offset: position, reason: "header checksum mismatch")
        }
    }

    static func field(_ header: UnsafeRawBufferPointer, _ offset: Int, _ length: Int) -> [UInt8] {
        let slice = header[offset..<(offset + length)]
        let stop = slice.firstIndex(of: 0) ?? slice.endIndex
        return Array(header[offset..<stop])
    }

    /// Octal ASCII (NUL/space padded) or GNU base-256 (high bit of the first byte set).
    static func number(_ header: UnsafeRawBufferPointer, _ offset: Int, _ length: Int) -> Int64? {
        let bytes = header[offset..<(offset + length)]
        guard let first = bytes.first else { return nil }
        if first & 0x80 != 0 {
            guard first & 0x40 == 0 else { return nil }  // negative
            var value = Int64(first & 0x3f)
            for byte in bytes.dropFirst() {
                guard value < Int64.max >> 8 else { return nil }
                value = value << 8 | Int64(byte)
            }
            return value
        }
        var value: Int64 = 0
        var seenDigit = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard value < Int64.max >> 3 else { return nil }
                value = value << 3 | Int64(byte - UInt8(ascii: "0"))
                seenDigit = true
            case 0, UInt8(ascii: " "):
                if seenDigit { return value }
            default:
                return nil
            }
        }
        return value
    }

    static func decimal(_ bytes: [UInt8]) -> Int64? {
        // pax times may carry a fraction: keep the whole seconds.
        let whole = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        guard !whole.isEmpty else { return nil }
        var value: Int64 = 0
        var negative = false
        for (index, byte) in whole.enumerated() {
            if index == 0 && byte == UInt8(ascii: "-") { negative = true; continue }
            guard byte >= 0x30 && byte <= 0x39, value < Int64.max / 10 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return negative ? -value : value
    }

    static func trimNUL(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.prefix { $0 != 0 })
    }

    static func roundUp(_ size: Int64) -> Int64 { (size + 511) / 512 * 512 }

    /// Pax records pile up across consecutive headers; their total is bounded like one header.
    private func checkRecordBudget(_ records: [String: [UInt8]], at offset: Int64) throws {
        let total = records.reduce(0) { $0 + $1.key.utf8.count + $1.value.count }
        guard total <= limits.maxHeaderBytes else {
            throw ArchiveError.limitExceeded(layer: what, limit: "extension header size", value: "\(total) bytes of pax records at byte \(offset)")
        }
    }

    /// Parses `LEN KEY=VALUE\n` records.
    private func parsePax(_ data: [UInt8], at offset: Int64) throws -> [String: [UInt8]] {
        var records: [String: [UInt8]] = [:]
        var index = 0
        while index < data.count {
            if data[index] == 0 { break }
            guard let space = data[index...].firstIndex(of: UInt8(ascii: " ")),
                  let length = Self.decimal(Array(data[index..<space])), length > 0,
                  index + Int(length) <= data.count, data[index + Int(length) - 1] == UInt8(ascii: "\n")
            else { throw ArchiveError.corruptArchive(what: what, offset: offset, reason: "malformed pax record") }
            let record = data[(space + 1)..<(index + Int(length) - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")) else {
                throw ArchiveError.corruptArchive(what: what, offset: offset, reason: "pax record without '='")
            }
            records[String(decoding: record[..<equals], as: UTF8.self)] = Array(record[(equals + 1)...])
            index += Int(length)
        }
        return records
    }
}
