import Cataloging
import Model

/// Go modules required by `go.mod` files (https://go.dev/ref/mod#go-mod-file), as Syft's
/// `go-module-file-cataloger` lists them: every `require` (indirect ones included), after `replace`
/// and `exclude` directives are applied. The main module itself is not listed.
public struct GoModFileCataloger: Cataloger {
    public let name = "go-module-file-cataloger"

    public init() {}

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && ImagePaths.base(entry.path) == "go.mod" {
            guard let text = resolver.text(of: entry, cataloger: name, diagnostics: &result.diagnostics) else { continue }
            let file = ModFile.parse(text)
            for problem in file.problems {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: "line \(problem.line): \(problem.message)"))
            }
            let location = Location(entry)
            for module in file.resolvedRequirements() {
                result.packages.append(Package(
                    name: module.path, version: module.version, type: .goModule, foundBy: name,
                    purl: GoBinaryCataloger.purl(module.path, version: module.version),
                    cpes: GoBinaryCataloger.cpes(module.path, version: module.version),
                    locations: [location], language: "go"))
            }
        }
        return result
    }
}

extension GoModFileCataloger {
    /// The directives of a `go.mod` file that decide which module versions a build uses.
    struct ModFile {
        struct Module: Hashable {
            var path: String
            var version: String
        }

        struct Replacement {
            var old: String
            /// `nil` replaces every version of `old`.
            var oldVersion: String?
            var new: String
            /// `nil` for a replacement by a directory.
            var newVersion: String?
        }

        struct Problem: Equatable {
            var line: Int
            var message: String
        }

        var module: String?
        var requirements: [Module] = []
        var excludes: Set<Module> = []
        var replacements: [Replacement] = []
        var problems: [Problem] = []

        static let knownDirectives: Set<String> = ["module", "go", "toolchain", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"]

        /// Requirements with exclusions dropped and replacements applied (a versioned replacement only
        /// matches that version). A directory replacement keeps the required module's identity: the code
        /// comes from disk, and the module path and version are still what the build declares.
        func resolvedRequirements() -> [Module] {
            var seen = Set<String>()
            var out: [Module] = []
            for requirement in requirements where !excludes.contains(requirement) {
                var module = requirement
                let replacement = replacements.last { $0.old == requirement.path && $0.oldVersion == requirement.version }
                    ?? replacements.last { $0.old == requirement.path && $0.oldVersion == nil }
                if let replacement, let newVersion = replacement.newVersion {
                    module = Module(path: replacement.new, version: newVersion)
                }
                if seen.insert(module.path).inserted { out.append(module) }
            }
            return out
        }

        static func parse(_ text: String) -> ModFile {
            var file = ModFile()
            var block: (verb: String, line: Int)?
            for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let number = offset + 1
                let tokens: [String]
                do { tokens = try tokenize(String(rawLine)) } catch {
                    file.problems.append(Problem(line: number, message: error.message))
                    continue
                }
                guard let first = tokens.first else { continue }
                if let open = block {
                    if first == ")" {
                        block = nil
                        if tokens.count > 1 { file.problems.append(Problem(line: number, message: "unexpected text after ')'")) }
                        continue
                    }
                    file.apply(verb: open.verb, arguments: tokens, line: number)
                    continue
                }
                guard knownDirectives.contains(first) else {
                    file.problems.append(Problem(line: number, message: "unknown directive: \(first)"))
                    if tokens.last == "(" { block = (first, number) }
                    continue
                }
                if tokens.count == 2 && tokens[1] == "(" {
                    block = (first, number)
                    continue
                }
                file.apply(verb: first, arguments: Array(tokens.dropFirst()), line: number)
            }
            if let open = block {
                file.problems.append(Problem(line: open.line, message: "'\(open.verb) (' is never closed"))
            }
            return file
        }

        mutating func apply(verb: String, arguments: [String], line: Int) {
            guard Self.knownDirectives.contains(verb) else { return }  // inside an unknown directive's block
            switch verb {
            case "module":
                guard arguments.count == 1 else { return problem(line, "usage: module module/path") }
                module = arguments[0]
            case "require", "exclude":
                guard arguments.count == 2 else { return problem(line, "usage: \(verb) module/path v1.2.3") }
                let module = Module(path: arguments[0], version: arguments[1])
                if verb == "require" { requirements.append(module) } else { excludes.insert(module) }
            case "replace":
                guard let arrow = arguments.firstIndex(of: "=>"), (1...2).contains(arrow), (1...2).contains(arguments.count - arrow - 1) else {
                    return problem(line, "usage: replace module/path [v1.2.3] => other/module v1.4 or => ../local/directory")
                }
                let target = Array(arguments[(arrow + 1)...])
                let isDirectory = target.count == 1
                if isDirectory && !Self.isLocalPath(target[0]) {
                    return problem(line, "replacement module without version must be a directory path (rooted or starting with ./ or ../)")
                }
                replacements.append(Replacement(old: arguments[0], oldVersion: arrow == 2 ? arguments[1] : nil,
                                                new: target[0], newVersion: isDirectory ? nil : target[1]))
            default:
                break  // go, toolchain, godebug, retract, tool, ignore: no effect on the module list
            }
        }

        mutating func problem(_ line: Int, _ message: String) {
            problems.append(Problem(line: line, message: message))
        }

        static func isLocalPath(_ path: String) -> Bool {
            path.hasPrefix("./") || path.hasPrefix("../") || path.hasPrefix("/") || path == "." || path == ".."
                || (path.count > 2 && path.dropFirst().first == ":")  // a Windows drive
        }

        struct TokenError: Error {
            var message: String
        }

        /// Splits a line into tokens: bare words, `"interpreted"` and `` `raw` `` strings, `(`, `)` and
        /// `=>`; a `//` comment ends the line.
        static func tokenize(_ line: String) throws(TokenError) -> [String] {
            var tokens: [String] = []
            var characters = Array(line)
            if characters.last == "\r" { characters.removeLast() }
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if character == " " || character == "\t" { index += 1; continue }
                if character == "/" && index + 1 < characters.count && characters[index + 1] == "/" { break }
                if character == "(" || character == ")" { tokens.append(String(character)); index += 1; continue }
                if character == "\"" || character == "`" {
                    var value = ""
                    index += 1
                    while index < characters.count && characters[index] != character {
                        if character == "\"" && characters[index] == "\\" && index + 1 < characters.count { index += 1 }
                        value.append(characters[index])
                        index += 1
                    }
                    guard index < characters.count else { throw TokenError(message: "unterminated quoted string") }
                    index += 1
                    tokens.append(value)
                    continue
                }
                var word = ""
                while index < characters.count {
                    let next = characters[index]
                    if next == " " || next == "\t" || next == "(" || next == ")" || next == "\"" || next == "`" { break }
                    if next == "/" && index + 1 < characters.count && characters[index + 1] == "/" { break }
                    word.append(next)
                    index += 1
                }
                tokens.append(word)
            }
            return tokens
        }
    }
}
