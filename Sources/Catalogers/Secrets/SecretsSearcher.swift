#if canImport(Glibc)
import Glibc
#endif
import Cataloging
import Foundation
import Model

/// Searches text files up to a size limit for named patterns and reports where they match —
/// path, line, offset, length — never the matched text.
public struct SecretsSearcher: Sendable {
    public var patterns: [SecretPattern]
    public var maxFileSize: Int64

    public init(patterns: [SecretPattern] = SecretPattern.defaults, maxFileSize: Int64 = 1 << 20) {
        self.patterns = patterns
        self.maxFileSize = maxFileSize
    }

    /// Whether the search reads this file: a non-empty regular file within the size limit.
    public func reads(_ entry: FileEntry) -> Bool { entry.type == .regular && entry.size > 0 && entry.size <= maxFileSize }

    /// `known`: results of earlier analyses by layer diff ID; a file its layer's results say was searched is not read again.
    public func search(_ resolver: any FileResolver, known: [Digest: LayerFileResults] = [:]) -> (findings: [SecretFinding], diagnostics: [CatalogDiagnostic]) {
        var diagnostics: [CatalogDiagnostic] = []
        let compiled: [(SecretPattern, NSRegularExpression, [[UInt8]])] = patterns.compactMap { pattern in
            do {
                return (pattern, try NSRegularExpression(pattern: pattern.expression), pattern.literals.map { Array($0.utf8) })
            } catch {
                diagnostics.append(CatalogDiagnostic(cataloger: "secrets-cataloger", path: pattern.name, message: "invalid pattern: \(error)"))
                return nil
            }
        }
        var findings: [SecretFinding] = []
        for entry in resolver.entries where reads(entry) {
            if let layer = entry.layer, let results = known[layer], results.searched.contains(entry.path) {
                findings += results.secrets.filter { $0.location.path == entry.path && !findings.contains($0) }
                continue
            }
            guard let bytes = try? resolver.contents(of: entry.path), !Self.looksBinary(bytes) else { continue }
            for (pattern, expression, literals) in compiled {
                // Only the text around each literal hint goes through the regular expression:
                // from the start of its line to a window after it.
                var seen = Set<Int>()
                // A pattern without hints is run over the whole file.
                let positions = literals.isEmpty ? [0] : literals.flatMap({ Self.occurrences(of: $0, in: bytes) }).sorted()
                for position in positions {
                    let lineStart = Self.lineStart(bytes, before: position)
                    guard seen.insert(lineStart).inserted else { continue }
                    let windowEnd = literals.isEmpty ? bytes.count : min(bytes.count, position + Self.window)
                    let text = String(decoding: bytes[lineStart..<windowEnd], as: UTF8.self)
                    for match in expression.matches(in: text, range: NSRange(location: 0, length: text.utf16.count)) {
                        guard let range = Range(match.range, in: text) else { continue }
                        let offset = lineStart + text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                        let finding = SecretFinding(name: pattern.name, location: Location(entry),
                                                    line: bytes[..<offset].reduce(1) { $1 == 0x0a ? $0 + 1 : $0 }, offset: offset,
                                                    length: text.utf8.distance(from: range.lowerBound, to: range.upperBound))
                        if !findings.contains(finding) { findings.append(finding) }
                    }
                }
            }
        }
        return (findings, diagnostics)
    }

    /// How far past a hint a match may reach (a Docker config's auth spans a few lines).
    static let window = 2048

    /// Every position of `needle` (this runs over every text file of the image).
    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                var found: [Int] = []
                var offset = 0
                let first = Int32(pin[0])
                // memchr finds candidates for the first byte, memcmp checks the rest (libc speed in any build).
                while offset <= hay.count - pin.count,
                      let hit = memchr(hay.baseAddress! + offset, first, hay.count - pin.count + 1 - offset) {
                    let position = hay.baseAddress!.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, pin.baseAddress!, pin.count) == 0 { found.append(position) }
                    offset = position + 1
                }
                return found
            }
        }
    }

    /// A NUL byte in the first 8 KB means binary, as git and grep decide.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { memchr($0.baseAddress!, 0, min($0.count, 8000)) != nil }
    }

    static func lineStart(_ bytes: [UInt8], before position: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var index = position - 1
            while index >= 0 && raw[index] != 0x0a { index -= 1 }
            return index + 1
        }
    }
}
