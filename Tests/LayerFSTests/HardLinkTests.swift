import Archive
import LayerFS
import Model
import TestSupport
import Testing

/// Hard links share their target's bytes: size and content come from the target, in the same
/// layer or a lower one; a link to nothing is listed, reported, and unreadable.
@Suite struct HardLinkTests {
    static let busybox = LayerFixtures.pseudoRandomBytes(5000, seed: 77)

    static let lower = LayerSpec { tar in
        tar.directory("bin/")
        tar.file("bin/busybox", busybox, mode: 0o755)
        tar.hardLink("bin/sh", to: "bin/busybox")
        tar.hardLink("bin/ghost", to: "nonexistent/target")
        tar.directory("usr/")
        tar.directory("usr/bin/")
        tar.hardLink("usr/bin/env", to: "./bin/busybox")
    }

    static let upper = LayerSpec(compression: .zstd) { tar in
        tar.hardLink("bin/ls", to: "bin/busybox")
    }

    @Test func contentAndSizeComeFromTheTarget() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read([Self.lower, Self.upper], in: directory)
        let resolver = image.resolver(scope: .squashed)
        for path in ["/bin/sh", "/usr/bin/env", "/bin/ls"] {
            let link = try #require(resolver.entry(at: path), "\(path)")
            #expect(link.type == .hardLink)
            #expect(link.linkTarget == "/bin/busybox")
            #expect(link.size == Int64(Self.busybox.count), "\(path) takes its size from the target")
            #expect(try resolver.contents(of: path) == Self.busybox, "\(path)")
            // Hard links are entries of their own, not followed like symlinks.
            #expect(try resolver.resolve(path)?.path == path)
        }
        #expect(resolver.entry(at: "/bin/ls")?.layerIndex == 1)
        #expect(resolver.entry(at: "/bin/ls")?.layer == Self.upper.diffID)
    }

    @Test func sameLayerLinkSizeIsRecordedInTheLayerIndex() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read([Self.lower], in: directory)
        let sh = try #require(image.layers[0].entries.first { $0.entry.path == "/bin/sh" })
        #expect(sh.entry.size == Int64(Self.busybox.count))
    }

    @Test func allLayersServesLinksToo() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read([Self.lower, Self.upper], in: directory)
        let all = image.resolver(scope: .allLayers)
        #expect(try all.contents(of: "/bin/ls") == Self.busybox)
        #expect(all.entry(at: "/bin/ls")?.size == Int64(Self.busybox.count))
    }

    @Test func missingTargetIsReportedAndUnreadable() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read([Self.lower, Self.upper], in: directory)
        let resolver = image.resolver(scope: .squashed)
        let ghost = try #require(resolver.entry(at: "/bin/ghost"))
        #expect(ghost.type == .hardLink)
        #expect(ghost.linkTarget == "/nonexistent/target")

        let diagnostic = try #require(image.diagnostics.first { $0.path == "/bin/ghost" })
        #expect(diagnostic.layer == Self.lower.diffID)
        #expect(diagnostic.message.contains("/nonexistent/target"))
        #expect(image.diagnostics.count == 1, "only the dangling link is worth a diagnostic: \(image.diagnostics)")

        let error = #expect(throws: FileAccessError.self) { try resolver.contents(of: "/bin/ghost") }
        guard case .unreadable(let path, let layer, let reason)? = error else {
            Issue.record("expected .unreadable, got \(String(describing: error))")
            return
        }
        #expect(path == "/bin/ghost")
        #expect(layer == Self.lower.diffID)
        #expect(reason.contains("/nonexistent/target"))
    }
}
