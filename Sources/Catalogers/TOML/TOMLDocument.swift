/// The part of TOML v1.0.0 (https://toml.io/en/v1.0.0) that lock files use (`Cargo.lock`,
/// `poetry.lock`, `uv.lock`, `pdm.lock`): tables, arrays of tables, bare, quoted and dotted keys,
/// the four string forms, integers, booleans, arrays and inline tables spanning lines; floats and
/// dates are kept as written (`scalar`). One reader for every cataloger.
///
/// A syntax error does not abandon the document: it is recorded with its line, the table it occurred
/// in is marked broken, and parsing resumes at the next table header.
struct TOMLDocument {
    indirect enum Value: Equatable {
        case string(String)
        case integer(Int64)
        /// Floats and dates, as written.
        case scalar(String)
        case bool(Bool)
        case array([Value])
        case table([String: Value])

        var string: String? { if case .string(let text) = self { text } else { nil } }
        var array: [Value]? { if case .array(let values) = self { values } else { nil } }
        var table: [String: Value]? { if case .table(let values) = self { values } else { nil } }
    }

    /// One `[header]` or `[[header]]` section (the root table has an empty header).
    struct Table {
        var header: [String]
        var isArrayElement: Bool
        /// 1-based line of the header.
        var line: Int
        var values: [String: Value] = [:]
        /// A syntax error occurred inside it, so its values are incomplete.
        var isBroken = false
    }

    struct Problem: Equatable {
        var line: Int
        var message: String
    }

    var tables: [Table]
    var problems: [Problem]

    /// Tables that are elements of the array of tables `name` (`[[package]]`).
    func arrayTables(_ name: String) -> [Table] {
        tables.filter { $0.isArrayElement && $0.header == [name] }
    }

    func table(_ name: String) -> Table? {
        tables.first { !$0.isArrayElement && $0.header == [name] }
    }

    var root: [String: Value] { tables.first { $0.header.isEmpty }?.values ?? [:] }

    /// The elements of the array of tables `[[name]]`, each with the sub-tables written after it
    /// (`[name.dependencies]`, `[[name.files]]`) merged in, as poetry writes them.
    func arrayOfTables(_ name: String) -> [[String: Value]] {
        var elements: [[String: Value]] = []
        var inside = false
        for table in tables {
            if table.header == [name] {
                inside = table.isArrayElement
                if inside { elements.append(table.values) }
            } else if inside, table.header.count > 1, table.header[0] == name, !elements.isEmpty {
                Self.merge(table.values, at: Array(table.header.dropFirst()), asArrayElement: table.isArrayElement, into: &elements[elements.count - 1])
            } else {
                inside = false
            }
        }
        return elements
    }

    private static func merge(_ values: [String: Value], at path: [String], asArrayElement: Bool, into table: inout [String: Value]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            if asArrayElement {
                table[first] = .array((table[first]?.array ?? []) + [.table(values)])
            } else {
                table[first] = .table((table[first]?.table ?? [:]).merging(values) { _, new in new })
            }
            return
        }
        var nested = table[first]?.table ?? [:]
        merge(values, at: Array(path.dropFirst()), asArrayElement: asArrayElement, into: &nested)
        table[first] = .table(nested)
    }

    static func parse(_ text: String) -> TOMLDocument {
        var parser = Parser(bytes: Array(text.utf8))
        return parser.document()
    }
}

private struct SyntaxError: Error {
    var message: String
}

private struct Parser {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    /// Nested arrays and inline tables deeper than this are rejected (no unbounded recursion).
    static let maxDepth = 32

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }  // UTF-8 byte order mark
    }

    var atEnd: Bool { index >= bytes.count }
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    mutating func document() -> TOMLDocument {
        var tables = [TOMLDocument.Table(header: [], isArrayElement: false, line: 1)]
        var problems: [TOMLDocument.Problem] = []
        while !atEnd {
            do {
                try statement(&tables)
            } catch {
                problems.append(TOMLDocument.Problem(line: line, message: error.message))
                tables[tables.count - 1].isBroken = true
                skipToNextHeader()
            }
        }
        return TOMLDocument(tables: tables, problems: problems)
    }

    /// One line's worth: blank, comment, table header or key/value pair.
    mutating func statement(_ tables: inout [TOMLDocument.Table]) throws(SyntaxError) {
        skipSpaces()
        guard let byte = current else { return }
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            try newline()
        case UInt8(ascii: "#"):
            skipComment()
        case UInt8(ascii: "["):
            let headerLine = line
            index += 1
            let isArray = current == UInt8(ascii: "[")
            if isArray { index += 1 }
            skipSpaces()
            let key = try self.key()
            skipSpaces()
            try expect("]")
            if isArray { try expect("]") }
            try endOfLine()
            tables.append(TOMLDocument.Table(header: key, isArrayElement: isArray, line: headerLine))
        default:
            let key = try self.key()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let value = try self.value(depth: 0)
            try Self.insert(value, at: key, into: &tables[tables.count - 1].values)
            try endOfLine()
        }
    }

    static func insert(_ value: TOMLDocument.Value, at key: [String], into table: inout [String: TOMLDocument.Value]) throws(SyntaxError) {
        guard let first = key.first else { throw SyntaxError(message: "empty key") }
        if key.count == 1 {
            guard table[first] == nil else { throw SyntaxError(message: "duplicate key '\(first)'") }
            table[first] = value
            return
        }
        var nested: [String: TOMLDocument.Value]
        switch table[first] {
        case .none: nested = [:]
        case .table(let existing)?: nested = existing
        default: throw SyntaxError(message: "key '\(first)' is not a table")
        }
        try insert(value, at: Array(key.dropFirst()), into: &nested)
        table[first] = .table(nested)
    }

    // MARK: Lexical pieces

    mutating func skipSpaces() {
        while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    mutating func skipComment() {
        while let byte = current, byte != UInt8(ascii: "\n") { index += 1 }
    }

    mutating func newline() throws(SyntaxError) {
        if current == UInt8(ascii: "\r") {
            index += 1
            guard current == UInt8(ascii: "\n") else { throw SyntaxError(message: "carriage return without line feed") }
        }
        index += 1
        line += 1
    }

    /// Spaces, newlines and comments, as allowed between array elements.
    mutating func skipWhitespaceAndComments() throws(SyntaxError) {
        while let byte = current {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): index += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): try newline()
            case UInt8(ascii: "#"): skipComment()
            default: return
            }
        }
    }

    mutating func endOfLine() throws(SyntaxError) {
        skipSpaces()
        if current == UInt8(ascii: "#") { skipComment() }
        guard let byte = current else { return }
        guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
            throw SyntaxError(message: "unexpected '\(Self.describe(byte))' after a value")
        }
        try newline()
    }

    mutating func expect(_ character: Unicode.Scalar) throws(SyntaxError) {
        guard current == UInt8(ascii: character) else {
            throw SyntaxError(message: "expected '\(character)' but found \(current.map { "'\(Self.describe($0))'" } ?? "the end of the file")")
        }
        index += 1
    }

    /// After a syntax error: resume at the next line that starts a table header.
    mutating func skipToNextHeader() {
        while !atEnd {
            skipComment()
            guard !atEnd else { return }
            index += 1
            line += 1
            var probe = index
            while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") || bytes[probe] == UInt8(ascii: "\t") { probe += 1 }
            if probe < bytes.count, bytes[probe] == UInt8(ascii: "[") { return }
        }
    }

    static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(Unicode.Scalar(byte)) : "\\x" + String(byte, radix: 16)
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }

    /// `a`, `"a b"`, `'a'`, or dotted `a.b."c"`.
    mutating func key() throws(SyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            switch current {
            case UInt8(ascii: "\"")?:
                parts.append(try basicString())
            case UInt8(ascii: "'")?:
                parts.append(try literalString())
            case let byte? where Self.isBareKeyByte(byte):
                let start = index
                while let byte = current, Self.isBareKeyByte(byte) { index += 1 }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            default:
                throw SyntaxError(message: current.map { "expected a key but found '\(Self.describe($0))'" } ?? "expected a key")
            }
            skipSpaces()
            guard current == UInt8(ascii: ".") else { return parts }
            index += 1
        }
    }

    // MARK: Values

    mutating func value(depth: Int) throws(SyntaxError) -> TOMLDocument.Value {
        guard depth < Self.maxDepth else { throw SyntaxError(message: "arrays or inline tables nested too deeply") }
        guard let byte = current else { throw SyntaxError(message: "expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") { return .string(try multilineString(literal: false)) }
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") { return .string(try multilineString(literal: true)) }
            return .string(try literalString())
        case UInt8(ascii: "["):
            index += 1
            var values: [TOMLDocument.Value] = []
            while true {
                try skipWhitespaceAndComments()
                if current == UInt8(ascii: "]") { index += 1; return .array(values) }
                values.append(try value(depth: depth + 1))
                try skipWhitespaceAndComments()
                if current == UInt8(ascii: ",") { index += 1; continue }
                try expect("]")
                return .array(values)
            }
        case UInt8(ascii: "{"):
            index += 1
            var table: [String: TOMLDocument.Value] = [:]
            skipSpaces()
            if current == UInt8(ascii: "}") { index += 1; return .table(table) }
            while true {
                let key = try self.key()
                skipSpaces()
                try expect("=")
                skipSpaces()
                try Self.insert(try value(depth: depth + 1), at: key, into: &table)
                skipSpaces()
                if current == UInt8(ascii: ",") { index += 1; skipSpaces(); continue }
                try expect("}")
                return .table(table)
            }
        default:
            let start = index
            while let byte = current, Self.isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") {
                index += 1
            }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "" where byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r"): throw SyntaxError(message: "missing value at the end of the line")
            case "": throw SyntaxError(message: "expected a value but found '\(Self.describe(byte))'")
            default:
                let digits = word.filter { $0 != "_" }
                if let integer = Int64(digits), !word.hasPrefix("_"), !word.hasSuffix("_"), !word.contains("__") { return .integer(integer) }
                // Floats (`3.5`, `1e6`, `+inf`, `nan`) and dates (`1979-05-27T07:32:00Z`): kept as written.
                if let first = word.unicodeScalars.first, "0123456789+-".unicodeScalars.contains(first) || ["inf", "nan"].contains(word) {
                    return .scalar(word)
                }
                throw SyntaxError(message: "unsupported value '\(word)'")
            }
        }
    }

    /// `"…"` with TOML escapes.
    mutating func basicString() throws(SyntaxError) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let byte = current, byte != UInt8(ascii: "\n") else { throw SyntaxError(message: "unterminated string") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"): try escape(into: &out)
            default: out.append(byte)
            }
        }
    }

    /// `'…'`: no escapes.
    mutating func literalString() throws(SyntaxError) -> String {
        index += 1
        let start = index
        while let byte = current, byte != UInt8(ascii: "'") {
            guard byte != UInt8(ascii: "\n") else { throw SyntaxError(message: "unterminated string") }
            index += 1
        }
        guard !atEnd else { throw SyntaxError(message: "unterminated string") }
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// `"""…"""` or `'''…'''`; a newline right after the opening delimiter is dropped.
    mutating func multilineString(literal: Bool) throws(SyntaxError) -> String {
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        index += 3
        if current == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") { index += 2; line += 1 } else if current == UInt8(ascii: "\n") { index += 1; line += 1 }
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw SyntaxError(message: "unterminated multi-line string") }
            if byte == quote, peek(1) == quote, peek(2) == quote {
                index += 3
                // Up to two more quotes right before the closing delimiter belong to the content.
                var extra = 0
                while extra < 2, current == quote { out.append(quote); index += 1; extra += 1 }
                return String(decoding: out, as: UTF8.self)
            }
            index += 1
            if byte == UInt8(ascii: "\n") { line += 1 }
            if byte == UInt8(ascii: "\\") && !literal {
                // A line-ending backslash trims all whitespace up to the next non-blank character.
                var probe = index
                while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") || bytes[probe] == UInt8(ascii: "\t") { probe += 1 }
                if probe < bytes.count, bytes[probe] == UInt8(ascii: "\n") || bytes[probe] == UInt8(ascii: "\r") {
                    index = probe
                    while let next = current, next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") {
                        if next == UInt8(ascii: "\n") { line += 1 }
                        index += 1
                    }
                    continue
                }
                try escape(into: &out)
                continue
            }
            out.append(byte)
        }
    }

    mutating func escape(into out: inout [UInt8]) throws(SyntaxError) {
        guard let byte = current else { throw SyntaxError(message: "unterminated string") }
        index += 1
        switch byte {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let width = byte == UInt8(ascii: "u") ? 4 : 8
            guard index + width <= bytes.count,
                  let code = UInt32(String(decoding: bytes[index..<(index + width)], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(code) else { throw SyntaxError(message: "invalid unicode escape") }
            index += width
            out += Array(String(Character(scalar)).utf8)
        default:
            throw SyntaxError(message: "invalid escape '\\\(Self.describe(byte))'")
        }
    }
}
