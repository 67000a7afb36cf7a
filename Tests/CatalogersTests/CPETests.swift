import Model
import Testing

/// CPE 2.3 formatted strings (NISTIR 7695 §6.2): 13 colon-separated components, `*` for ANY, reserved
/// characters backslash-escaped. Syft/NVD form: `cpe:2.3:a:golang:go:1.19.8:*:*:*:*:*:*:*`.
@Suite struct CPETests {
    @Test func defaultTargetSoftwareIsTheANYWildcard() {
        #expect(CPE.make(vendor: "golang", product: "go", version: "1.19.8") == "cpe:2.3:a:golang:go:1.19.8:*:*:*:*:*:*:*")
    }

    @Test func targetSoftwareIsTheTenthComponent() {
        let cpe = CPE.make(vendor: "python-six", product: "six", version: "1.16.0", targetSoftware: "python")
        #expect(cpe == "cpe:2.3:a:python-six:six:1.16.0:*:*:*:*:python:*:*")
        #expect(cpe.split(separator: ":", omittingEmptySubsequences: false).count == 13)
    }

    /// `:` and `/` are reserved and escaped, `+` too; a space becomes `_`; letters, digits, `_`, `-`, `.` stay.
    @Test(arguments: [
        ("1:2.5.1-4", #"1\:2.5.1-4"#),
        ("2.38.1-5+b1", #"2.38.1-5\+b1"#),
        ("a/b", #"a\/b"#),
        ("1.0 beta", "1.0_beta"),
        ("v1.2.3_rc-1", "v1.2.3_rc-1"),
    ])
    func versionEscaping(_ version: String, _ escaped: String) {
        #expect(CPE.make(vendor: "v", product: "p", version: version, targetSoftware: "node.js")
            == "cpe:2.3:a:v:p:\(escaped):*:*:*:*:node.js:*:*")
    }

    @Test func vendorAndProductEscaping() {
        #expect(CPE.make(vendor: "foo:bar", product: "baz/qux", version: "1", targetSoftware: "x")
            == #"cpe:2.3:a:foo\:bar:baz\/qux:1:*:*:*:*:x:*:*"#)
    }

    @Test func emptyVersionIsANY() {
        #expect(CPE.make(vendor: "v", product: "p", version: "", targetSoftware: "x") == "cpe:2.3:a:v:p:*:*:*:*:*:x:*:*")
    }

    @Test func candidatesAreLowercasedDeduplicatedAndSkipEmpties() {
        let candidates = CPE.candidates(vendors: ["PyYAML", "pyyaml", "", "yaml"], products: ["PyYAML", ""], version: "6.0.1", targetSoftware: "python")
        #expect(candidates == ["cpe:2.3:a:pyyaml:pyyaml:6.0.1:*:*:*:*:python:*:*", "cpe:2.3:a:yaml:pyyaml:6.0.1:*:*:*:*:python:*:*"])
    }

    @Test func candidatesWithDefaultTargetSoftware() {
        #expect(CPE.candidates(vendors: ["apt"], products: ["apt"], version: "1.8.2") == ["cpe:2.3:a:apt:apt:1.8.2:*:*:*:*:*:*:*"])
    }
}
