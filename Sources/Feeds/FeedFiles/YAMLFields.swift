import Foundation
import Yams

/// Read access to one YAML mapping of an advisory file, by the scalars' text as written.
///
/// Values are never coerced through YAML 1.1 types: an unquoted `1.10` stays `"1.10"` (not the
/// float 1.1), `date: 2020-05-18` stays a string, and `cve: 2020-8164` keeps its text. Only the
/// plain null spellings (`~`, `null`, empty) read as absent. Parse with `YAMLFields.parse`.
struct YAMLFields {
    private let node: Node

    /// Parses a whole YAML document whose root must be a mapping.
    static func parse(_ bytes: [UInt8]) -> Result<YAMLFields, YAMLProblem> {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(YAMLProblem(message: "not UTF-8 text"))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return .failure(YAMLProblem(message: "invalid YAML: \(Self.describe(error))"))
        }
        guard let root, root.mapping != nil else {
            return .failure(YAMLProblem(message: "the document is not a YAML mapping"))
        }
        return .success(YAMLFields(node: root))
    }

    init?(_ node: Node) {
        guard node.mapping != nil else { return nil }
        self.node = node
    }

    private init(node: Node) {
        self.node = node
    }

    /// Whether `key` is present (even as null).
    func has(_ key: String) -> Bool { node[key] != nil }

    /// The scalar text at `key`, trimmed; nil when absent, null, empty or not a scalar.
    func text(_ key: String) -> String? {
        node[key].flatMap(Self.text)
    }

    /// The scalars at `key`: a sequence of scalars, or a single scalar read as a one-item list.
    /// Nil when a sequence item is not a scalar (a shape error the caller reports).
    func texts(_ key: String) -> [String]? {
        guard let value = node[key] else { return [] }
        if Self.isNull(value) { return [] }
        if let items = value.sequence {
            var result: [String] = []
            for item in items {
                guard item.scalar != nil else { return nil }
                if let text = Self.text(item) { result.append(text) }
            }
            return result
        }
        return Self.text(value).map { [$0] } ?? nil
    }

    /// The mapping at `key`, nil when absent or not a mapping.
    func fields(_ key: String) -> YAMLFields? {
        node[key].flatMap(YAMLFields.init)
    }

    /// Whether `key` holds something that is neither null nor a mapping.
    func isNonMapping(_ key: String) -> Bool {
        guard let value = node[key] else { return false }
        return !Self.isNull(value) && value.mapping == nil
    }

    /// The keys and values of this mapping in document order, keys by their text.
    var entries: [(key: String, value: Node)] {
        guard let mapping = node.mapping else { return [] }
        return mapping.compactMap { pair in Self.text(pair.key).map { (key: $0, value: pair.value) } }
    }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func text(_ node: Node) -> String? {
        guard let scalar = node.scalar, !isNull(node) else { return nil }
        let trimmed = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func describe(_ error: any Error) -> String {
        // YamlError's description spans lines with a caret marker; one line is enough here.
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }
}

/// Why a YAML advisory file could not be read as a mapping.
struct YAMLProblem: Error, Sendable {
    var message: String
}
