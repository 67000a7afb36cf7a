/// Writes tar archives byte by byte, so tests can build exactly the archive they need: ustar,
/// pax, GNU long names, base-256 sizes, hostile names. Fixtures are generated, never downloaded.
public struct TarBuilder {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public enum TypeFlag: UInt8 {
        case regular = 0x30, hardLink = 0x31, symlink = 0x32, characterDevice = 0x33, blockDevice = 0x34
        case directory = 0x35, fifo = 0x36, paxExtended = 0x78, paxGlobal = 0x67, gnuLongName = 0x4c, gnuLongLink = 0x4b
        case gnuSparse = 0x53
    }

    public mutating func file(_ name: String, _ content: String, mode: UInt32 = 0o644, uid: Int = 0, gid: Int = 0) {
        file(name, Array(content.utf8), mode: mode, uid: uid, gid: gid)
    }

    public mutating func file(_ name: String, _ content: [UInt8], mode: UInt32 = 0o644, uid: Int = 0, gid: Int = 0) {
        entry(name: Array(name.utf8), type: .regular, size: content.count, mode: mode, uid: uid, gid: gid)
        appendData(content)
    }

    public mutating func directory(_ name: String, mode: UInt32 = 0o755) {
        entry(name: Array(name.utf8), type: .directory, size: 0, mode: mode)
    }

    public mutating func symlink(_ name: String, to target: String) {
        entry(name: Array(name.utf8), type: .symlink, size: 0, mode: 0o777, linkName: Array(target.utf8))
    }

    public mutating func hardLink(_ name: String, to target: String) {
        entry(name: Array(name.utf8), type: .hardLink, size: 0, mode: 0o644, linkName: Array(target.utf8))
    }

    public mutating func device(_ name: String, type: TypeFlag = .characterDevice) {
        entry(name: Array(name.utf8), type: type, size: 0, mode: 0o666)
    }

    /// A pax extended header (`x`) with `records`, then a regular file whose ustar name is `shortName`.
    public mutating func paxFile(records: [(String, String)], shortName: String, content: [UInt8], type: TypeFlag = .regular) {
        paxHeader(records: records, global: false)
        entry(name: Array(shortName.utf8), type: type, size: type == .regular ? content.count : 0, mode: 0o644)
        if type == .regular { appendData(content) }
    }

    public mutating func paxHeader(records: [(String, String)], global: Bool) {
        var data: [UInt8] = []
        for (key, value) in records { data += Self.paxRecord(key, Array(value.utf8)) }
        entry(name: Array("PaxHeaders/x".utf8), type: global ? .paxGlobal : .paxExtended, size: data.count, mode: 0o644)
        appendData(data)
    }

    /// A pax record with raw value bytes (for non-UTF-8 names).
    public mutating func paxRawPath(_ path: [UInt8], content: [UInt8]) {
        let data = Self.paxRecord("path", path) + Self.paxRecord("hdrcharset", Array("BINARY".utf8))
        entry(name: Array("PaxHeaders/x".utf8), type: .paxExtended, size: data.count, mode: 0o644)
        appendData(data)
        entry(name: Array("placeholder".utf8), type: .regular, size: content.count, mode: 0o644)
        appendData(content)
    }

    /// GNU `././@LongLink` records for a name (and optionally a link target) over 100 bytes.
    public mutating func gnuLongName(_ name: String, content: [UInt8], linkTarget: String? = nil) {
        let nameData = Array(name.utf8) + [0]
        entry(name: Array("././@LongLink".utf8), type: .gnuLongName, size: nameData.count, mode: 0o644, gnu: true)
        appendData(nameData)
        if let linkTarget {
            let linkData = Array(linkTarget.utf8) + [0]
            entry(name: Array("././@LongLink".utf8), type: .gnuLongLink, size: linkData.count, mode: 0o644, gnu: true)
            appendData(linkData)
            entry(name: Array(name.utf8.prefix(99)), type: .symlink, size: 0, mode: 0o777, linkName: Array(linkTarget.utf8.prefix(99)), gnu: true)
        } else {
            entry(name: Array(name.utf8.prefix(99)), type: .regular, size: content.count, mode: 0o644, gnu: true)
            appendData(content)
        }
    }

    /// A regular file whose size field is written in GNU base-256.
    public mutating func base256File(_ name: String, content: [UInt8]) {
        entry(name: Array(name.utf8), type: .regular, size: content.count, mode: 0o644, base256Size: true)
        appendData(content)
    }

    /// An old-GNU sparse file header (type `S`) with `stored` bytes of data and a larger real size.
    public mutating func gnuSparse(_ name: String, stored: [UInt8], realSize: Int) {
        var header = makeHeader(name: Array(name.utf8), type: .gnuSparse, size: stored.count, mode: 0o644, gnu: true)
        Self.octal(&header, 483, 12, realSize)
        Self.checksum(&header)
        bytes += header
        appendData(stored)
    }

    /// Any header, for tests that need a broken one.
    public mutating func entry(name: [UInt8], type: TypeFlag, size: Int, mode: UInt32, uid: Int = 0, gid: Int = 0,
                               linkName: [UInt8] = [], gnu: Bool = false, base256Size: Bool = false) {
        var header = makeHeader(name: name, type: type, size: size, mode: mode, uid: uid, gid: gid, linkName: linkName, gnu: gnu)
        if base256Size {
            for index in 124..<136 { header[index] = 0 }
            header[124] = 0x80
            var value = size
            for index in stride(from: 135, to: 124, by: -1) {
                header[index] = UInt8(value & 0xff)
                value >>= 8
            }
            Self.checksum(&header)
        }
        bytes += header
    }

    public mutating func appendData(_ data: [UInt8]) {
        bytes += data
        let padding = (512 - data.count % 512) % 512
        bytes += [UInt8](repeating: 0, count: padding)
    }

    /// The archive with its end-of-archive marker (two zero blocks).
    public func finished() -> [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }

    func makeHeader(name: [UInt8], type: TypeFlag, size: Int, mode: UInt32, uid: Int = 0, gid: Int = 0,
                    linkName: [UInt8] = [], gnu: Bool = false) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        var name = name
        if !gnu && name.count > 100, let split = Self.ustarSplit(name) {
            let prefix = Array(name[..<split])
            name = Array(name[(split + 1)...])
            header.replaceSubrange(345..<(345 + prefix.count), with: prefix)
        }
        header.replaceSubrange(0..<min(name.count, 100), with: name.prefix(100))
        Self.octal(&header, 100, 8, Int(mode))
        Self.octal(&header, 108, 8, uid)
        Self.octal(&header, 116, 8, gid)
        Self.octal(&header, 124, 12, size)
        Self.octal(&header, 136, 12, 1_700_000_000)
        header[156] = type.rawValue
        header.replaceSubrange(157..<(157 + min(linkName.count, 100)), with: linkName.prefix(100))
        let magic: [UInt8] = gnu ? Array("ustar  \0".utf8) : Array("ustar\u{0}00".utf8)
        header.replaceSubrange(257..<265, with: magic)
        Self.checksum(&header)
        return header
    }

    static func ustarSplit(_ name: [UInt8]) -> Int? {
        // The prefix (≤155) and name (≤100) split at a '/'.
        for index in stride(from: min(name.count - 1, 155), to: 0, by: -1) where name[index] == 0x2f {
            if name.count - index - 1 <= 100 { return index }
        }
        return nil
    }

    static func octal(_ header: inout [UInt8], _ offset: Int, _ length: Int, _ value: Int) {
        let digits = Array(String(value, radix: 8).utf8)
        let padded = [UInt8](repeating: 0x30, count: max(0, length - 1 - digits.count)) + digits
        header.replaceSubrange(offset..<(offset + length - 1), with: padded.suffix(length - 1))
        header[offset + length - 1] = 0
    }

    static func checksum(_ header: inout [UInt8]) {
        for index in 148..<156 { header[index] = 0x20 }
        let sum = header.reduce(0) { $0 + Int($1) }
        let digits = Array(String(sum, radix: 8).utf8)
        let padded = [UInt8](repeating: 0x30, count: max(0, 6 - digits.count)) + digits
        header.replaceSubrange(148..<154, with: padded)
        header[154] = 0
        header[155] = 0x20
    }

    static func paxRecord(_ key: String, _ value: [UInt8]) -> [UInt8] {
        let body = Array(" \(key)=".utf8) + value + [0x0a]
        var length = body.count + 1
        while String(length).utf8.count + body.count != length { length = String(length).utf8.count + body.count }
        return Array(String(length).utf8) + body
    }
}
