@testable import Catalogers
import Testing

/// The one TOML reader the lock-file catalogers share (Cargo.lock, poetry.lock, uv.lock, pdm.lock).
@Suite struct TOMLDocumentTests {
    @Test func stringsKeysAndTables() {
        let document = TOMLDocument.parse("""
            # comment
            version = 3
            "quoted key" = 'literal \\n'
            dotted.key = true
            [[package]]
            name = "a\\tb\\u00e9\\U0001F600" # trailing comment
            multi = \"\"\"
            one\\
               two\"\"\"
            raw = '''x'y'''
            deps = [
              "x", # first
              "y",
            ]
            inline = { a = 1, b.c = "d" }
            [metadata]
            "checksum x 1.0 (registry)" = "abc"
            """)
        #expect(document.problems.isEmpty)
        let root = document.tables[0]
        #expect(root.values["version"] == .integer(3))
        #expect(root.values["quoted key"] == .string("literal \\n"))
        #expect(root.values["dotted"] == .table(["key": .bool(true)]))
        let package = try? #require(document.arrayTables("package").first)
        #expect(package?.values["name"] == .string("a\tbé😀"))
        #expect(package?.values["multi"] == .string("onetwo"))
        #expect(package?.values["raw"] == .string("x'y"))
        #expect(package?.values["deps"] == .array([.string("x"), .string("y")]))
        #expect(package?.values["inline"] == .table(["a": .integer(1), "b": .table(["c": .string("d")])]))
        #expect(document.table("metadata")?.values["checksum x 1.0 (registry)"] == .string("abc"))
    }

    /// Floats and dates (in Python lock files' metadata) are kept as written.
    @Test func floatsAndDatesAreKeptAsWritten() {
        let document = TOMLDocument.parse("version = 1.5\nat = 1979-05-27T07:32:00Z\nbig = 1e6\n")
        #expect(document.problems.isEmpty)
        #expect(document.root["version"] == .scalar("1.5"))
        #expect(document.root["at"] == .scalar("1979-05-27T07:32:00Z"))
        #expect(document.root["big"] == .scalar("1e6"))
    }

    @Test(arguments: [
        ("a = \"open\n", 1, "unterminated string"),
        ("a = 1\na = 2\n", 2, "duplicate key 'a'"),
        ("a = bogus\n", 1, "unsupported value 'bogus'"),
        ("a = \"x\" b\n", 1, "unexpected 'b' after a value"),
        ("[table\n", 1, "expected ']' but found '\\xa'"),
        ("a = \"\\q\"\n", 1, "invalid escape '\\q'"),
    ])
    func syntaxErrors(_ text: String, _ line: Int, _ message: String) {
        #expect(TOMLDocument.parse(text).problems == [TOMLDocument.Problem(line: line, message: message)])
    }

    /// After an error parsing resumes at the next header; the broken table is flagged.
    @Test func recoversAtNextHeader() {
        let document = TOMLDocument.parse("[[package]]\nname = \"a\"\nversion = [\n  \"x\",\n  oops\n]\n[[package]]\nname = \"b\"\n")
        #expect(document.problems == [TOMLDocument.Problem(line: 5, message: "unsupported value 'oops'")])
        let packages = document.arrayTables("package")
        #expect(packages.map(\.isBroken) == [true, false])
        #expect(packages.last?.values["name"] == .string("b"))
    }

    @Test func deepNestingIsRefused() {
        let text = "a = " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
        #expect(TOMLDocument.parse(text).problems.first?.message == "arrays or inline tables nested too deeply")
    }
}
