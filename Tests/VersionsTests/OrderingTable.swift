import Testing
@testable import Versions

/// One row of an ordering table: `lhs op rhs` with op one of `<`, `=`, `>`.
struct OrderCase: Sendable, CustomTestStringConvertible {
    let lhs: String
    let op: String
    let rhs: String

    var expected: Int { op == "<" ? -1 : (op == "=" ? 0 : 1) }
    var testDescription: String { "\(lhs) \(op) \(rhs)" }

    /// Rows of `A op B`, one per line; blank lines and `#` comments are skipped.
    static func table(_ text: String) -> [OrderCase] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: " ")
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            let parts = trimmed.split(separator: " ", omittingEmptySubsequences: true)
            precondition(parts.count == 3 && ["<", "=", ">"].contains(parts[1]), "bad table row: \(line)")
            return OrderCase(lhs: String(parts[0]), op: String(parts[1]), rhs: String(parts[2]))
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return s
    }
}

/// Checks one row both ways, with `<`, `==` and hashing agreeing with `compare(to:)`.
func expectOrder<V: VersionScheme>(_ type: V.Type, _ row: OrderCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let a = try V(parsing: row.lhs)
    let b = try V(parsing: row.rhs)
    #expect(a.compare(to: b) == row.expected, "\(row.testDescription)", sourceLocation: sourceLocation)
    #expect(b.compare(to: a) == -row.expected, "reversed: \(row.testDescription)", sourceLocation: sourceLocation)
    #expect((a < b) == (row.expected < 0), sourceLocation: sourceLocation)
    #expect((a == b) == (row.expected == 0), sourceLocation: sourceLocation)
    if row.expected == 0 {
        #expect(a.hashValue == b.hashValue, "equal versions hash alike: \(row.testDescription)", sourceLocation: sourceLocation)
    }
    // The type-erased path agrees.
    #expect(try a.erased.compare(to: b.erased) == row.expected, sourceLocation: sourceLocation)
    #expect(try V.format.parse(row.lhs) == a.erased, sourceLocation: sourceLocation)
}

/// Checks that `versions` is strictly ascending, every pair.
func expectAscending<V: VersionScheme>(_ type: V.Type, _ versions: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let parsed = try versions.map { try V(parsing: $0) }
    for i in parsed.indices {
        for j in parsed.indices where i < j {
            #expect(parsed[i] < parsed[j], "\(versions[i]) < \(versions[j])", sourceLocation: sourceLocation)
            #expect(parsed[j].compare(to: parsed[i]) == 1, "\(versions[j]) > \(versions[i])", sourceLocation: sourceLocation)
        }
    }
    #expect(parsed.shuffled().sorted() == parsed, sourceLocation: sourceLocation)
}

/// Checks that every string in `inputs` is rejected with an error naming it.
func expectInvalid<V: VersionScheme>(_ type: V.Type, _ inputs: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    for input in inputs {
        do {
            let parsed = try V(parsing: input)
            Issue.record("\"\(input)\" should be an invalid \(V.format) version, parsed as \(parsed)", sourceLocation: sourceLocation)
        } catch {
            guard case let .invalidVersion(named, format, reason) = error else {
                Issue.record("unexpected error \(error) for \"\(input)\"", sourceLocation: sourceLocation)
                continue
            }
            #expect(named == input, sourceLocation: sourceLocation)
            #expect(format == V.format, sourceLocation: sourceLocation)
            #expect(!reason.isEmpty, sourceLocation: sourceLocation)
            #expect(error.description.contains("\"\(input)\""), sourceLocation: sourceLocation)
        }
    }
}
