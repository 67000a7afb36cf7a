import Archive
import LayerFS
import Model
import TestSupport
import Testing

/// The union-filesystem view over three generated layers (OCI image spec, layer.md "Whiteouts"),
/// compared with the all-layers view that keeps every entry.
@Suite struct SquashTests {
    /// Bottom layer: a small rootfs.
    static let base = LayerSpec { tar in
        tar.directory("etc/")
        tar.file("etc/passwd", "root:x:0:0:layer1")
        tar.file("etc/config", "config from layer 1")
        tar.file("etc/keep", "kept")
        tar.directory("opt/")
        tar.directory("opt/app/")
        tar.file("opt/app/bin", "app binary")
        tar.directory("opt/app/lib/")
        tar.file("opt/app/lib/libx.so", "libx")
        tar.directory("var/")
        tar.directory("var/data/")
        tar.file("var/data/x", "x")
        tar.file("var/data/y", "y")
        tar.directory("srv/")
        tar.file("srv/old", "old")
        tar.directory("srv/nested/")
        tar.file("srv/nested/deep", "deep")
    }

    /// Middle layer: a file whiteout, a directory whiteout, an opaque directory with a new child
    /// (written before the marker, which must not matter), a file replacing a directory, and an overwrite.
    static let middle = LayerSpec(compression: .zstd) { tar in
        tar.file("etc/.wh.config", "")
        tar.file("opt/.wh.app", "")
        tar.file("var/data/z", "z from layer 2")
        tar.file("var/data/.wh..wh..opq", "")
        tar.file("srv", "srv is a file now")
        tar.file("etc/passwd", "root:x:0:0:layer2")
    }

    /// Top layer: overwrites again and adds to the opaque directory.
    static let top = LayerSpec(compression: .none) { tar in
        tar.file("etc/passwd", "root:x:0:0:layer3")
        tar.file("var/data/w", "w from layer 3")
    }

    static let layers = [base, middle, top]

    @Test func squashedTreeHoldsExactlyTheSurvivingPaths() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read(Self.layers, in: directory)
        let squashed = image.resolver(scope: .squashed)
        #expect(squashed.paths == ["/etc", "/etc/keep", "/etc/passwd", "/opt", "/srv", "/var", "/var/data", "/var/data/w", "/var/data/z"])
    }

    @Test func fileWhiteoutDeletesFromSquashedButAllLayersKeepsIt() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read(Self.layers, in: directory)
        let squashed = image.resolver(scope: .squashed)
        #expect(squashed.entry(at: "/etc/config") == nil)
        #expect(try squashed.resolve("/etc/config") == nil)
        #expect(throws: FileAccessError.notFound(path: "/etc/config")) { try squashed.contents(of: "/etc/config") }
        // The whiteout marker itself is never an entry.
        #expect(squashed.entries(matching: "**/.wh.*").isEmpty)

        let all = image.resolver(scope: .allLayers)
        let deleted = all.entries.filter { $0.path == "/etc/config" }
        #expect(deleted.count == 1)
        #expect(deleted.first?.layer == Self.base.diffID)
        #expect(deleted.first?.layerIndex == 0)
        #expect(try all.text(of: "/etc/config") == "config from layer 1")
        #expect(all.entries(matching: "**/.wh.*").isEmpty)
    }

    @Test func directoryWhiteoutRemovesAllDescendants() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read(Self.layers, in: directory)
        let squashed = image.resolver(scope: .squashed)
        for path in ["/opt/app", "/opt/app/bin", "/opt/app/lib", "/opt/app/lib/libx.so"] {
            #expect(squashed.entry(at: path) == nil, "\(path) should be whited out")
        }
        #expect(squashed.entry(at: "/opt")?.type == .directory)

        let all = image.resolver(scope: .allLayers)
        let appEntries = all.entries(matching: "/opt/app/**")
        #expect(appEntries.map(\.path) == ["/opt/app", "/opt/app/bin", "/opt/app/lib", "/opt/app/lib/libx.so"])
        #expect(appEntries.allSatisfy { $0.layerIndex == 0 && $0.layer == Self.base.diffID })
    }

    @Test func opaqueDirectoryDropsLowerChildrenButKeepsItsOwnLayers() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read(Self.layers, in: directory)
        let squashed = image.resolver(scope: .squashed)
        #expect(squashed.entry(at: "/var/data")?.type == .directory)
        #expect(squashed.entry(at: "/var/data/x") == nil)
        #expect(squashed.entry(at: "/var/data/y") == nil)
        #expect(squashed.entry(at: "/var/data/z")?.layerIndex == 1)
        #expect(try squashed.text(of: "/var/data/z") == "z from layer 2")
        #expect(squashed.entry(at: "/var/data/w")?.layerIndex == 2)
        #expect(image.layers[1].opaqueDirectories == ["/var/data"])

        let all = image.resolver(scope: .allLayers)
        #expect(all.entries(matching: "/var/data/*").map(\.path) == ["/var/data/w", "/var/data/x", "/var/data/y", "/var/data/z"])
    }

    @Test func fileReplacingDirectoryHidesTheOldChildren() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read(Self.layers, in: directory)
        let squashed = image.resolver(scope: .squashed)
        let srv = try #require(squashed.entry(at: "/srv"))
        #expect(srv.type == .regular)
        #expect(srv.layerIndex == 1)
        #expect(try squashed.text(of: "/srv") == "srv is a file now")
        for path in ["/srv/old", "/srv/nested", "/srv/nested/deep"] {
            #expect(squashed.entry(at: path) == nil, "\(path) should be hidden by the file /srv")
            #expect(try squashed.resolve(path) == nil)
        }
    }

    /// Tars written by some tools omit parent directory entries; the directory still exists in
    /// the image (the runtime creates it) and a file replacing it must hide its children too.
    @Test func fileReplacingImplicitDirectoryHidesItsChildren() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let lower = LayerSpec { tar in
            tar.file("data/old", "old")
            tar.file("data/sub/deeper", "deeper")
        }
        let upper = LayerSpec { tar in tar.file("data", "a file now") }
        let image = try await LayerFixtures.read([lower, upper], in: directory)
        let squashed = image.resolver(scope: .squashed)
        #expect(squashed.entry(at: "/data")?.type == .regular)
        #expect(squashed.paths == ["/data"])
        #expect(squashed.entry(at: "/data/old") == nil)
        #expect(squashed.entry(at: "/data/sub/deeper") == nil)
    }

    @Test func overwrittenFileServesTheTopLayersContent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read(Self.layers, in: directory)
        let squashed = image.resolver(scope: .squashed)
        let passwd = try #require(squashed.entry(at: "/etc/passwd"))
        #expect(passwd.layerIndex == 2)
        #expect(passwd.layer == Self.top.diffID)
        #expect(passwd.size == Int64("root:x:0:0:layer3".utf8.count))
        #expect(try squashed.text(of: "/etc/passwd") == "root:x:0:0:layer3")

        let all = image.resolver(scope: .allLayers)
        let versions = all.entries.filter { $0.path == "/etc/passwd" }
        #expect(versions.map(\.layerIndex) == [0, 1, 2])
        #expect(versions.map(\.layer) == Self.layers.map(\.diffID))
        // A path is looked up as the topmost layer wrote it.
        #expect(try all.text(of: "/etc/passwd") == "root:x:0:0:layer3")
    }

    @Test func layerIndexesRecordWhiteoutsAndEntryCounts() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read(Self.layers, in: directory)
        #expect(image.layers.map(\.position) == [0, 1, 2])
        #expect(Set(image.layers[1].whiteouts) == ["/etc/config", "/opt/app"])
        #expect(image.layers[1].tarEntryCount == 6)
        #expect(image.layers[1].entries.map(\.entry.path) == ["/var/data/z", "/srv", "/etc/passwd"])
        #expect(image.diagnostics.isEmpty)
    }

    @Test func allLayersListsEveryEntryOfEveryLayer() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let image = try await LayerFixtures.read(Self.layers, in: directory)
        let all = image.resolver(scope: .allLayers)
        let expected = image.layers.reduce(0) { $0 + $1.entries.count }
        #expect(all.entries.count == expected)
        #expect(all.entries.count == 17 + 3 + 2)
        for entry in all.entries {
            #expect(entry.layer == Self.layers[entry.layerIndex].diffID)
        }
    }
}
