/// One package header as an rpm database stores it (rpm's `lib/header.c`, "hdrblob"; the on-disk
/// layout is described in rpm's `docs/manual/format.md`, "Header structure"):
///
///     il: UInt32 BE, dl: UInt32 BE, il × {tag, type, offset, count} (UInt32 BE each), dl bytes of data
///
/// Every count and offset is checked against the blob before anything is read or allocated, so a
/// corrupt header throws instead of trapping, and no allocation is larger than the blob itself.
/// Region tags (HEADERIMMUTABLE…) are only containers and are ignored; when a tag appears twice
/// (a "dribble" entry after the immutable region), the later one wins, as in rpm's `headerImport`.
struct RPMHeader {
    struct Entry {
        var type: UInt32
        /// Offset into the data store.
        var offset: Int
        var count: Int
    }

    /// rpm's `headerMaxbytes`: no header is bigger.
    static let maximumSize = 256 << 20
    /// rpm's `hdrchkTags`: no header has more index entries.
    static let maximumEntries = 0xFFFF

    /// The whole blob, for the digest over the immutable region.
    let blob: [UInt8]
    let indexCount: Int
    /// The data store (`dl` bytes after the index).
    let data: ArraySlice<UInt8>
    let entries: [UInt32: Entry]

    init(_ blob: [UInt8]) throws(RPMDatabaseError) {
        let reader = RPMBytes(blob, bigEndian: true)
        guard let indexCount = reader.uint32(at: 0), let dataLength = reader.uint32(at: 4) else {
            throw RPMDatabaseError("header of \(blob.count) bytes is too short")
        }
        guard indexCount >= 1, indexCount <= Self.maximumEntries else {
            throw RPMDatabaseError("header has an invalid index entry count (\(indexCount))")
        }
        guard dataLength <= Self.maximumSize else {
            throw RPMDatabaseError("header data length \(dataLength) exceeds \(Self.maximumSize) bytes")
        }
        let dataStart = 8 + 16 * Int(indexCount)
        guard let data = reader.slice(at: dataStart, length: Int(dataLength)) else {
            throw RPMDatabaseError("header claims \(indexCount) entries and \(dataLength) data bytes but the blob has only \(blob.count) bytes")
        }
        var entries: [UInt32: Entry] = [:]
        for index in 0..<Int(indexCount) {
            let base = 8 + 16 * index
            // In bounds: the data slice above starts after the whole index.
            let tag = reader.uint32(at: base) ?? 0
            let type = reader.uint32(at: base + 4) ?? 0
            let offset = reader.uint32(at: base + 8) ?? 0
            let count = reader.uint32(at: base + 12) ?? 0
            if RPMTag.regions.contains(tag) { continue }
            guard offset <= dataLength else {
                throw RPMDatabaseError("header entry for tag \(tag) points past the data (offset \(offset), \(dataLength) bytes)")
            }
            entries[tag] = Entry(type: type, offset: Int(offset), count: Int(count))
        }
        self.blob = blob
        self.indexCount = Int(indexCount)
        self.data = data
        self.entries = entries
    }

    func contains(_ tag: UInt32) -> Bool { entries[tag] != nil }

    /// A STRING (or the first I18NSTRING) value; `nil` when the tag is absent.
    func string(_ tag: UInt32) throws(RPMDatabaseError) -> String? {
        guard let entry = entries[tag] else { return nil }
        switch entry.type {
        case RPMTag.stringType, RPMTag.i18nStringType:
            guard entry.count >= 1 else { throw RPMDatabaseError("tag \(tag) has no value") }
            return try strings(from: entry, tag: tag, limit: 1).first
        case RPMTag.stringArrayType:
            return try strings(from: entry, tag: tag, limit: 1).first
        default:
            throw RPMDatabaseError("tag \(tag) has type \(entry.type), expected a string")
        }
    }

    /// A STRING_ARRAY value; `nil` when the tag is absent.
    func stringArray(_ tag: UInt32) throws(RPMDatabaseError) -> [String]? {
        guard let entry = entries[tag] else { return nil }
        guard entry.type == RPMTag.stringArrayType || entry.type == RPMTag.i18nStringType else {
            throw RPMDatabaseError("tag \(tag) has type \(entry.type), expected a string array")
        }
        return try strings(from: entry, tag: tag, limit: entry.count)
    }

    /// INT32 values (unsigned, as rpm's SIZE and DIRINDEXES are); `nil` when the tag is absent.
    func int32Array(_ tag: UInt32) throws(RPMDatabaseError) -> [UInt32]? {
        guard let entry = entries[tag] else { return nil }
        guard entry.type == RPMTag.int32Type else { throw RPMDatabaseError("tag \(tag) has type \(entry.type), expected INT32") }
        let reader = RPMBytes(Array(try values(of: entry, width: 4, tag: tag)), bigEndian: true)
        return (0..<entry.count).map { reader.uint32(at: $0 * 4) ?? 0 }
    }

    /// INT64 values; `nil` when the tag is absent.
    func int64Array(_ tag: UInt32) throws(RPMDatabaseError) -> [UInt64]? {
        guard let entry = entries[tag] else { return nil }
        guard entry.type == RPMTag.int64Type else { throw RPMDatabaseError("tag \(tag) has type \(entry.type), expected INT64") }
        let reader = RPMBytes(Array(try values(of: entry, width: 8, tag: tag)), bigEndian: true)
        return (0..<entry.count).map { reader.uint64(at: $0 * 8) ?? 0 }
    }

    /// The bytes of `count` fixed-width values, after checking that they fit in the data store.
    private func values(of entry: Entry, width: Int, tag: UInt32) throws(RPMDatabaseError) -> ArraySlice<UInt8> {
        let available = data.count - entry.offset
        guard entry.count <= available / width else {
            throw RPMDatabaseError("tag \(tag) claims \(entry.count) values of \(width) bytes but only \(available) bytes remain")
        }
        let start = data.startIndex + entry.offset
        return data[start..<(start + entry.count * width)]
    }

    /// Up to `limit` NUL-terminated strings from the entry's offset; each must end inside the data store.
    private func strings(from entry: Entry, tag: UInt32, limit: Int) throws(RPMDatabaseError) -> [String] {
        // Each string takes at least its NUL byte, which bounds the count before anything is allocated.
        guard limit <= data.count - entry.offset else {
            throw RPMDatabaseError("tag \(tag) claims \(limit) strings but only \(data.count - entry.offset) bytes remain")
        }
        var out: [String] = []
        out.reserveCapacity(limit)
        var position = data.startIndex + entry.offset
        for _ in 0..<limit {
            guard let end = data[position...].firstIndex(of: 0) else {
                throw RPMDatabaseError("string value of tag \(tag) runs past the end of the header")
            }
            out.append(String(decoding: data[position..<end], as: UTF8.self))
            position = end + 1
        }
        return out
    }
}

/// The rpm tags and types the cataloger reads (rpm's `include/rpm/rpmtag.h`).
enum RPMTag {
    static let name: UInt32 = 1000
    static let version: UInt32 = 1001
    static let release: UInt32 = 1002
    static let epoch: UInt32 = 1003
    static let size: UInt32 = 1009
    static let vendor: UInt32 = 1011
    static let license: UInt32 = 1014
    static let arch: UInt32 = 1022
    static let oldFilenames: UInt32 = 1027
    static let sourceRPM: UInt32 = 1044
    static let dirIndexes: UInt32 = 1116
    static let baseNames: UInt32 = 1117
    static let dirNames: UInt32 = 1118
    static let sha256Header: UInt32 = 273
    static let longSize: UInt32 = 5009
    static let modularityLabel: UInt32 = 5096
    static let fileDigests: UInt32 = 1035
    static let fileFlags: UInt32 = 1037
    static let fileDigestAlgorithm: UInt32 = 5011

    /// HEADERIMAGE, HEADERSIGNATURES, HEADERIMMUTABLE, HEADERREGIONS: region markers, not values.
    static let regions: Set<UInt32> = [61, 62, 63, 64]

    static let immutableRegion: UInt32 = 63

    static let binaryType: UInt32 = 7
    static let int32Type: UInt32 = 4
    static let int64Type: UInt32 = 5
    static let stringType: UInt32 = 6
    static let stringArrayType: UInt32 = 8
    static let i18nStringType: UInt32 = 9
}
