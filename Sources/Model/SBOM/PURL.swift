/// Package URLs (https://github.com/package-url/purl-spec): `pkg:type/namespace/name@version?qualifiers`.
public struct PURL: Sendable, Hashable, CustomStringConvertible {
    public var type: String
    public var namespace: String?
    public var name: String
    public var version: String?
    /// Sorted by key when written, as the spec asks.
    public var qualifiers: [String: String]

    public init(type: String, namespace: String? = nil, name: String, version: String?, qualifiers: [String: String] = [:]) {
        self.type = type
        self.namespace = namespace
        self.name = name
        self.version = version
        self.qualifiers = qualifiers.filter { !$0.value.isEmpty }
    }

    public var description: String {
        var text = "pkg:\(type)/"
        if let namespace, !namespace.isEmpty {
            text += namespace.split(separator: "/").map { Self.encode(String($0)) }.joined(separator: "/") + "/"
        }
        text += Self.encode(name)
        if let version, !version.isEmpty { text += "@" + Self.encode(version) }
        if !qualifiers.isEmpty {
            text += "?" + qualifiers.keys.sorted().map { "\($0)=\(Self.encode(qualifiers[$0]!, keepSlash: true))" }.joined(separator: "&")
        }
        return text
    }

    /// Percent-encodes all but unreserved characters (and `:` which the spec leaves as is).
    static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

/// CPE 2.3 formatted strings (NISTIR 7695) for NVD matching: `cpe:2.3:a:vendor:product:version:*:*:*:*:*:*:*`.
public enum CPE {
    public static func make(vendor: String, product: String, version: String, targetSoftware: String = "*") -> String {
        "cpe:2.3:a:\(escape(vendor)):\(escape(product)):\(escape(version)):*:*:*:*:\(escape(targetSoftware)):*:*"
    }

    /// Candidates for every vendor × product pair, deduplicated, in order.
    public static func candidates(vendors: [String], products: [String], version: String, targetSoftware: String = "*") -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for vendor in vendors where !vendor.isEmpty {
            for product in products where !product.isEmpty {
                let cpe = make(vendor: vendor.lowercased(), product: product.lowercased(), version: version, targetSoftware: targetSoftware)
                if seen.insert(cpe).inserted { out.append(cpe) }
            }
        }
        return out
    }

    /// Backslash-escapes what CPE 2.3 reserves (everything but letters, digits, `_`, `-`, `.`).
    static func escape(_ text: String) -> String {
        guard !text.isEmpty, text != "*" else { return "*" }  // ANY stays a bare wildcard
        var out = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "_" || character == "-" || character == "." { out.append(character) }
            else if character == " " { out.append("_") }
            else { out += "\\" + String(character) }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
