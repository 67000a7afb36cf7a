/// The shared libraries an ELF file names as `DT_NEEDED` (System V ABI, "Dynamic Section"): the
/// `PT_DYNAMIC` segment's entries point into the dynamic string table, whose address `PT_LOAD`
/// segments map back to a file offset. 32- and 64-bit, either byte order; anything malformed
/// yields no names rather than an error, since this only guides where else to look.
enum ELFNeededLibraries {
    static func read(_ bytes: [UInt8]) -> [String] {
        guard bytes.count >= 52, bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]) else { return [] }
        let is64: Bool
        switch bytes[4] {
        case 1: is64 = false
        case 2: is64 = true
        default: return []
        }
        let bigEndian = bytes[5] == 2
        func integer(_ at: Int, _ size: Int) -> Int? {
            guard at >= 0, size <= 8, at <= bytes.count - size else { return nil }
            var value: UInt64 = 0
            for index in 0..<size {
                value = value << 8 | UInt64(bytes[at + (bigEndian ? index : size - 1 - index)])
            }
            return value <= UInt64(Int.max) ? Int(value) : nil
        }
        let word = is64 ? 8 : 4
        guard let phoff = integer(is64 ? 32 : 28, word), let phentsize = integer(is64 ? 54 : 42, 2),
              let phnum = integer(is64 ? 56 : 44, 2), phentsize >= (is64 ? 56 : 32) else { return [] }

        var loads: [(offset: Int, address: Int, size: Int)] = []
        var dynamic: (offset: Int, size: Int)?
        for index in 0..<phnum {
            let header = phoff + index * phentsize
            guard let type = integer(header, 4) else { return [] }
            let offset = integer(header + (is64 ? 8 : 4), word)
            let address = integer(header + (is64 ? 16 : 8), word)
            let fileSize = integer(header + (is64 ? 32 : 16), word)
            guard let offset, let address, let fileSize else { return [] }
            if type == 1 { loads.append((offset, address, fileSize)) }  // PT_LOAD
            if type == 2 { dynamic = (offset, fileSize) }  // PT_DYNAMIC
        }
        guard let dynamic else { return [] }

        var needed: [Int] = []
        var stringTableAddress: Int?
        var stringTableSize: Int?
        var entry = dynamic.offset
        scan: while entry + 2 * word <= min(bytes.count, dynamic.offset + dynamic.size) {
            guard let tag = integer(entry, word), let value = integer(entry + word, word) else { break }
            entry += 2 * word
            switch tag {
            case 0: break scan  // DT_NULL ends the array
            case 1: needed.append(value)  // DT_NEEDED
            case 5: stringTableAddress = value  // DT_STRTAB
            case 10: stringTableSize = value  // DT_STRSZ
            default: continue
            }
        }
        guard let stringTableAddress,
              let segment = loads.first(where: { stringTableAddress >= $0.address && stringTableAddress - $0.address < $0.size })
        else { return [] }
        let table = segment.offset + (stringTableAddress - segment.address)
        let tableEnd = min(bytes.count, stringTableSize.map { table + $0 } ?? bytes.count)
        return needed.compactMap { offset in
            let start = table + offset
            guard start >= table, start < tableEnd, let end = bytes[start..<tableEnd].firstIndex(of: 0), end > start else { return nil }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }
}
