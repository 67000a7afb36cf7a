import Foundation
import Model
import Testing
@testable import Catalogers

/// Real programs compiled here with the toolchain that builds Hawser: statically linked ones carry
/// the Swift runtime (and Foundation when they use it); dynamically linked ones do not.
@Suite(.serialized) struct SwiftRuntimeCatalogerTests {
    static func compile(_ source: String, _ flags: [String], in root: TestRoot, as name: String) throws -> String {
        let swiftc = try #require(BinaryHost.which("swiftc"), "no swiftc on PATH")
        let file = root.host("/src/\(name).swift"), output = root.host("/usr/local/bin/\(name)")
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try source.write(toFile: file, atomically: true, encoding: .utf8)
        try run(swiftc, [file, "-o", output] + flags)
        return output
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        let errors = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(tool) \(arguments.joined(separator: " ")): \(String(decoding: errors, as: UTF8.self))")
    }

    @Test func staticRuntimeAndFoundationAreFound() throws {
        let toolchain = try BinaryHost.version(of: [try #require(BinaryHost.which("swiftc")), "--version"], after: "Swift version ")
        let root = try TestRoot()
        defer { root.remove() }
        // Debug info carries the producer string.
        let withFoundation = try Self.compile("import Foundation\nprint(Date())\n", ["-static-stdlib", "-g"], in: root, as: "dated")
        #expect(SwiftRuntimeCataloger.read(Array(try Data(contentsOf: URL(fileURLWithPath: withFoundation))))
            == .init(version: toolchain, components: [.runtime, .foundation]))
        // Stripped, it has no producer left, until it is stamped into .comment (scripts/image-rootfs.sh does that).
        let plain = try Self.compile("print(\"hi\")\n", ["-static-stdlib"], in: root, as: "plain")
        try Self.run(try #require(BinaryHost.which("strip")), [plain])
        #expect(SwiftRuntimeCataloger.read(Array(try Data(contentsOf: URL(fileURLWithPath: plain)))) == .init(version: "", components: [.runtime]))
        let comment = root.host("/comment")
        try Self.run(try #require(BinaryHost.which("objcopy")), ["-O", "binary", "--only-section=.comment", plain, comment])
        var stamped = try Data(contentsOf: URL(fileURLWithPath: comment))
        stamped.append(Data("Swift version \(toolchain) (swift-\(toolchain)-RELEASE)\u{0}".utf8))
        try stamped.write(to: URL(fileURLWithPath: comment))
        try Self.run(try #require(BinaryHost.which("objcopy")), ["--update-section", ".comment=\(comment)", plain])

        let result = SwiftRuntimeCataloger().catalog(try root.resolver())
        #expect(result.packages.map { "\($0.name)@\($0.version)" }.sorted()
            == ["swift-corelibs-foundation@\(toolchain)", "swift@\(toolchain)"])
        let runtime = try #require(result.packages.first { $0.name == "swift" })
        #expect(runtime.locations.map(\.path).sorted() == ["/usr/local/bin/dated", "/usr/local/bin/plain"])
        #expect(runtime.purl == "pkg:generic/swift@\(toolchain)" && runtime.cpes.contains("cpe:2.3:a:apple:swift:\(toolchain):*:*:*:*:*:*:*"))
    }

    @Test func dynamicallyLinkedProgramsCarryNoRuntime() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let dynamic = try Self.compile("print(\"hi\")\n", [], in: root, as: "dynamic")
        #expect(SwiftRuntimeCataloger.read(Array(try Data(contentsOf: URL(fileURLWithPath: dynamic)))) == nil)
        #expect(SwiftRuntimeCataloger.read(BinaryELF.make(needed: ["libc.so.6"])) == nil)
    }
}
