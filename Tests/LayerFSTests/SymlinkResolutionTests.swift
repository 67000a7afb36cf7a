import Archive
import Foundation
import LayerFS
import Model
import TestSupport
import Testing

/// Symlinks resolve against the image's own tree, never the host's: relative and absolute
/// targets, symlinked parent directories, `..` clamped at the image root, and loops.
@Suite struct SymlinkResolutionTests {
    static let imagePasswd = "image-root:x:0:0:this is the image's /etc/passwd, not the host's"

    static let layer = LayerSpec { tar in
        tar.directory("etc/")
        tar.file("etc/passwd", imagePasswd)
        tar.directory("etc/alternatives/")
        tar.symlink("etc/alternatives/editor", to: "/usr/bin/vim")
        tar.directory("usr/")
        tar.directory("usr/bin/")
        tar.file("usr/bin/python3", "python3 binary")
        tar.symlink("usr/bin/python", to: "python3")
        tar.symlink("usr/bin/python-up", to: "../bin/./python3")
        tar.file("usr/bin/vim", "vim binary")
        tar.directory("usr/lib/")
        tar.file("usr/lib/libc.so.6", "libc")
        tar.symlink("lib", to: "usr/lib")
        tar.symlink("lib64", to: "/usr/lib")
        tar.symlink("bin", to: "usr/bin")
        tar.directory("usr/share/")
        tar.symlink("usr/share/escape", to: "../../../../etc/passwd")
        tar.symlink("usr/share/escape-abs", to: "/../../../etc/passwd")
        tar.symlink("usr/share/dangling", to: "/nonexistent/file")
        tar.symlink("usr/share/through-file", to: "/etc/passwd/child")
        tar.directory("loop/")
        tar.symlink("loop/a", to: "b")
        tar.symlink("loop/b", to: "a")
        tar.symlink("loop/self", to: "self")
    }

    func resolver() async throws -> (TreeResolver, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        let image = try await LayerFixtures.read([Self.layer], in: directory)
        return (image.resolver(scope: .squashed), directory)
    }

    @Test func relativeAndAbsoluteTargetsResolveInsideTheTree() async throws {
        let (resolver, directory) = try await resolver()
        defer { directory.remove() }
        #expect(try resolver.resolve("/usr/bin/python")?.path == "/usr/bin/python3")
        #expect(try resolver.text(of: "/usr/bin/python") == "python3 binary")
        #expect(try resolver.resolve("/usr/bin/python-up")?.path == "/usr/bin/python3")
        #expect(try resolver.resolve("/etc/alternatives/editor")?.path == "/usr/bin/vim")
        #expect(try resolver.text(of: "/etc/alternatives/editor") == "vim binary")
        // entry(at:) does not follow.
        #expect(resolver.entry(at: "/usr/bin/python")?.type == .symlink)
        #expect(resolver.entry(at: "/usr/bin/python")?.linkTarget == "python3")
    }

    @Test func symlinkedParentDirectoriesResolve() async throws {
        let (resolver, directory) = try await resolver()
        defer { directory.remove() }
        #expect(try resolver.resolve("/lib/libc.so.6")?.path == "/usr/lib/libc.so.6")
        #expect(try resolver.text(of: "/lib/libc.so.6") == "libc")
        #expect(try resolver.resolve("/lib64/libc.so.6")?.path == "/usr/lib/libc.so.6")
        #expect(try resolver.resolve("/lib")?.path == "/usr/lib")
        #expect(try resolver.resolve("/lib")?.type == .directory)
        // Two hops: /bin -> usr/bin, then python -> python3.
        #expect(try resolver.resolve("/bin/python")?.path == "/usr/bin/python3")
        #expect(try resolver.text(of: "/bin/python") == "python3 binary")
        #expect(resolver.entry(at: "/lib/libc.so.6") == nil, "entry(at:) follows no symlinks")
    }

    @Test func dotDotTargetsAreClampedToTheImageRoot() async throws {
        let (resolver, directory) = try await resolver()
        defer { directory.remove() }
        let hostPasswd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? ""
        #expect(hostPasswd != Self.imagePasswd)
        for link in ["/usr/share/escape", "/usr/share/escape-abs"] {
            #expect(try resolver.resolve(link)?.path == "/etc/passwd", "\(link)")
            #expect(try resolver.text(of: link) == Self.imagePasswd, "\(link) must read the image's /etc/passwd")
        }
        #expect(try resolver.text(of: "/../../../../etc/passwd") == Self.imagePasswd)
    }

    @Test func danglingAndFileAsDirectoryTargetsResolveToNothing() async throws {
        let (resolver, directory) = try await resolver()
        defer { directory.remove() }
        #expect(try resolver.resolve("/usr/share/dangling") == nil)
        #expect(throws: FileAccessError.notFound(path: "/usr/share/dangling")) { try resolver.contents(of: "/usr/share/dangling") }
        #expect(try resolver.resolve("/usr/share/through-file") == nil)
        #expect(try resolver.resolve("/usr/bin/python3/child") == nil)
    }

    @Test func loopsThrowSymlinkLoop() async throws {
        let (resolver, directory) = try await resolver()
        defer { directory.remove() }
        #expect(throws: FileAccessError.symlinkLoop(path: "/loop/a")) { try resolver.resolve("/loop/a") }
        #expect(throws: FileAccessError.symlinkLoop(path: "/loop/b/file")) { try resolver.resolve("/loop/b/file") }
        #expect(throws: FileAccessError.symlinkLoop(path: "/loop/self")) { try resolver.contents(of: "/loop/self") }
    }

    @Test func readingADirectoryThroughASymlinkIsNotARegularFile() async throws {
        let (resolver, directory) = try await resolver()
        defer { directory.remove() }
        #expect(throws: FileAccessError.notRegularFile(path: "/lib", type: .directory)) { try resolver.contents(of: "/lib") }
    }
}
