@testable import Catalogers
import Model
import TestSupport

/// Builds what the Rust tests need and the fixtures cannot hold (no binaries are shipped):
/// zlib streams and minimal ELF files with chosen sections.
enum RustTestSupport {
    /// A zlib stream (RFC 1950), made from the system zlib's gzip output: same deflate data, zlib wrapper.
    static func zlib(_ input: [UInt8]) -> [UInt8] {
        let gzip = Compression.gzip(input)
        let deflate = gzip[10..<(gzip.count - 8)]  // 10-byte header (no optional fields), CRC-32 + size trailer
        let adler = Zlib.adler32(input)
        return [0x78, 0x9C] + deflate + [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
    }

    /// An ELF executable holding only section headers and the given sections' bytes (plus `.shstrtab`).
    static func elf(sections: [(name: String, bytes: [UInt8])], is64: Bool = true, bigEndian: Bool = false,
                    extendedNumbering: Bool = false) -> [UInt8] {
        var writer = Writer(bigEndian: bigEndian)
        let headerSize = is64 ? 64 : 52
        let entrySize = is64 ? 64 : 40
        var names: [UInt8] = [0]
        var nameOffsets: [Int] = []
        for section in sections + [(name: ".shstrtab", bytes: [])] {
            nameOffsets.append(names.count)
            names += Array(section.name.utf8) + [0]
        }
        var body: [UInt8] = []
        var offsets: [Int] = []
        for section in sections {
            offsets.append(headerSize + body.count)
            body += section.bytes
        }
        let namesOffset = headerSize + body.count
        body += names
        while (headerSize + body.count) % 8 != 0 { body.append(0) }
        let tableOffset = headerSize + body.count
        let count = sections.count + 2  // null section, the given ones, .shstrtab

        writer.bytes = [0x7F, 0x45, 0x4C, 0x46, is64 ? 2 : 1, bigEndian ? 2 : 1, 1, 0] + [UInt8](repeating: 0, count: 8)
        writer.put(2, 2)  // ET_EXEC
        writer.put(0x3E, 2)  // EM_X86_64
        writer.put(1, 4)
        writer.put(0, is64 ? 8 : 4)  // entry
        writer.put(0, is64 ? 8 : 4)  // phoff
        writer.put(UInt64(tableOffset), is64 ? 8 : 4)
        writer.put(0, 4)  // flags
        writer.put(UInt64(headerSize), 2)
        writer.put(0, 2)  // phentsize
        writer.put(0, 2)  // phnum
        writer.put(UInt64(entrySize), 2)
        writer.put(extendedNumbering ? 0 : UInt64(count), 2)
        writer.put(extendedNumbering ? 0xFFFF : UInt64(count - 1), 2)
        writer.bytes += body

        func sectionHeader(name: Int, type: UInt64, offset: Int, size: Int, link: Int = 0) {
            writer.put(UInt64(name), 4)
            writer.put(type, 4)
            writer.put(0, is64 ? 8 : 4)  // flags
            writer.put(0, is64 ? 8 : 4)  // addr
            writer.put(UInt64(offset), is64 ? 8 : 4)
            writer.put(UInt64(size), is64 ? 8 : 4)
            writer.put(UInt64(link), 4)
            writer.put(0, 4)  // info
            writer.put(1, is64 ? 8 : 4)  // addralign
            writer.put(0, is64 ? 8 : 4)  // entsize
        }
        // Section 0 carries the real count and name-table index under extended numbering.
        sectionHeader(name: 0, type: 0, offset: 0, size: extendedNumbering ? count : 0, link: extendedNumbering ? count - 1 : 0)
        for (index, section) in sections.enumerated() {
            sectionHeader(name: nameOffsets[index], type: 1, offset: offsets[index], size: section.bytes.count)  // SHT_PROGBITS
        }
        sectionHeader(name: nameOffsets[sections.count], type: 3, offset: namesOffset, size: names.count)  // SHT_STRTAB
        return writer.bytes
    }

    struct Writer {
        var bigEndian: Bool
        var bytes: [UInt8] = []

        mutating func put(_ value: UInt64, _ size: Int) {
            let little = (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
            bytes += bigEndian ? little.reversed() : little
        }
    }

    /// The dependency list cargo-auditable embeds, as JSON.
    static func auditJSON(_ crates: [String]) -> [UInt8] {
        Array("{\"format\":1,\"packages\":[\(crates.joined(separator: ","))]}".utf8)
    }

    /// Writes an executable at `imagePath` holding `.dep-v0` with `section` bytes.
    static func writeBinary(_ root: TestRoot, _ imagePath: String, sections: [(name: String, bytes: [UInt8])], is64: Bool = true,
                            bigEndian: Bool = false) throws {
        try root.write(imagePath, bytes: elf(sections: [(name: ".text", bytes: [UInt8](repeating: 0x90, count: 32))] + sections,
                                             is64: is64, bigEndian: bigEndian))
        try root.setMode(imagePath, 0o755)
    }
}

extension Package {
    var rustCrateMetadata: RustCrateMetadata? { if case .rustCrate(let metadata) = metadata { metadata } else { nil } }
}
