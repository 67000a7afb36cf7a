extension PythonLockCataloger {
    /// The part of TOML v1.0.0 (https://toml.io/en/v1.0.0) that Python lock files use (`poetry.lock`,
    /// `uv.lock`, `pdm.lock`): tables and arrays of tables with bare, quoted and dotted keys, the four
    /// string forms, arrays and inline tables spanning lines, booleans; numbers and dates are kept as
    /// written. A syntax error is recorded with its line and parsing resumes at the next table header,
    /// so one damaged entry does not hide the others.
    struct TOMLDocument {
        indirect enum Value: Equatable {
            case string(String)
            case bool(Bool)
            /// Integers, floats and dates, as written.
            case scalar(String)
            case array([Value])
            case table([String: Value])

            var string: String? { if case .string(let text) = self { text } else { nil } }
            var array: [Value]? { if case .array(let values) = self { values } else { nil } }
            var table: [String: Value]? { if case .table(let values) = self { values } else { nil } }
        }

        /// One `[header]` or `[[header]]` section; the root table has an empty header.
        struct Table {
            var header: [String]
            var isArrayElement: Bool
            var values: [String: Value] = [:]
        }

        struct Problem: Equatable {
            var line: Int
            var message: String
        }

        var tables: [Table]
        var problems: [Problem]

        var root: [String: Value] { tables.first { $0.header.isEmpty }?.values ?? [:] }

        /// The elements of the array of tables `[[name]]`, each with the sub-tables written after it
        /// (`[name.dependencies]`) merged in.
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

        static func merge(_ values: [String: Value], at path: [String], asArrayElement: Bool, into table: inout [String: Value]) {
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
            var parser = TOMLParser(bytes: Array(text.utf8))
            return parser.document()
        }
    }
}

private struct TOMLSyntaxError: Error {
    var message: String
}

/// A byte-level recursive-descent reader; nesting is bounded so hostile input cannot exhaust the stack.
private struct TOMLParser {
    typealias Value = PythonLockCataloger.TOMLDocument.Value
    typealias Table = PythonLockCataloger.TOMLDocument.Table

    let bytes: [UInt8]
    var index = 0
    var line = 1
    static let maxDepth = 32

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    mutating func document() -> PythonLockCataloger.TOMLDocument {
        var tables = [Table(header: [], isArrayElement: false)]
        var problems: [PythonLockCataloger.TOMLDocument.Problem] = []
        while current != nil {
            do { try statement(&tables) } catch {
                problems.append(.init(line: line, message: error.message))
                skipToNextHeader()
            }
        }
        return PythonLockCataloger.TOMLDocument(tables: tables, problems: problems)
    }

    mutating func statement(_ tables: inout [Table]) throws(TOMLSyntaxError) {
        skipBlanks()
        guard let byte = current else { return }
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            try newline()
        case UInt8(ascii: "#"):
            skipComment()
        case UInt8(ascii: "["):
            index += 1
            let isArray = current == UInt8(ascii: "[")
            if isArray { index += 1 }
            skipBlanks()
            let header = try key()
            try expect("]")
            if isArray { try expect("]") }
            try endOfLine()
            tables.append(Table(header: header, isArrayElement: isArray))
        default:
            let path = try key()
            try expect("=")
            skipBlanks()
            let value = try self.value(depth: 0)
            try endOfLine()
            try Self.insert(value, at: path, into: &tables[tables.count - 1].values)
        }
    }

    static func insert(_ value: Value, at path: [String], into table: inout [String: Value]) throws(TOMLSyntaxError) {
        guard let first = path.first else { throw TOMLSyntaxError(message: "empty key") }
        if path.count == 1 {
            guard table[first] == nil else { throw TOMLSyntaxError(message: "duplicate key '\(first)'") }
            table[first] = value
            return
        }
        var nested: [String: Value]
        switch table[first] {
        case nil: nested = [:]
        case .table(let existing)?: nested = existing
        default: throw TOMLSyntaxError(message: "key '\(first)' is not a table")
        }
        try insert(value, at: Array(path.dropFirst()), into: &nested)
        table[first] = .table(nested)
    }

    // MARK: Lexical pieces

    mutating func skipBlanks() {
        while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    mutating func skipComment() {
        while let byte = current, byte != UInt8(ascii: "\n") { index += 1 }
    }

    mutating func newline() throws(TOMLSyntaxError) {
        if current == UInt8(ascii: "\r") {
            index += 1
            guard current == UInt8(ascii: "\n") else { throw TOMLSyntaxError(message: "carriage return without line feed") }
        }
        index += 1
        line += 1
    }

    /// Blanks, newlines and comments, as allowed inside arrays.
    mutating func skipWhitespace() throws(TOMLSyntaxError) {
        while let byte = current {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): index += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): try newline()
            case UInt8(ascii: "#"): skipComment()
            default: return
            }
        }
    }

    mutating func endOfLine() throws(TOMLSyntaxError) {
        skipBlanks()
        if current == UInt8(ascii: "#") { skipComment() }
        guard let byte = current else { return }
        guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
            throw TOMLSyntaxError(message: "unexpected '\(Self.describe(byte))' after a value")
        }
        try newline()
    }

    mutating func expect(_ character: Unicode.Scalar) throws(TOMLSyntaxError) {
        skipBlanks()
        guard current == UInt8(ascii: character) else {
            throw TOMLSyntaxError(message: "expected '\(character)' but found \(current.map { "'\(Self.describe($0))'" } ?? "the end of the file")")
        }
        index += 1
    }

    /// After an error: resume at the next line that starts a table header.
    mutating func skipToNextHeader() {
        while current != nil {
            skipComment()
            guard current != nil else { return }
            index += 1
            line += 1
            var probe = index
            while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") || bytes[probe] == UInt8(ascii: "\t") { probe += 1 }
            if probe < bytes.count, bytes[probe] == UInt8(ascii: "[") { return }
        }
    }

    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\n"): "end of line"
        case 0x20..<0x7F: String(Unicode.Scalar(byte))
        default: "\\x" + String(byte, radix: 16)
        }
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }

    /// `a`, `"a b"`, `'a'` or dotted `a."b".c`.
    mutating func key() throws(TOMLSyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipBlanks()
            switch current {
            case UInt8(ascii: "\"")?: parts.append(try basicString())
            case UInt8(ascii: "'")?: parts.append(try literalString())
            case let byte? where Self.isBareKeyByte(byte):
                let start = index
                while let next = current, Self.isBareKeyByte(next) { index += 1 }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            default:
                throw TOMLSyntaxError(message: current.map { "expected a key but found '\(Self.describe($0))'" } ?? "expected a key")
            }
            skipBlanks()
            guard current == UInt8(ascii: ".") else { return parts }
            index += 1
        }
    }

    // MARK: Values

    mutating func value(depth: Int) throws(TOMLSyntaxError) -> Value {
        guard depth < Self.maxDepth else { throw TOMLSyntaxError(message: "arrays or inline tables nested too deeply") }
        guard let byte = current else { throw TOMLSyntaxError(message: "expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") { return .string(try multilineString(literal: false)) }
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") { return .string(try multilineString(literal: true)) }
            return .string(try literalString())
        case UInt8(ascii: "["):
            index += 1
            var values: [Value] = []
            while true {
                try skipWhitespace()
                if current == UInt8(ascii: "]") { index += 1; return .array(values) }
                values.append(try value(depth: depth + 1))
                try skipWhitespace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                try expect("]")
                return .array(values)
            }
        case UInt8(ascii: "{"):
            // TOML 1.0 keeps inline tables on one line; TOML 1.1 and some writers do not, so newlines are allowed.
            index += 1
            var table: [String: Value] = [:]
            while true {
                try skipWhitespace()
                if current == UInt8(ascii: "}") { index += 1; return .table(table) }
                let path = try key()
                try expect("=")
                skipBlanks()
                try Self.insert(try value(depth: depth + 1), at: path, into: &table)
                try skipWhitespace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                try expect("}")
                return .table(table)
            }
        default:
            let start = index
            while let next = current, !Self.endsBareValue(next) { index += 1 }
            // A date and time may be separated by one space: `1979-05-27 07:32:00Z`.
            if current == UInt8(ascii: " "), index - start == 10, let digit = peek(1), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) {
                index += 1
                while let next = current, !Self.endsBareValue(next) { index += 1 }
            }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "": throw TOMLSyntaxError(message: "expected a value but found '\(Self.describe(byte))'")
            default:
                guard let first = word.first, first.isNumber || "+-".contains(first) || ["inf", "nan"].contains(word) else {
                    throw TOMLSyntaxError(message: "unsupported value '\(word)'")
                }
                return .scalar(word)
            }
        }
    }

    static func endsBareValue(_ byte: UInt8) -> Bool {
        [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ","), UInt8(ascii: "]"),
         UInt8(ascii: "}"), UInt8(ascii: "#")].contains(byte)
    }

    /// `"…"` with TOML escapes.
    mutating func basicString() throws(TOMLSyntaxError) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let byte = current, byte != UInt8(ascii: "\n") else { throw TOMLSyntaxError(message: "unterminated string") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"): try escape(into: &out)
            default: out.append(byte)
            }
        }
    }

    /// `'…'`, no escapes.
    mutating func literalString() throws(TOMLSyntaxError) -> String {
        index += 1
        let start = index
        while let byte = current, byte != UInt8(ascii: "'") {
            guard byte != UInt8(ascii: "\n") else { throw TOMLSyntaxError(message: "unterminated string") }
            index += 1
        }
        guard current != nil else { throw TOMLSyntaxError(message: "unterminated string") }
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// `"""…"""` or `'''…'''`; a newline right after the opening quotes is dropped.
    mutating func multilineString(literal: Bool) throws(TOMLSyntaxError) -> String {
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        index += 3
        if current == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") { index += 2; line += 1 } else if current == UInt8(ascii: "\n") { index += 1; line += 1 }
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw TOMLSyntaxError(message: "unterminated multi-line string") }
            if byte == quote, peek(1) == quote, peek(2) == quote {
                index += 3
                var extra = 0
                while extra < 2, current == quote { out.append(quote); index += 1; extra += 1 }
                return String(decoding: out, as: UTF8.self)
            }
            index += 1
            if byte == UInt8(ascii: "\n") { line += 1 }
            if byte == UInt8(ascii: "\\") && !literal {
                // A line-ending backslash swallows the newline and the indentation after it.
                var probe = index
                while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") || bytes[probe] == UInt8(ascii: "\t") { probe += 1 }
                if probe < bytes.count, bytes[probe] == UInt8(ascii: "\n") || bytes[probe] == UInt8(ascii: "\r") {
                    index = probe
                    while let next = current, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(next) {
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

    mutating func escape(into out: inout [UInt8]) throws(TOMLSyntaxError) {
        guard let byte = current else { throw TOMLSyntaxError(message: "unterminated string") }
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
                  let scalar = Unicode.Scalar(code) else { throw TOMLSyntaxError(message: "invalid unicode escape") }
            index += width
            out += Array(String(Character(scalar)).utf8)
        default:
            throw TOMLSyntaxError(message: "invalid escape '\\\(Self.describe(byte))'")
        }
    }
}
