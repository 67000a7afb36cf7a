/// Ruby literals as gemspecs write them, read without evaluating anything: double- and single-quoted
/// strings, `%q`/`%Q`/`%` strings, `%w` word arrays and `[…]` arrays of those, each optionally
/// followed by `.freeze`. Anything else (method calls, hashes, constants) is not a literal.
///
/// Syntax: https://docs.ruby-lang.org/en/master/syntax/literals_rdoc.html
indirect enum RubyLiteral: Equatable {
    /// `interpolated` when a double-quoted string holds `#{…}`, kept verbatim in `text`.
    case string(String, interpolated: Bool)
    case array([RubyLiteral])

    /// The string, or the strings of an array.
    var strings: [String] {
        switch self {
        case .string(let text, _): [text]
        case .array(let elements): elements.flatMap(\.strings)
        }
    }

    /// Parses one literal starting at `index` (leading blanks skipped); `nil` if none starts there.
    static func parse(_ bytes: [UInt8], from index: Int) -> RubyLiteral? {
        var reader = Reader(bytes: bytes, index: index)
        return reader.literal(depth: 0)
    }
}

private struct Reader {
    let bytes: [UInt8]
    var index: Int

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }
    func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    mutating func skipBlanks(newlines: Bool) {
        while let byte = current {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || (newlines && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r"))) {
                index += 1
            } else if newlines && byte == UInt8(ascii: "#") {
                while let next = current, next != UInt8(ascii: "\n") { index += 1 }
            } else {
                return
            }
        }
    }

    mutating func literal(depth: Int) -> RubyLiteral? {
        guard depth < 16 else { return nil }
        skipBlanks(newlines: depth > 0)
        guard let byte = current else { return nil }
        let value: RubyLiteral
        switch byte {
        case UInt8(ascii: "\""):
            index += 1
            guard let (text, interpolated) = doubleQuoted(until: UInt8(ascii: "\"")) else { return nil }
            value = .string(text, interpolated: interpolated)
        case UInt8(ascii: "'"):
            index += 1
            guard let text = singleQuoted() else { return nil }
            value = .string(text, interpolated: false)
        case UInt8(ascii: "%"):
            guard let parsed = percentLiteral() else { return nil }
            value = parsed
        case UInt8(ascii: "["):
            index += 1
            var elements: [RubyLiteral] = []
            while true {
                skipBlanks(newlines: true)
                if current == UInt8(ascii: "]") { index += 1; break }
                guard let element = literal(depth: depth + 1) else { return nil }
                elements.append(element)
                skipBlanks(newlines: true)
                if current == UInt8(ascii: ",") { index += 1; continue }
                guard current == UInt8(ascii: "]") else { return nil }
                index += 1
                break
            }
            value = .array(elements)
        default:
            return nil
        }
        let freeze = Array(".freeze".utf8)
        while index + freeze.count <= bytes.count, bytes[index..<(index + freeze.count)].elementsEqual(freeze) { index += freeze.count }
        return value
    }

    static func closing(_ open: UInt8) -> UInt8 {
        switch open {
        case UInt8(ascii: "("): UInt8(ascii: ")")
        case UInt8(ascii: "["): UInt8(ascii: "]")
        case UInt8(ascii: "{"): UInt8(ascii: "}")
        case UInt8(ascii: "<"): UInt8(ascii: ">")
        default: open
        }
    }

    /// `%q(…)`, `%Q(…)`, `%(…)`, `%w(…)` with any bracket pair or repeated delimiter.
    mutating func percentLiteral() -> RubyLiteral? {
        index += 1
        var kind = UInt8(ascii: "Q")
        if let byte = current, byte == UInt8(ascii: "q") || byte == UInt8(ascii: "Q") || byte == UInt8(ascii: "w") || byte == UInt8(ascii: "W") {
            kind = byte
            index += 1
        }
        guard let open = current, !(open >= UInt8(ascii: "a") && open <= UInt8(ascii: "z")), open != UInt8(ascii: " ") else { return nil }
        index += 1
        let close = Self.closing(open)
        switch kind {
        case UInt8(ascii: "Q"):
            return doubleQuoted(until: close).map { .string($0.0, interpolated: $0.1) }
        default:
            let start = index
            var depth = 0
            while let byte = current {
                if byte == open && open != close { depth += 1 }
                if byte == close {
                    if depth == 0 { break }
                    depth -= 1
                }
                index += 1
            }
            guard current == close else { return nil }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            index += 1
            if kind == UInt8(ascii: "q") { return .string(text, interpolated: false) }
            return .array(text.split(whereSeparator: \.isWhitespace).map { .string(String($0), interpolated: false) })
        }
    }

    mutating func singleQuoted() -> String? {
        var out: [UInt8] = []
        while let byte = current {
            index += 1
            if byte == UInt8(ascii: "'") { return String(decoding: out, as: UTF8.self) }
            if byte == UInt8(ascii: "\\"), let next = current, next == UInt8(ascii: "'") || next == UInt8(ascii: "\\") {
                out.append(next)
                index += 1
                continue
            }
            out.append(byte)
        }
        return nil
    }

    mutating func doubleQuoted(until close: UInt8) -> (String, Bool)? {
        var out: [UInt8] = []
        var interpolated = false
        while let byte = current {
            index += 1
            if byte == close { return (String(decoding: out, as: UTF8.self), interpolated) }
            if byte == UInt8(ascii: "#"), current == UInt8(ascii: "{") {
                interpolated = true
            }
            guard byte == UInt8(ascii: "\\") else { out.append(byte); continue }
            guard let escaped = current else { return nil }
            index += 1
            switch escaped {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "s"): out.append(0x20)
            case UInt8(ascii: "e"): out.append(0x1B)
            case UInt8(ascii: "0"): out.append(0x00)
            case UInt8(ascii: "u"):
                guard let scalars = unicodeEscape() else { return nil }
                for scalar in scalars { out += Array(String(Character(scalar)).utf8) }
            default: out.append(escaped)  // \" \\ \# and anything else stand for themselves
            }
        }
        return nil
    }

    /// After `\u`: four hex digits, or `{…}` with space-separated code points.
    mutating func unicodeEscape() -> [Unicode.Scalar]? {
        func hex(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
            UInt32(String(decoding: digits, as: UTF8.self), radix: 16).flatMap(Unicode.Scalar.init)
        }
        if current == UInt8(ascii: "{") {
            guard let end = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
            let codes = bytes[(index + 1)..<end].split(separator: UInt8(ascii: " "))
            index = end + 1
            let scalars = codes.compactMap(hex)
            return scalars.count == codes.count && !scalars.isEmpty ? scalars : nil
        }
        guard index + 4 <= bytes.count, let scalar = hex(bytes[index..<(index + 4)]) else { return nil }
        index += 4
        return [scalar]
    }
}
