import Foundation

/// Parameter values are strings; these read them per `ParameterSpec.Kind`.
enum ParameterValue {
    /// Why `value` is not of `kind`, or nil when it is.
    static func check(_ value: String, _ kind: ParameterSpec.Kind) -> String? {
        switch kind {
        case .string: return nil
        case .bool: return bool(value) == nil ? "'\(value)' is not a boolean (true or false)" : nil
        case .int: return Int(value.trimmingCharacters(in: .whitespaces)) == nil ? "'\(value)' is not an integer" : nil
        case .float: return Double(value.trimmingCharacters(in: .whitespaces)) == nil ? "'\(value)' is not a number" : nil
        case .csv: return nil
        case .csvInt: return ints(value) == nil ? "'\(value)' is not a comma-separated list of integers" : nil
        case .oneOf(let allowed):
            return allowed.contains(value) || allowed.contains(value.lowercased()) ? nil : "'\(value)' is not one of \(allowed.joined(separator: ", "))"
        case .regex:
            do { _ = try NSRegularExpression(pattern: value); return nil } catch { return "'\(value)' is not a valid regex (regular expression)" }
        }
    }

    static func bool(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "true", "yes", "1": true
        case "false", "no", "0": false
        default: nil
        }
    }

    static func csv(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func ints(_ value: String) -> [Int]? {
        let parts = csv(value)
        let numbers = parts.compactMap { Int($0) }
        return numbers.count == parts.count ? numbers : nil
    }

    /// RFC 3339 / ISO 8601 times, with or without fractional seconds, or a plain date.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime], [.withFullDate]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
