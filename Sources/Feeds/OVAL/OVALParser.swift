import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// SAX handler that reads an OVAL definitions document into an `OVALDocument`, keeping only what
/// the distro transformers need (no criteria operators, no contents of non-package tests,
/// objects or states), so memory stays well below the document size.
///
/// Element names are matched by local name (`linux-def:dpkginfo_test`, `red-def:rpminfo_test`
/// and an unprefixed `dpkginfo_test` are the same), since generators differ in prefixes.
final class OVALParser: NSObject, XMLParserDelegate {
    private enum Section: String { case none, generator, definitions, tests, objects, states, variables }

    private(set) var document = OVALDocument()
    private(set) var rootElement: String?
    private(set) var cancelled = false
    private var section = Section.none
    private var definition: OVALDocument.Definition?
    private var inDebianExtension = false
    private var inAdvisory = false
    private var cveAttributes: [String: String] = [:]
    private var testID: String?
    private var test: OVALDocument.PackageTest?
    private var objectID: String?
    private var object: OVALDocument.PackageObject?
    private var stateID: String?
    private var state: OVALDocument.PackageState?
    private var variableID: String?
    private var variableValues: [String] = []
    /// The text being collected for the current leaf element, nil when not collecting.
    private var text: String?
    private var elementCount = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        elementCount += 1
        if elementCount & 0xFFF == 0, Task.isCancelled {
            cancelled = true
            parser.abortParsing()
            return
        }
        let name = Self.localName(elementName)
        if rootElement == nil { rootElement = name }
        switch section {
        case .none:
            section = Section(rawValue: name) ?? .none
        case .generator:
            if name == "product_name" { text = "" }
        case .definitions:
            startInDefinitions(name, attributes: attributes, line: parser.lineNumber)
        case .tests:
            startInTests(name, attributes: attributes)
        case .objects:
            if let kind = Self.packageKind(name, suffix: "_object") {
                objectID = attributes["id"]
                object = OVALDocument.PackageObject(kind: kind)
            } else if name == "name", object != nil {
                object?.nameVariable = attributes["var_ref"]
                text = ""
            }
        case .states:
            if let kind = Self.packageKind(name, suffix: "_state") {
                stateID = attributes["id"]
                state = OVALDocument.PackageState(kind: kind)
            } else if state != nil {
                switch name {
                case "evr":
                    // OVAL's default operation is `equals`.
                    state?.evrOperation = attributes["operation"] ?? "equals"
                    state?.evrDatatype = attributes["datatype"]
                    text = ""
                case "arch", "signature_keyid":
                    text = ""
                default: break
                }
            }
        case .variables:
            if name == "constant_variable" {
                variableID = attributes["id"]
                variableValues = []
            } else if name == "value", variableID != nil {
                text = ""
            }
        }
    }

    private func startInDefinitions(_ name: String, attributes: [String: String], line: Int) {
        switch name {
        case "definition":
            definition = OVALDocument.Definition(id: attributes["id"] ?? "line \(line)",
                                                 definitionClass: attributes["class"] ?? "", line: line)
        case "debian":
            inDebianExtension = true
        case "advisory":
            inAdvisory = true
            definition?.advisoryFrom = attributes["from"]
        case "title", "platform", "product", "description", "dsa", "date", "moreinfo", "urgency", "severity":
            if definition != nil { text = "" }
        case "cve", "cpe":
            if inAdvisory, definition != nil {
                cveAttributes = attributes
                text = ""
            }
        case "issued":
            if inAdvisory { definition?.issued = attributes["date"] }
        case "updated":
            if inAdvisory { definition?.updated = attributes["date"] }
        case "reference":
            if let source = attributes["source"], let id = attributes["ref_id"] {
                definition?.references.append(.init(source: source, id: id, url: attributes["ref_url"]))
            }
        case "criterion":
            if let ref = attributes["test_ref"] { definition?.criteria.append(.init(testRef: ref, comment: attributes["comment"])) }
        default: break
        }
    }

    private func startInTests(_ name: String, attributes: [String: String]) {
        if let kind = Self.packageKind(name, suffix: "_test") {
            testID = attributes["id"]
            test = OVALDocument.PackageTest(kind: kind, comment: attributes["comment"])
        } else if name.hasSuffix("_test") {
            if let id = attributes["id"] { document.otherTests[id] = name }
        } else if name == "object", test != nil {
            test?.objectRef = attributes["object_ref"]
        } else if name == "state", test != nil {
            test?.stateRef = attributes["state_ref"]
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text?.append(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        text?.append(String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = Self.localName(elementName)
        let value = text.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        text = nil
        if name == section.rawValue {
            section = .none
            return
        }
        switch section {
        case .none:
            break
        case .generator:
            if name == "product_name", let value, !value.isEmpty { document.generator = value }
        case .definitions:
            endInDefinitions(name, value: value)
        case .tests:
            if Self.packageKind(name, suffix: "_test") != nil, let id = testID, let test {
                document.packageTests[id] = test
                testID = nil
                self.test = nil
            }
        case .objects:
            if name == "name", var current = object {
                current.name = current.nameVariable == nil ? value : nil
                object = current
            } else if Self.packageKind(name, suffix: "_object") != nil, let id = objectID, let object {
                document.packageObjects[id] = object
                objectID = nil
                self.object = nil
            }
        case .states:
            switch name {
            case "evr": state?.evr = value
            case "arch": state?.arch = value
            case "signature_keyid": state?.signatureKeyID = value
            default:
                if Self.packageKind(name, suffix: "_state") != nil, let id = stateID, let state {
                    document.packageStates[id] = state
                    stateID = nil
                    self.state = nil
                }
            }
        case .variables:
            if name == "value", variableID != nil, let value {
                variableValues.append(value)
            } else if name == "constant_variable", let id = variableID {
                document.constantVariables[id] = variableValues
                variableID = nil
            }
        }
    }

    private func endInDefinitions(_ name: String, value: String?) {
        switch name {
        case "definition":
            if let definition { document.definitions.append(definition) }
            definition = nil
            inAdvisory = false
            inDebianExtension = false
        case "debian":
            inDebianExtension = false
        case "advisory":
            inAdvisory = false
        case "title": definition?.title = value ?? ""
        case "platform": if let value, !value.isEmpty { definition?.platforms.append(value) }
        case "product": if let value, !value.isEmpty { definition?.products.append(value) }
        case "description": definition?.description = value ?? ""
        case "dsa": if inDebianExtension, let value, !value.isEmpty { definition?.debianAdvisories.append(value) }
        case "date": if inDebianExtension, let value, !value.isEmpty { definition?.debianDate = value }
        case "moreinfo": if inDebianExtension { definition?.debianMoreInfo = value ?? "" }
        case "urgency", "severity":
            guard let value, !value.isEmpty else { break }
            if inDebianExtension { definition?.debianUrgency = value } else if inAdvisory, name == "severity" { definition?.severity = value }
        case "cve":
            if inAdvisory, let value, !value.isEmpty { definition?.advisoryCVEs.append(.init(id: value, attributes: cveAttributes)) }
        case "cpe":
            if inAdvisory, let value, !value.isEmpty { definition?.affectedCPEs.append(value) }
        default: break
        }
    }

    /// `dpkginfo_test` with suffix `_test` → `.dpkg`; nil for any other element.
    private static func packageKind(_ name: String, suffix: String) -> OVALDocument.PackageKind? {
        guard name.hasSuffix(suffix) else { return nil }
        return OVALDocument.PackageKind(rawValue: String(name.dropLast(suffix.count)))
    }

    /// `linux-def:dpkginfo_test` → `dpkginfo_test` (the parser does not process namespaces).
    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
}
