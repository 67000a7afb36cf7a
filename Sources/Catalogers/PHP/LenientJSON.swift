/// JSON decoding helpers for lock files: one bad element must not sink its siblings, and a decoding
/// error should read as a short message naming where it happened.
enum LenientJSON {
    /// `packages[3].version: expected a string` rather than DecodingError's full dump.
    /// `base` is the coding path the caller already names (an element's own position).
    static func describe(_ error: any Error, below base: [any CodingKey] = []) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.count >= base.count ? context.codingPath.dropFirst(base.count) : context.codingPath[...]
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "" : text + ": "
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return path(context) + "missing \"\(key.stringValue)\""
        case .typeMismatch(let type, let context)?:
            return path(context) + "expected \(Self.name(of: type))"
        case .valueNotFound(let type, let context)?:
            return path(context) + "expected \(Self.name(of: type)) but found null"
        case .dataCorrupted(let context)?:
            let underlying = context.underlyingError.map { " (\(Self.underlyingDescription($0)))" } ?? ""
            return path(context) + context.debugDescription + underlying
        default:
            return "\(error)"
        }
    }

    static func name(of type: Any.Type) -> String {
        if type is String.Type { return "a string" }
        if type is Int.Type || type is Int64.Type || type is Double.Type { return "a number" }
        if type is Bool.Type { return "a boolean" }
        let text = String(describing: type)
        return text.hasPrefix("Array<") || text.hasPrefix("[") ? "an array" : "an object"
    }

    static func underlyingDescription(_ error: any Error) -> String {
        let text = "\(error)"
        // Foundation's JSON errors carry their message under NSDebugDescription.
        if let range = text.range(of: "NSDebugDescription=") {
            return String(text[range.upperBound...].prefix { $0 != "}" && $0 != "," })
        }
        return text
    }
}

/// An element decoded on its own: its value, or why it could not be decoded.
enum Lenient<Element: Decodable>: Decodable {
    case value(Element)
    case failure(String)

    init(from decoder: any Decoder) throws {
        do {
            self = .value(try Element(from: decoder))
        } catch {
            self = .failure(LenientJSON.describe(error, below: decoder.codingPath))
        }
    }
}

/// A value that may be of an unexpected type: decoded if it fits, else `nil` (so an odd optional field
/// does not discard its package).
struct Tolerant<Value: Decodable>: Decodable {
    var value: Value?

    init(from decoder: any Decoder) throws {
        value = try? Value(from: decoder)
    }
}

extension KeyedDecodingContainer {
    func tolerant<Value: Decodable>(_ type: Value.Type, forKey key: Key) -> Value? {
        (try? decodeIfPresent(Tolerant<Value>.self, forKey: key))??.value
    }
}
