import Foundation
import Model

/// Real Ubuntu, Red Hat and Rocky OVAL files in `../shared/feeds`, and small OVAL documents built by code.
enum OVALFeedFixtures {
    static let root = DebianFeedFixtures.root
    static let jammyUSN = root + "/ubuntu/oval/com.ubuntu.jammy.usn.oval.xml.bz2"
    static let nobleUSN = root + "/ubuntu/oval/com.ubuntu.noble.usn.oval.xml.bz2"
    static let rhel9 = root + "/redhat/oval/com.redhat.rhsa-RHEL9.xml.bz2"
    static let rocky9 = root + "/rocky/oval/org.rockylinux.rlsa-9.xml.bz2"
    /// vuln-list-update's fixture of an RHEL OVAL file left with an unclosed element (noticed at its end, line 412).
    static let brokenRHEL6 = root + "/samples/rhel/vuln-list-update/redhat/oval/broken-xml/RHEL6/rhel-6-extras-including-unpatched.oval.xml.bz2"

    /// A package test for `document(definitions:tests:)`: test/object/state `n` of `kind`
    /// (`dpkginfo`, `rpminfo`); `names` become a `constant_variable` when there are several;
    /// `state` is the state's inner XML (nil for a test without state).
    struct PackageTest {
        var n: Int
        var kind: String
        var names: [String]
        var state: String?
    }

    /// A minimal OVAL document: `definitions` (XML), the package tests, and one `uname_test` with id `oval:t:tst:1`.
    static func document(definitions: String, tests: [PackageTest]) -> String {
        let linux = "xmlns=\"http://oval.mitre.org/XMLSchema/oval-definitions-5#linux\""
        let testXML = tests.map { test in
            "<\(test.kind)_test id=\"oval:t:tst:\(test.n)\" version=\"1\" check=\"at least one\" \(linux)><object object_ref=\"oval:t:obj:\(test.n)\"/>"
                + (test.state == nil ? "" : "<state state_ref=\"oval:t:ste:\(test.n)\"/>") + "</\(test.kind)_test>"
        }.joined(separator: "\n")
        let objectXML = tests.map { test in
            let name = test.names.count == 1 ? "<name>\(test.names[0])</name>" : "<name var_ref=\"oval:t:var:\(test.n)\" var_check=\"at least one\"/>"
            return "<\(test.kind)_object id=\"oval:t:obj:\(test.n)\" version=\"1\" \(linux)>\(name)</\(test.kind)_object>"
        }.joined(separator: "\n")
        let stateXML = tests.compactMap { test in
            test.state.map { "<\(test.kind)_state id=\"oval:t:ste:\(test.n)\" version=\"1\" \(linux)>\($0)</\(test.kind)_state>" }
        }.joined(separator: "\n")
        let variableXML = tests.filter { $0.names.count != 1 }.map { test in
            "<constant_variable id=\"oval:t:var:\(test.n)\" version=\"1\" datatype=\"string\">"
                + test.names.map { "<value>\($0)</value>" }.joined() + "</constant_variable>"
        }.joined(separator: "\n")
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5">
          <definitions>\(definitions)</definitions>
          <tests>
            <uname_test id="oval:t:tst:1" version="1" check="at least one" xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix"><object object_ref="oval:t:obj:1"/></uname_test>
            \(testXML)
          </tests>
          <objects>\(objectXML)</objects>
          <states>\(stateXML)</states>
          <variables>\(variableXML)</variables>
        </oval_definitions>
        """
    }

    /// A patch definition with `references` (source, id) and criteria over `testRefs`.
    static func definition(_ id: String, title: String, references: [(String, String)], severity: String = "Medium",
                           platform: String? = nil, testRefs: [Int]) -> String {
        let criteria = testRefs.map { "<criterion test_ref=\"oval:t:tst:\($0)\" comment=\"c\"/>" }.joined()
        let refs = references.map { "<reference source=\"\($0.0)\" ref_id=\"\($0.1)\" ref_url=\"https://example.invalid/\($0.1)\"/>" }.joined()
        return """
        <definition id="\(id)" version="1" class="patch">
          <metadata><title>\(title)</title>
            <affected family="unix">\(platform.map { "<platform>\($0)</platform>" } ?? "")</affected>
            \(refs)
            <description>d</description>
            <advisory from="t"><severity>\(severity)</severity><issued date="2024-01-02"/></advisory>
          </metadata>
          <criteria operator="OR">\(criteria)</criteria>
        </definition>
        """
    }
}

/// One real Rocky record, checked by hand against `org.rockylinux.rlsa-9.xml` (RLSA-2023:0946).
/// `Tests/MatchingTests/RockyOVALMatchingTests.swift` matches the same record (that target does
/// not depend on Feeds); keep the two copies equal.
enum RockyFixture {
    static let openssl = VulnerabilityRecord(
        id: "CVE-2023-0286", namespace: "rocky:9", packageName: "openssl", versionFormat: "rpm", constraint: "< 1:3.0.1-47.el9_1",
        fixedIn: ["1:3.0.1-47.el9_1"], fixState: .fixed, severity: .high, related: ["RLSA-2023:0946"],
        summary: "openssl: X.400 address type confusion in X.509 GeneralName (CVE-2023-0286)",
        urls: ["https://errata.rockylinux.org/RLSA-2023:0946"], source: "rocky-oval", published: "2023-03-29", modified: "2023-03-29")
}
