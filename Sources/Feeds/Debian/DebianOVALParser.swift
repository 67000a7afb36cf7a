import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// SAX handler that reads a Debian OVAL document into a `DebianOVALDocument`, keeping only
/// what the transformer needs (no criteria tree, no non-dpkg tests), so memory stays well below
/// the document size.
final class DebianOVALParser: NSObject, XMLParserDelegate {
    private enum Section { case none, definitions, tests, objects, states }

    private(set) var document = DebianOVALDocument()
    private(set) var rootElement: String?
    private(set) var cancelled = false
    private var section = Section.none
    private var definition: DebianOVALDocument.Definition?
    private var inDebianExtension = false
    private var testID: String?
    private var test = DebianOVALDocument.DpkgTest()
    private var objectID: String?
    private var objectName: String?
    private var objectNameIsLiteral = true
    private var stateID: String?
    private var state = DebianOVALDocument.DpkgState()
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
            switch name {
            case "definitions": section = .definitions
            case "tests": section = .tests
            case "objects": section = .objects
            case "states": section = .states
            default: break
            }
        case .definitions:
            startInDefinitions(name, attributes: attributes, line: parser.lineNumber)
        case .tests:
            switch name {
            case "dpkginfo_test":
                testID = attributes["id"]
                test = DebianOVALDocument.DpkgTest()
            case "object" where testID != nil:
                test.objectRef = attributes["object_ref"]
            case "state" where testID != nil:
                test.stateRef = attributes["state_ref"]
            default: break
            }
        case .objects:
            if name == "dpkginfo_object" {
                objectID = attributes["id"]
                objectName = nil
                objectNameIsLiteral = true
            } else if name == "name", objectID != nil {
                if attributes["var_ref"] != nil { objectNameIsLiteral = false }
                text = ""
            }
        case .states:
            if name == "dpkginfo_state" {
                stateID = attributes["id"]
                state = DebianOVALDocument.DpkgState()
            } else if name == "evr", stateID != nil {
                state.operation = attributes["operation"] ?? "equals"
                state.datatype = attributes["datatype"]
                text = ""
            }
        }
    }

    private func startInDefinitions(_ name: String, attributes: [String: String], line: Int) {
        switch name {
        case "definition":
            definition = DebianOVALDocument.Definition(id: attributes["id"] ?? "line \(line)",
                                                       definitionClass: attributes["class"] ?? "", line: line)
        case "debian":
            inDebianExtension = true
        case "title", "platform", "product", "description", "dsa", "date", "moreinfo", "urgency", "severity":
            if definition != nil { text = "" }
        case "reference":
            if let source = attributes["source"], let id = attributes["ref_id"] {
                definition?.references.append(.init(source: source, id: id, url: attributes["ref_url"]))
            }
        case "criterion":
            if let ref = attributes["test_ref"] { definition?.testRefs.append(ref) }
        default: break
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
        switch section {
        case .none:
            break
        case .definitions:
            endInDefinitions(name, value: value)
        case .tests:
            if name == "tests" { section = .none }
            else if name == "dpkginfo_test", let id = testID {
                document.dpkgTests[id] = test
                testID = nil
            }
        case .objects:
            if name == "objects" { section = .none }
            else if name == "name", objectID != nil { objectName = value }
            else if name == "dpkginfo_object", let id = objectID {
                document.dpkgObjects[id] = objectNameIsLiteral ? objectName : nil
                objectID = nil
            }
        case .states:
            if name == "states" { section = .none }
            else if name == "evr", stateID != nil { state.evr = value }
            else if name == "dpkginfo_state", let id = stateID {
                document.dpkgStates[id] = state
                stateID = nil
            }
        }
    }

    private func endInDefinitions(_ name: String, value: String?) {
        switch name {
        case "definitions":
            section = .none
        case "definition":
            if let definition { document.definitions.append(definition) }
            definition = nil
        case "debian":
            inDebianExtension = false
        case "title": definition?.title = value ?? ""
        case "platform": if let value, !value.isEmpty { definition?.platforms.append(value) }
        case "product": if let value, !value.isEmpty { definition?.products.append(value) }
        case "description": definition?.description = value ?? ""
        case "dsa": if inDebianExtension, let value, !value.isEmpty { definition?.advisories.append(value) }
        case "date": if inDebianExtension, let value, !value.isEmpty { definition?.date = value }
        case "moreinfo": if inDebianExtension { definition?.moreInfo = value ?? "" }
        case "urgency", "severity": if inDebianExtension, let value, !value.isEmpty { definition?.urgency = value }
        default: break
        }
    }

    /// `linux-def:dpkginfo_test` → `dpkginfo_test` (the parser does not process namespaces).
    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
}
