import Archive
import Foundation
import LayerFS
import Model
import TestSupport
import Testing

/// Entries that try to leave the image root (`../../x`, `/abs`, `./a/../../b`) are kept inside it
/// with a diagnostic each, and reading the layer never creates a file anywhere.
@Suite struct HostileEntryTests {
    /// Unique names, so a file created on the host by mistake could not be confused with another.
    let tag = UUID().uuidString.prefix(8).lowercased()

    var layer: LayerSpec {
        let tag = self.tag
        return LayerSpec { tar in
            tar.directory("etc/")
            tar.file("etc/passwd", "image passwd")
            tar.file("../../evil-\(tag)", "climbs two levels")
            tar.file("/abs-\(tag)/path", "absolute name")
            tar.file("./a/../../b-\(tag)", "climbs after a detour")
            tar.hardLink("hl-\(tag)", to: "../../../etc/passwd")
            tar.symlink("sl-\(tag)", to: "../../../../etc/passwd")
        }
    }

    @Test func escapingNamesAreKeptInsideTheRoot() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read([layer], in: directory)
        let resolver = image.resolver(scope: .squashed)
        #expect(Set(resolver.paths) == ["/etc", "/etc/passwd", "/evil-\(tag)", "/abs-\(tag)/path", "/b-\(tag)", "/hl-\(tag)", "/sl-\(tag)"])
        #expect(try resolver.text(of: "/evil-\(tag)") == "climbs two levels")
        #expect(try resolver.text(of: "/abs-\(tag)/path") == "absolute name")
        #expect(try resolver.text(of: "/b-\(tag)") == "climbs after a detour")
    }

    @Test func eachEscapingNameGetsADiagnostic() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read([layer], in: directory)
        for path in ["/evil-\(tag)", "/abs-\(tag)/path", "/b-\(tag)"] {
            let matching = image.diagnostics.filter { $0.path == path }
            #expect(matching.count == 1, "expected one diagnostic for \(path); diagnostics: \(image.diagnostics)")
            #expect(matching.first?.layer == layer.diffID)
        }
        #expect(image.diagnostics.first { $0.path == "/evil-\(tag)" }?.message.contains("../../evil-\(tag)") == true)
    }

    @Test func hardLinkTargetEscapingTheRootIsClamped() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read([layer], in: directory)
        let resolver = image.resolver(scope: .squashed)
        let link = try #require(resolver.entry(at: "/hl-\(tag)"))
        #expect(link.linkTarget == "/etc/passwd")
        #expect(try resolver.text(of: "/hl-\(tag)") == "image passwd")
        #expect(image.diagnostics.contains { $0.path == "/hl-\(tag)" && $0.message.contains("../../../etc/passwd") })
        #expect(try resolver.text(of: "/sl-\(tag)") == "image passwd")
    }

    @Test func readingTheLayerWritesNothing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // The blob sits two levels down, so a relative escape from it would land inside `directory`.
        let blob = try LayerFixtures.blob(layer.blob, mediaType: layer.mediaType, diffID: layer.diffID,
                                          at: "nested/deeper/layer.tar.gz", in: directory)
        let image = try await LayeredImage.read([blob])
        for scope in Scope.allCases {
            let resolver = image.resolver(scope: scope)
            for entry in resolver.entries where entry.type == .regular || entry.type == .hardLink {
                _ = try resolver.contents(of: entry.path)
            }
        }
        #expect(directory.listing() == ["nested", "nested/deeper", "nested/deeper/layer.tar.gz"])
        let places = [FileManager.default.currentDirectoryPath, NSTemporaryDirectory(), "/", "/tmp",
                      (directory.path as NSString).deletingLastPathComponent]
        for place in places {
            for name in ["evil-\(tag)", "abs-\(tag)", "b-\(tag)", "hl-\(tag)", "sl-\(tag)"] {
                #expect(!FileManager.default.fileExists(atPath: place + "/" + name), "\(place)/\(name) was created")
            }
        }
    }
}
