import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension JavaPomCataloger {
    /// The parts of a Maven POM (https://maven.apache.org/ref/current/maven-model/maven.html) that
    /// name artifacts, values as written (`${…}` unresolved). Only the project's own `<dependencies>`
    /// count, not those under `<build>`, `<profiles>` or `<reporting>`.
    struct POM {
        struct Parent {
            var groupID: String?
            var artifactID: String?
            var version: String?
            var relativePath: String?
        }

        struct Dependency {
            var groupID: String?
            var artifactID: String?
            var version: String?
            var scope: String?
        }

        var groupID: String?
        var artifactID: String?
        var version: String?
        var packaging: String?
        var parent: Parent?
        var properties: [String: String] = [:]
        var dependencies: [Dependency] = []
        var managedDependencies: [Dependency] = []
        var licenses: [String] = []

        struct ParseError: Error {
            var message: String
        }

        /// Parses the raw bytes, so the XML declaration's encoding (often ISO-8859-1) is honoured.
        static func parse(_ data: Data) throws(ParseError) -> POM {
            let builder = TreeBuilder()
            let parser = XMLParser(data: data)
            parser.delegate = builder
            parser.shouldResolveExternalEntities = false
            guard parser.parse(), let root = builder.root else {
                let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unreadable XML"
                throw ParseError(message: "malformed pom.xml (line \(parser.lineNumber)): \(reason)")
            }
            guard root.name == "project" else { throw ParseError(message: "not a Maven POM: the root element is <\(root.name)>") }
            var pom = POM()
            pom.groupID = root.text("groupId")
            pom.artifactID = root.text("artifactId")
            pom.version = root.text("version")
            pom.packaging = root.text("packaging")
            if let parent = root.child("parent") {
                pom.parent = Parent(groupID: parent.text("groupId"), artifactID: parent.text("artifactId"), version: parent.text("version"),
                                    relativePath: parent.child("relativePath").map { $0.content.trimmingCharacters(in: .whitespacesAndNewlines) })
            }
            for property in root.child("properties")?.children ?? [] {
                pom.properties[property.name] = property.content.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            pom.dependencies = dependencies(root.child("dependencies"))
            pom.managedDependencies = dependencies(root.child("dependencyManagement")?.child("dependencies"))
            pom.licenses = (root.child("licenses")?.children ?? []).filter { $0.name == "license" }.compactMap { $0.text("name") }
            return pom
        }

        static func dependencies(_ list: Element?) -> [Dependency] {
            (list?.children ?? []).filter { $0.name == "dependency" }.map {
                Dependency(groupID: $0.text("groupId"), artifactID: $0.text("artifactId"), version: $0.text("version"), scope: $0.text("scope"))
            }
        }
    }

    /// A minimal element tree: names, child elements and character data.
    struct Element {
        var name: String
        var children: [Element] = []
        var content = ""

        func child(_ name: String) -> Element? { children.first { $0.name == name } }

        /// Trimmed text of a child element; `nil` when absent or empty.
        func text(_ name: String) -> String? {
            guard let value = child(name)?.content.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
    }

    final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?
        static let maxDepth = 64

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            guard stack.count < Self.maxDepth else { return parser.abortParsing() }
            stack.append(Element(name: elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].content += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].content += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard let finished = stack.popLast() else { return }
            if stack.isEmpty { root = finished } else { stack[stack.count - 1].children.append(finished) }
        }
    }
}
