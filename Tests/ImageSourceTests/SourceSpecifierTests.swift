import Foundation
@testable import ImageSource
import Model
import TestSupport
import Testing

/// Source strings as Syft and Grype users type them.
@Suite struct SourceSpecifierTests {
    @Test func registrySchemeAndBareReferencesAreRegistryImages() throws {
        let alpine = try ImageReference(parsing: "docker.io/library/alpine:latest")
        #expect(try SourceSpecifier(parsing: "registry:alpine") == .registry(alpine))
        #expect(try SourceSpecifier(parsing: "alpine") == .registry(alpine))
        #expect(try SourceSpecifier(parsing: "alpine:3.19") == .registry(try ImageReference(parsing: "docker.io/library/alpine:3.19")))
        let local = try SourceSpecifier(parsing: "localhost:5000/team/app:1.0")
        guard case .registry(let reference) = local else {
            Issue.record("expected a registry source, got \(local)")
            return
        }
        #expect(reference.registry == "localhost:5000")
        #expect(reference.repository == "team/app")
        #expect(reference.tag == "1.0")
        #expect(local.kind == "registry")
        #expect(local.description == "registry:localhost:5000/team/app:1.0")
    }

    @Test func eachLocalSchemeParses() throws {
        #expect(try SourceSpecifier(parsing: "oci-dir:/no/such/layout") == .ociDirectory(path: "/no/such/layout", reference: nil))
        #expect(try SourceSpecifier(parsing: "oci-archive:/no/such/image.tar") == .ociArchive(path: "/no/such/image.tar", reference: nil))
        #expect(try SourceSpecifier(parsing: "docker-archive:/no/such/save.tar") == .dockerArchive(path: "/no/such/save.tar", reference: nil))
        #expect(try SourceSpecifier(parsing: "dir:/no/such/rootfs") == .directory(path: "/no/such/rootfs"))
        #expect(try SourceSpecifier(parsing: "dir:relative/path:with-colon") == .directory(path: "relative/path:with-colon"))
    }

    @Test func kindAndDescriptionRoundTrip() throws {
        let texts = ["oci-dir:/x/layout", "oci-archive:/x/image.tar", "docker-archive:/x/save.tar", "dir:/x/rootfs", "registry:docker.io/library/alpine:latest"]
        let kinds = ["oci-dir", "oci-archive", "docker-archive", "dir", "registry"]
        for (text, kind) in zip(texts, kinds) {
            let source = try SourceSpecifier(parsing: text)
            #expect(source.kind == kind)
            #expect(source.description == text)
            #expect(try SourceSpecifier(parsing: source.description) == source)
        }
    }

    @Test func referenceSuffixSplitsOnlyWhenThePathExists() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        try FileManager.default.createDirectory(atPath: layout, withIntermediateDirectories: true)
        let archive = try directory.write("image.tar", "not really a tar")

        #expect(try SourceSpecifier(parsing: "oci-dir:\(layout):v2") == .ociDirectory(path: layout, reference: "v2"))
        #expect(try SourceSpecifier(parsing: "oci-archive:\(archive):v2") == .ociArchive(path: archive, reference: "v2"))
        #expect(try SourceSpecifier(parsing: "docker-archive:\(archive):latest") == .dockerArchive(path: archive, reference: "latest"))
        #expect(try SourceSpecifier(parsing: "oci-dir:\(layout)") == .ociDirectory(path: layout, reference: nil))
        // The path without the suffix does not exist: the whole value is the path.
        #expect(try SourceSpecifier(parsing: "oci-dir:\(directory.path)/missing:v2") == .ociDirectory(path: "\(directory.path)/missing:v2", reference: nil))
        // A reference never contains '/': that colon belongs to the path.
        #expect(try SourceSpecifier(parsing: "oci-dir:\(layout):a/b") == .ociDirectory(path: "\(layout):a/b", reference: nil))
        #expect(try SourceSpecifier(parsing: "oci-dir:\(layout):v2").description == "oci-dir:\(layout):v2")
    }

    @Test func pathsMayContainColons() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let odd = directory.path + "/with:colon"
        try FileManager.default.createDirectory(atPath: odd, withIntermediateDirectories: true)
        #expect(try SourceSpecifier(parsing: "oci-dir:\(odd)") == .ociDirectory(path: odd, reference: nil))
        #expect(try SourceSpecifier(parsing: "oci-dir:\(odd):tag") == .ociDirectory(path: odd, reference: "tag"))
    }

    @Test(arguments: ["oci-dir:", "oci-archive:", "docker-archive:", "dir:", "registry:"])
    func emptyValueAfterASchemeIsAnError(_ text: String) {
        let error = #expect(throws: ImageSourceError.self) { try SourceSpecifier(parsing: text) }
        guard case .invalidSource(let source, let reason)? = error else {
            Issue.record("expected .invalidSource, got \(String(describing: error))")
            return
        }
        #expect(source == text)
        #expect(reason.contains("nothing after"))
    }

    @Test func invalidReferencesAreErrorsThatSuggestASchemeWhenBare() {
        let bare = #expect(throws: ImageSourceError.self) { try SourceSpecifier(parsing: "Not A Reference") }
        guard case .invalidSource(_, let reason)? = bare else {
            Issue.record("expected .invalidSource, got \(String(describing: bare))")
            return
        }
        #expect(reason.contains("oci-dir:"))

        let schemed = #expect(throws: ImageSourceError.self) { try SourceSpecifier(parsing: "registry:Alpine") }
        guard case .invalidSource(let text, _)? = schemed else {
            Issue.record("expected .invalidSource, got \(String(describing: schemed))")
            return
        }
        #expect(text == "registry:Alpine")
        #expect(throws: ImageSourceError.self) { try SourceSpecifier(parsing: "") }
    }
}
