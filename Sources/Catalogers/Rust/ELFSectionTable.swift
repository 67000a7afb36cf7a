/// The section header table of an ELF file (System V gABI, "Sections"): names, file offsets and sizes,
/// for 32- and 64-bit files of either byte order, with extended section numbering.
struct ELFSectionTable {
    struct Section: Equatable {
        var name: String
        var type: UInt32
        var offset: Int
        var size: Int

        /// `SHT_NOBITS` sections (`.bss`) occupy no bytes in the file.
        var hasFileContent: Bool { type != 8 }
    }

    struct Malformed: Error, Equatable {
        var message: String
    }

    var sections: [Section]

    func section(named name: String) -> Section? {
        sections.first { $0.name == name }
    }

    /// Reads the table; a file without one (stripped of section headers) has no sections.
    static func read(_ bytes: [UInt8]) throws(Malformed) -> ELFSectionTable {
        guard bytes.count >= 52, bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) else { throw Malformed(message: "not an ELF file") }
        let is64: Bool
        switch bytes[4] {
        case 1: is64 = false
        case 2: is64 = true
        default: throw Malformed(message: "unknown ELF class \(bytes[4])")
        }
        let bigEndian: Bool
        switch bytes[5] {
        case 1: bigEndian = false
        case 2: bigEndian = true
        default: throw Malformed(message: "unknown ELF data encoding \(bytes[5])")
        }
        let reader = Reader(bytes: bytes, bigEndian: bigEndian)
        guard let shoff = reader.integer(is64 ? 0x28 : 0x20, is64 ? 8 : 4),
              let shentsize = reader.integer(is64 ? 0x3A : 0x2E, 2),
              var shnum = reader.integer(is64 ? 0x3C : 0x30, 2),
              var shstrndx = reader.integer(is64 ? 0x3E : 0x32, 2) else { throw Malformed(message: "truncated ELF header") }
        guard shoff != 0 else { return ELFSectionTable(sections: []) }
        let entrySize = is64 ? 64 : 40
        guard shentsize >= entrySize, let tableStart = Int(exactly: shoff), tableStart < bytes.count else {
            throw Malformed(message: "section header table outside the file")
        }
        let stride = Int(shentsize)
        func header(_ index: Int) throws(Malformed) -> (name: Int, type: UInt32, link: Int, offset: Int, size: Int) {
            let (product, overflow) = index.multipliedReportingOverflow(by: stride)
            let base = tableStart &+ product
            guard !overflow, base >= tableStart, base <= bytes.count - entrySize,
                  let name = reader.integer(base, 4), let type = reader.integer(base + 4, 4),
                  let link = reader.integer(base + (is64 ? 40 : 24), 4),
                  let offset = reader.integer(base + (is64 ? 24 : 16), is64 ? 8 : 4),
                  let size = reader.integer(base + (is64 ? 32 : 20), is64 ? 8 : 4) else {
                throw Malformed(message: "section header \(index) outside the file")
            }
            guard let offsetValue = Int(exactly: offset), let sizeValue = Int(exactly: size) else {
                throw Malformed(message: "section header \(index) has an impossible offset or size")
            }
            return (Int(name), UInt32(truncatingIfNeeded: type), Int(link), offsetValue, sizeValue)
        }
        // Extended numbering: the real count and string table index sit in section header 0.
        if shnum == 0 || shstrndx == 0xFFFF {
            let first = try header(0)
            if shnum == 0 { shnum = UInt64(first.size) }
            if shstrndx == 0xFFFF { shstrndx = UInt64(first.link) }
        }
        let count = Int(shnum)
        guard count <= (bytes.count - tableStart) / stride + 1 else { throw Malformed(message: "section header table outside the file") }
        var raw: [(name: Int, type: UInt32, link: Int, offset: Int, size: Int)] = []
        raw.reserveCapacity(count)
        for index in 0..<count { raw.append(try header(index)) }
        guard Int(shstrndx) < raw.count else { throw Malformed(message: "section name table index \(shstrndx) out of range") }
        let names = raw[Int(shstrndx)]
        guard names.offset <= bytes.count, names.size <= bytes.count - names.offset else {
            throw Malformed(message: "section name table outside the file")
        }
        let nameBytes = bytes[names.offset..<(names.offset + names.size)]
        var sections: [Section] = []
        for entry in raw {
            guard entry.name < nameBytes.count else { throw Malformed(message: "section name offset \(entry.name) out of range") }
            let start = nameBytes.startIndex + entry.name
            let end = nameBytes[start...].firstIndex(of: 0) ?? nameBytes.endIndex
            sections.append(Section(name: String(decoding: nameBytes[start..<end], as: UTF8.self), type: entry.type,
                                    offset: entry.offset, size: entry.size))
        }
        return ELFSectionTable(sections: sections)
    }

    /// The bytes of a section, if they lie inside the file.
    static func contents(of section: Section, in bytes: [UInt8]) throws(Malformed) -> ArraySlice<UInt8> {
        guard section.hasFileContent else { return [] }
        guard section.offset <= bytes.count, section.size <= bytes.count - section.offset else {
            throw Malformed(message: "section \(section.name) extends past the end of the file")
        }
        return bytes[section.offset..<(section.offset + section.size)]
    }

    private struct Reader {
        let bytes: [UInt8]
        let bigEndian: Bool

        func integer(_ at: Int, _ size: Int) -> UInt64? {
            guard at >= 0, size <= 8, at <= bytes.count - size else { return nil }
            var value: UInt64 = 0
            for index in 0..<size {
                value = value << 8 | UInt64(bytes[at + (bigEndian ? index : size - 1 - index)])
            }
            return value
        }
    }
}
