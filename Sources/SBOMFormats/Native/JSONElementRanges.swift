/// Finds, without parsing values, where each element of some arrays in a JSON document is: the
/// arrays that are the values of given keys in the top-level object. `SBOMDecodingMemo` decodes
/// each package and relationship of a stored SBOM from its own bytes, so identical ones are decoded once.
///
/// Only structure is read (RFC 8259 §2–7): strings are skipped with their escapes, nesting is
/// counted, and anything unexpected gives nil, so the caller decodes the whole document instead.
enum JSONElementRanges {
    /// An array found: the range of the whole array (brackets included) and of each of its elements.
    struct Found: Equatable {
        var array: Range<Int>
        var elements: [Range<Int>]
    }

    /// The array of `key`; nil when it is missing, not an array, or the document is not as expected.
    static func ofArray(forKey key: String, in bytes: UnsafeBufferPointer<UInt8>) -> Found? {
        ofArrays(forKeys: [key], in: bytes)?[key]
    }

    /// The arrays of those `keys` the top-level object has, in one pass over it (a key whose value
    /// is not an array gives nil for the whole document, as does anything unexpected).
    static func ofArrays(forKeys keys: [String], in bytes: UnsafeBufferPointer<UInt8>) -> [String: Found]? {
        var scanner = Scanner(bytes: bytes)
        let targets = keys.map { Array($0.utf8) }
        var found: [String: Found] = [:]
        guard scanner.expect(UInt8(ascii: "{")) else { return nil }
        scanner.skipWhitespace()
        if scanner.current == UInt8(ascii: "}") { return found }
        while true {
            scanner.skipWhitespace()
            guard let name = scanner.string() else { return nil }
            scanner.skipWhitespace()
            guard scanner.expect(UInt8(ascii: ":")) else { return nil }
            scanner.skipWhitespace()
            if let index = targets.firstIndex(where: { bytes[name].elementsEqual($0) }) {
                let start = scanner.position
                guard let elements = scanner.arrayElements() else { return nil }
                found[keys[index]] = Found(array: start..<scanner.position, elements: elements)
                if found.count == keys.count { return found }
            } else {
                guard scanner.skipValue() else { return nil }
            }
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: "}") { return found }
            guard scanner.expect(UInt8(ascii: ",")) else { return nil }
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard current == byte else { return false }
            position += 1
            return true
        }

        /// A string's contents (between its quotes), the position after it.
        mutating func string() -> Range<Int>? {
            guard current == UInt8(ascii: "\"") else { return nil }
            position += 1
            let start = position
            while let byte = current {
                if byte == UInt8(ascii: "\\") { position += 2; continue }
                if byte == UInt8(ascii: "\"") { position += 1; return start..<(position - 1) }
                position += 1
            }
            return nil
        }

        /// Skips one value of any kind.
        mutating func skipValue() -> Bool {
            switch current {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while let byte = current {
                    switch byte {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { position += 1; return true }
                    default: break
                    }
                    position += 1
                }
                return false
            case nil:
                return false
            default:
                // A number, true, false or null: up to the next separator.
                let start = position
                while let byte = current, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
                      byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 { position += 1 }
                return position > start
            }
        }

        /// The ranges of the elements of the array starting here; the position after its `]`.
        mutating func arrayElements() -> [Range<Int>]? {
            guard expect(UInt8(ascii: "[")) else { return nil }
            var ranges: [Range<Int>] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") { position += 1; return ranges }
            while true {
                skipWhitespace()
                let start = position
                guard skipValue() else { return nil }
                ranges.append(start..<position)
                skipWhitespace()
                if current == UInt8(ascii: "]") { position += 1; return ranges }
                guard expect(UInt8(ascii: ",")) else { return nil }
            }
        }
    }
}
