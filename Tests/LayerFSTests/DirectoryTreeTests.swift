import Archive
import Foundation
import LayerFS
import Model
import TestSupport
import Testing

/// A host directory read as an image root (`dir:PATH`): symlinks are recorded, resolved inside the
/// root like an image's, and never followed on the host.
@Suite struct DirectoryTreeTests {
    /// `<tmp>/outside-secret` (host only) and `<tmp>/root/...` (the image root).
    struct Fixture {
        let directory: TemporaryDirectory
        var root: String { directory.path + "/root" }
        var secret: String { directory.path + "/outside-secret" }

        init() throws {
            directory = try TemporaryDirectory()
            let files = FileManager.default
            try directory.write("outside-secret", "HOST SECRET")
            try directory.write("root/etc/hostname", "image-hostname")
            try directory.write("root/etc/os-release", "ID=dirtest")
            try directory.write("root/usr/lib/libfoo.so.1", "libfoo")
            try directory.write("root/sub/keep", "kept")
            try files.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
            try files.createSymbolicLink(atPath: root + "/lib", withDestinationPath: "usr/lib")
            try files.createSymbolicLink(atPath: root + "/hostname-abs", withDestinationPath: "/etc/hostname")
            try files.createSymbolicLink(atPath: root + "/sub/escape", withDestinationPath: "../../outside-secret")
            try files.createSymbolicLink(atPath: root + "/sub/escape-far", withDestinationPath: "../../../../../../etc/hostname")
            try files.createSymbolicLink(atPath: root + "/escape-abs", withDestinationPath: secret)
            try files.createSymbolicLink(atPath: root + "/host-dir", withDestinationPath: directory.path)
        }
    }

    @Test func listsEntriesWithTypesAndSizes() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let tree = try DirectoryTree.read(root: fixture.root)
        #expect(tree.paths == [
            "/empty", "/escape-abs", "/etc", "/etc/hostname", "/etc/os-release", "/host-dir", "/hostname-abs", "/lib",
            "/sub", "/sub/escape", "/sub/escape-far", "/sub/keep", "/usr", "/usr/lib", "/usr/lib/libfoo.so.1",
        ])
        #expect(tree.entry(at: "/etc/hostname")?.type == .regular)
        #expect(tree.entry(at: "/etc/hostname")?.size == Int64("image-hostname".utf8.count))
        #expect(tree.entry(at: "/etc/hostname")?.layer == nil)
        #expect(tree.entry(at: "/empty")?.type == .directory)
        #expect(tree.entry(at: "/lib")?.type == .symlink)
        #expect(tree.entry(at: "/lib")?.linkTarget == "usr/lib")
        #expect(try tree.text(of: "/etc/os-release") == "ID=dirtest")
        #expect(tree.entries(matching: "**/*.so.*").map(\.path) == ["/usr/lib/libfoo.so.1"])
    }

    @Test func symlinksResolveInsideTheRoot() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let tree = try DirectoryTree.read(root: fixture.root)
        #expect(try tree.resolve("/lib/libfoo.so.1")?.path == "/usr/lib/libfoo.so.1")
        #expect(try tree.text(of: "/lib/libfoo.so.1") == "libfoo")
        // An absolute target means the root's own /etc/hostname, not the host's.
        #expect(try tree.resolve("/hostname-abs")?.path == "/etc/hostname")
        #expect(try tree.text(of: "/hostname-abs") == "image-hostname")
        #expect(try tree.text(of: "/sub/escape-far") == "image-hostname")
    }

    @Test func symlinksPointingOutsideNeverReadTheHostTarget() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let tree = try DirectoryTree.read(root: fixture.root)
        for link in ["/sub/escape", "/escape-abs"] {
            #expect(try tree.resolve(link) == nil, "\(link) leads outside the root")
            #expect(throws: FileAccessError.notFound(path: link)) { try tree.contents(of: link) }
        }
        #expect(try tree.resolve("/host-dir/outside-secret") == nil)
        #expect(throws: FileAccessError.notFound(path: "/host-dir/outside-secret")) { try tree.contents(of: "/host-dir/outside-secret") }
        // Nothing below a host symlink was walked.
        #expect(tree.entries(matching: "**/outside-secret").isEmpty)
        #expect(tree.entries(matching: "/host-dir/**").map(\.path) == ["/host-dir"])
    }

    @Test func trailingSlashOnRootIsIgnored() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let tree = try DirectoryTree.read(root: fixture.root + "/")
        #expect(try tree.text(of: "/sub/keep") == "kept")
    }

    @Test func rootMustBeADirectory() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        #expect(throws: ArchiveError.self) { try DirectoryTree.read(root: fixture.secret) }
        #expect(throws: ArchiveError.self) { try DirectoryTree.read(root: fixture.directory.path + "/does-not-exist") }
    }

    @Test func entryLimitApplies() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let error = #expect(throws: ArchiveError.self) { try DirectoryTree.read(root: fixture.root, limits: ArchiveLimits(maxEntries: 5)) }
        guard case .limitExceeded? = error else {
            Issue.record("expected .limitExceeded, got \(String(describing: error))")
            return
        }
    }
}
