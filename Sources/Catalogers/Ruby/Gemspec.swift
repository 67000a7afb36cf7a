/// A gem specification read as text, never evaluated. RubyGems writes installed specs
/// (`specifications/<name>-<version>.gemspec`) with `Gem::Specification#to_ruby`: one
/// `s.attribute = literal` per line inside `Gem::Specification.new do |s| … end`.
///
/// Attributes are read only through the block's own variable (`|spec|` → `spec.name`), as trivy does,
/// and only when their value is a literal; `#{s.name}` and `#{s.version}` in the homepage are
/// substituted and any other interpolation drops the value (Syft does the same).
struct Gemspec: Equatable {
    var name: String
    var version: String
    var authors: [String] = []
    var licenses: [String] = []
    var homepage: String?
    var files: [String] = []
    var dependencies: [String] = []

    struct Problem: Error, Equatable {
        var message: String
    }

    static func parse(_ text: String) -> Result<Gemspec, Problem> {
        let bytes = Array(text.utf8)
        let variable = blockVariable(bytes)
        var values: [String: RubyLiteral] = [:]
        // `to_ruby` writes the dependencies twice: `add_runtime_dependency`/`add_development_dependency`
        // for RubyGems that know them, plain `add_dependency` (all of them) in the fallback branch.
        var runtimeDependencies: [String] = []
        var plainDependencies: [String] = []
        var sawDevelopmentDependency = false
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            var index = lineStart
            while index < lineEnd, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            guard let (receiver, afterReceiver) = identifier(bytes, index), afterReceiver < lineEnd, bytes[afterReceiver] == UInt8(ascii: "."),
                  variable == nil || receiver == variable,
                  let (attribute, afterAttribute) = identifier(bytes, afterReceiver + 1) else { continue }
            var cursor = afterAttribute
            while cursor < lineEnd, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            if attribute == "add_development_dependency" { sawDevelopmentDependency = true }
            if attribute == "add_runtime_dependency" || attribute == "add_dependency" {
                if cursor < lineEnd, bytes[cursor] == UInt8(ascii: "(") { cursor += 1 }
                if case .string(let dependency, false)? = RubyLiteral.parse(bytes, from: cursor) {
                    if attribute == "add_dependency" {
                        if !plainDependencies.contains(dependency) { plainDependencies.append(dependency) }
                    } else if !runtimeDependencies.contains(dependency) {
                        runtimeDependencies.append(dependency)
                    }
                }
                continue
            }
            guard cursor < lineEnd, bytes[cursor] == UInt8(ascii: "="), cursor + 1 < bytes.count, bytes[cursor + 1] != UInt8(ascii: "=") else { continue }
            if let literal = RubyLiteral.parse(bytes, from: cursor + 1) { values[attribute] = literal }
        }

        func plain(_ key: String) -> String? {
            guard case .string(let text, false)? = values[key], !text.isEmpty else { return nil }
            return text
        }
        func list(_ keys: String...) -> [String] {
            for key in keys {
                guard let value = values[key] else { continue }
                return literalStrings(value)
            }
            return []
        }
        let receiver = variable ?? "s"
        guard let name = plain("name") else { return .failure(Problem(message: "no literal \(receiver).name")) }
        guard let version = plain("version") else { return .failure(Problem(message: "no literal \(receiver).version")) }
        var homepage: String?
        if case .string(var text, let interpolated)? = values["homepage"] {
            if interpolated {
                for prefix in Set([receiver, "s", "spec", "gem"]) {
                    text = text.replacing("#{\(prefix).name}", with: name).replacing("#{\(prefix).version}", with: version)
                }
            }
            homepage = text.contains("#{") || text.isEmpty ? nil : text
        }
        return .success(Gemspec(name: name, version: version, authors: list("authors", "author"), licenses: list("licenses", "license"),
                                homepage: homepage, files: list("files"),
                                dependencies: runtimeDependencies.isEmpty && !sawDevelopmentDependency ? plainDependencies : runtimeDependencies))
    }

    /// The strings of a literal, leaving out interpolated ones.
    static func literalStrings(_ literal: RubyLiteral) -> [String] {
        switch literal {
        case .string(let text, let interpolated): interpolated || text.isEmpty ? [] : [text]
        case .array(let elements): elements.flatMap(literalStrings)
        }
    }

    /// `s` in `Gem::Specification.new do |s|` (or `{ |s|`); `nil` when there is no such block.
    static func blockVariable(_ bytes: [UInt8]) -> String? {
        let marker = Array("Gem::Specification.new".utf8)
        guard let start = bytes.indices.first(where: { bytes[$0...].starts(with: marker) }) else { return nil }
        var index = start + marker.count
        let limit = min(bytes.count, index + 200)
        while index < limit, bytes[index] != UInt8(ascii: "|") {
            guard bytes[index] != UInt8(ascii: "\n") || index == start + marker.count else { break }
            index += 1
        }
        guard index < limit, bytes[index] == UInt8(ascii: "|") else { return nil }
        index += 1
        while index < limit, bytes[index] == UInt8(ascii: " ") { index += 1 }
        return identifier(bytes, index)?.0
    }

    /// A Ruby identifier at `index` and the index after it.
    static func identifier(_ bytes: [UInt8], _ index: Int) -> (String, Int)? {
        var end = index
        while end < bytes.count {
            let byte = bytes[end]
            let isLetter = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isLetter || (isDigit && end > index) else { break }
            end += 1
        }
        return end > index ? (String(decoding: bytes[index..<end], as: UTF8.self), end) : nil
    }
}
