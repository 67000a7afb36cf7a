/// Reads rpm's BerkeleyDB `Packages` file (RHEL ≤ 8, CentOS, Amazon Linux 2, older SLES) without
/// libdb: a hash database whose keys are package instance numbers and whose values are header blobs.
///
/// Layout, from BerkeleyDB's `dbinc/db_page.h` (and knqyf263/go-rpmdb `pkg/bdb`, which reads it the
/// same way): page 0 is the hash metadata page; hash pages (`P_HASH`, or `P_HASH_UNSORTED` before
/// libdb 4.6) hold a 26-byte page header, then an index of 16-bit item offsets in key/value pairs;
/// a value is either inline (`H_KEYDATA`) or, for anything over about a quarter page, an `H_OFFPAGE`
/// reference to a chain of overflow pages. Integers are in the byte order of the machine that wrote
/// the file, which the metadata magic reveals.
enum RPMBerkeleyDB {
    static let hashMagic: UInt32 = 0x061561
    static let btreeMagic: UInt32 = 0x053162
    static let pageHeaderSize = 26
    static let validPageSizes: Set<Int> = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]

    enum PageType {
        static let hashUnsorted: UInt8 = 2
        static let overflow: UInt8 = 7
        static let hashMetadata: UInt8 = 8
        static let hash: UInt8 = 13
    }

    enum ItemType {
        static let keyData: UInt8 = 1
        static let duplicate: UInt8 = 2
        static let offPage: UInt8 = 3
        static let offPageDuplicate: UInt8 = 4
    }

    /// Whether the bytes start with a BerkeleyDB metadata page (hash or btree, either byte order).
    static func recognizes(_ bytes: [UInt8]) -> Bool {
        guard let magic = RPMBytes(bytes, bigEndian: false).uint32(at: 12) else { return false }
        return [hashMagic, btreeMagic].contains(magic) || [hashMagic, btreeMagic].contains(magic.byteSwapped)
    }

    static func read(_ bytes: [UInt8]) throws(RPMDatabaseError) -> RPMDatabaseBlobs {
        guard let rawMagic = RPMBytes(bytes, bigEndian: false).uint32(at: 12) else {
            throw RPMDatabaseError("BerkeleyDB file of \(bytes.count) bytes is too short for a metadata page")
        }
        let file: RPMBytes
        if rawMagic == hashMagic {
            file = RPMBytes(bytes, bigEndian: false)
        } else if rawMagic.byteSwapped == hashMagic {
            file = RPMBytes(bytes, bigEndian: true)
        } else if rawMagic == btreeMagic || rawMagic.byteSwapped == btreeMagic {
            throw RPMDatabaseError("BerkeleyDB btree database; rpm's Packages is a hash database")
        } else {
            throw RPMDatabaseError("not a BerkeleyDB hash database")
        }
        guard let pageSizeValue = file.uint32(at: 20), let encryption = file.uint8(at: 24), let metadataType = file.uint8(at: 25),
              let metadataFlags = file.uint8(at: 26), let lastPage = file.uint32(at: 32) else {
            throw RPMDatabaseError("BerkeleyDB metadata page is truncated")
        }
        let pageSize = Int(pageSizeValue)
        guard validPageSizes.contains(pageSize) else { throw RPMDatabaseError("BerkeleyDB page size \(pageSize) is invalid") }
        guard metadataType == PageType.hashMetadata else { throw RPMDatabaseError("BerkeleyDB page 0 has type \(metadataType), not hash metadata") }
        guard encryption == 0 else { throw RPMDatabaseError("encrypted BerkeleyDB databases are not supported") }
        guard metadataFlags & 0x01 == 0 else { throw RPMDatabaseError("checksummed BerkeleyDB pages are not supported") }

        var result = RPMDatabaseBlobs()
        let declaredPages = Int(lastPage) + 1
        let availablePages = bytes.count / pageSize
        guard availablePages >= 1 else { throw RPMDatabaseError("BerkeleyDB file of \(bytes.count) bytes is shorter than one \(pageSize)-byte page") }
        if availablePages < declaredPages {
            result.problems.append(RPMDatabaseError("BerkeleyDB file is truncated: \(availablePages) of \(declaredPages) pages present"))
        }
        let pages = Pages(file: file, pageSize: pageSize, count: min(declaredPages, availablePages))
        for page in 1..<max(pages.count, 1) {
            let type = pages.uint8(page: page, at: 25)
            guard type == PageType.hash || type == PageType.hashUnsorted else { continue }
            readHashPage(page, pages: pages, into: &result)
        }
        return result
    }

    /// The file cut into pages, with reads that stay inside one page.
    struct Pages {
        let file: RPMBytes
        let pageSize: Int
        let count: Int

        func uint8(page: Int, at offset: Int) -> UInt8? { file.uint8(at: page * pageSize + offset) }
        func uint16(page: Int, at offset: Int) -> UInt16? { file.uint16(at: page * pageSize + offset) }
        func uint32(page: Int, at offset: Int) -> UInt32? { file.uint32(at: page * pageSize + offset) }
        func bytes(page: Int, at offset: Int, length: Int) -> ArraySlice<UInt8>? {
            guard offset >= 0, length >= 0, offset + length <= pageSize else { return nil }
            return file.slice(at: page * pageSize + offset, length: length)
        }
    }

    static func readHashPage(_ page: Int, pages: Pages, into result: inout RPMDatabaseBlobs) {
        guard let entries = pages.uint16(page: page, at: 20).map(Int.init) else { return }
        guard entries % 2 == 0 else {
            result.problems.append(RPMDatabaseError("BerkeleyDB hash page \(page) has an odd number of items (\(entries))"))
            return
        }
        let indexEnd = pageHeaderSize + 2 * entries
        guard indexEnd <= pages.pageSize else {
            result.problems.append(RPMDatabaseError("BerkeleyDB hash page \(page) claims \(entries) items, more than fit"))
            return
        }
        let offsets = (0..<entries).map { Int(pages.uint16(page: page, at: pageHeaderSize + 2 * $0) ?? 0) }
        // An item runs from its offset to the previous item's offset (items fill the page from the end),
        // BerkeleyDB's LEN_HITEM.
        func item(_ index: Int) -> (start: Int, length: Int)? {
            let start = offsets[index]
            let end = index == 0 ? pages.pageSize : offsets[index - 1]
            guard start >= indexEnd, start < end, end <= pages.pageSize else { return nil }
            return (start, end - start)
        }
        for pair in stride(from: 0, to: entries, by: 2) {
            guard let key = item(pair), let value = item(pair + 1) else {
                result.problems.append(RPMDatabaseError("BerkeleyDB hash page \(page) has an item offset outside the page"))
                continue
            }
            // Key 0 holds the highest instance number, not a package.
            if pages.uint8(page: page, at: key.start) == ItemType.keyData, key.length == 5,
               let keyBytes = pages.bytes(page: page, at: key.start + 1, length: 4), keyBytes.allSatisfy({ $0 == 0 }) {
                continue
            }
            switch pages.uint8(page: page, at: value.start) {
            case ItemType.keyData:
                if let blob = pages.bytes(page: page, at: value.start + 1, length: value.length - 1) { result.blobs.append(Array(blob)) }
            case ItemType.offPage:
                do {
                    result.blobs.append(try overflowValue(at: value, on: page, pages: pages))
                } catch {
                    result.problems.append(error)
                }
            case let type:
                result.problems.append(RPMDatabaseError("BerkeleyDB hash page \(page) has an unsupported item type \(type.map(String.init) ?? "?")"))
            }
        }
    }

    /// Follows an `H_OFFPAGE` item (type, 3 pad bytes, first page, total length) through its chain of
    /// overflow pages, each holding `HOFFSET` bytes of the value after its header.
    static func overflowValue(at item: (start: Int, length: Int), on page: Int, pages: Pages) throws(RPMDatabaseError) -> [UInt8] {
        guard item.length >= 12, let first = pages.uint32(page: page, at: item.start + 4),
              let totalLength = pages.uint32(page: page, at: item.start + 8).map(Int.init) else {
            throw RPMDatabaseError("BerkeleyDB hash page \(page) has a truncated off-page item")
        }
        guard totalLength <= pages.count * pages.pageSize else {
            throw RPMDatabaseError("BerkeleyDB off-page item on page \(page) claims \(totalLength) bytes, more than the file holds")
        }
        var value: [UInt8] = []
        value.reserveCapacity(totalLength)
        var current = Int(first)
        var visited = 0
        while current != 0 {
            guard current < pages.count else {
                throw RPMDatabaseError("BerkeleyDB overflow chain from page \(page) points to page \(current), past the end of the file")
            }
            guard visited < pages.count else { throw RPMDatabaseError("BerkeleyDB overflow chain from page \(page) loops") }
            visited += 1
            guard pages.uint8(page: current, at: 25) == PageType.overflow,
                  let length = pages.uint16(page: current, at: 22).map(Int.init),
                  let next = pages.uint32(page: current, at: 16),
                  let chunk = pages.bytes(page: current, at: pageHeaderSize, length: length) else {
                throw RPMDatabaseError("BerkeleyDB page \(current) is not a valid overflow page")
            }
            guard value.count + chunk.count <= totalLength else {
                throw RPMDatabaseError("BerkeleyDB overflow chain from page \(page) is longer than its item's \(totalLength) bytes")
            }
            value += chunk
            current = Int(next)
        }
        guard value.count == totalLength else {
            throw RPMDatabaseError("BerkeleyDB overflow chain from page \(page) holds \(value.count) of \(totalLength) bytes")
        }
        return value
    }
}
