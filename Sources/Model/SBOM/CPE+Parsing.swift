extension CPE {
    /// One CPE name taken apart (NISTIR 7695, CPE 2.3 Naming): the formatted-string binding
    /// `cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other`
    /// that NVD and the catalogers write, or the older 2.2 URI binding `cpe:/part:vendor:product:…`
    /// that some SBOMs carry.
    ///
    /// Values are kept as their logical (unescaped) text so both bindings compare alike; a lone
    /// `*` is ANY and a lone `-` is NA (§6.2.2). Embedded wildcards (`1.2*`, `?`) are rare in NVD
    /// data and are kept as literal text.
    public struct Attributes: Sendable, Hashable {
        /// `a` (application), `o` (operating system) or `h` (hardware), lowercased.
        public var part: String
        public var vendor: Value
        public var product: Value
        public var version: Value
        public var update: Value
        public var edition: Value
        public var language: Value
        public var softwareEdition: Value
        public var targetSoftware: Value
        public var targetHardware: Value
        public var other: Value

        /// A logical attribute value.
        public enum Value: Sendable, Hashable, CustomStringConvertible {
            /// `*`: any value matches.
            case any
            /// `-`: the attribute does not apply (a product without versions).
            case notApplicable
            /// Unescaped text.
            case literal(String)

            /// The text, or nil for ANY and NA.
            public var text: String? {
                if case .literal(let text) = self { return text }
                return nil
            }

            /// As the formatted-string binding writes it (escaped).
            public var description: String {
                switch self {
                case .any: "*"
                case .notApplicable: "-"
                case .literal(let text): CPE.escapeFormatted(text)
                }
            }
        }

        /// Parses either binding; nil when `text` is neither or has the wrong number of parts.
        public init?(parsing text: String) {
            if text.hasPrefix("cpe:2.3:") {
                let fields = Self.splitFormatted(text.dropFirst("cpe:2.3:".count))
                guard fields.count == 11 else { return nil }
                self.init(fields: fields.map(Self.formattedValue))
            } else if text.lowercased().hasPrefix("cpe:/") {
                let fields = text.dropFirst("cpe:/".count).split(separator: ":", omittingEmptySubsequences: false)
                guard (1...7).contains(fields.count) else { return nil }
                var values = fields.map(Self.uriValue)
                values += Array(repeating: .any, count: 11 - values.count)
                self.init(fields: values)
            } else {
                return nil
            }
            guard ["a", "o", "h"].contains(part), vendor.text != nil, product.text != nil else { return nil }
        }

        private init(fields: [Value]) {
            part = fields[0].text?.lowercased() ?? ""
            vendor = fields[1]
            product = fields[2]
            version = fields[3]
            update = fields[4]
            edition = fields[5]
            language = fields[6]
            softwareEdition = fields[7]
            targetSoftware = fields[8]
            targetHardware = fields[9]
            other = fields[10]
        }

        /// `vendor:product`, lowercased and in the formatted binding's escaping: the key NVD
        /// records are stored under (`nvd:cpe` namespace) and CPE matching looks up. The part
        /// (`a`/`o`) is left out on purpose: catalogers only generate `a` CPEs, while NVD files
        /// some products (firmware, runtimes) under `o`.
        public var vendorProduct: String {
            "\(vendor.description.lowercased()):\(product.description.lowercased())"
        }

        /// Splits at every `:` not escaped by a backslash, keeping escapes in the fields.
        private static func splitFormatted(_ text: Substring) -> [Substring] {
            var fields: [Substring] = []
            var start = text.startIndex
            var index = text.startIndex
            var escaped = false
            while index < text.endIndex {
                let character = text[index]
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" {
                    fields.append(text[start..<index])
                    start = text.index(after: index)
                }
                index = text.index(after: index)
            }
            fields.append(text[start...])
            return fields
        }

        private static func formattedValue(_ field: Substring) -> Value {
            if field == "*" || field.isEmpty { return .any }
            if field == "-" { return .notApplicable }
            var text = ""
            var escaped = false
            for character in field {
                if escaped {
                    text.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    text.append(character)
                }
            }
            return .literal(text)
        }

        /// CPE 2.2 URI values: empty is ANY, `-` is NA, `%xx` is a percent-encoded byte.
        private static func uriValue(_ field: Substring) -> Value {
            if field.isEmpty || field == "*" { return .any }
            if field == "-" { return .notApplicable }
            var bytes: [UInt8] = []
            var utf8 = field.utf8[...]
            while let byte = utf8.first {
                utf8 = utf8.dropFirst()
                if byte == UInt8(ascii: "%"), utf8.count >= 2,
                   let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    utf8 = utf8.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            }
            return .literal(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Backslash-escapes a logical value for the formatted-string binding: everything but
    /// letters, digits, `_`, `-` and `.` (§6.2.2.1). Unlike `escape`, spaces are escaped rather
    /// than turned into `_`: a parsed value is already in CPE's vocabulary.
    static func escapeFormatted(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "_" || character == "-" || character == "." {
                out.append(character)
            } else {
                out += "\\" + String(character)
            }
        }
        return out
    }
}
