import Foundation
import TestSupport

/// Builds jars the way Syft's test Makefile does: the `zip` tool over a folder of `META-INF` text files
/// (fixtures MAKING.md §6). Tests that need it are skipped where `zip` is missing.
enum JarBuilder {
    static let zip: String? = ["/usr/bin/zip", "/bin/zip", "/usr/local/bin/zip"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static var isAvailable: Bool { zip != nil }

    struct ZipFailed: Error, CustomStringConvertible {
        var status: Int32
        var description: String { "zip exited with status \(status)" }
    }

    /// Zips the content of `directory` (recursively, without extra attributes) into the file `output`.
    static func zip(directory: String, to output: String) throws {
        guard let zip else { throw ZipFailed(status: -1) }
        try FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zip)
        process.arguments = ["-qrX", output, "."]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ZipFailed(status: process.terminationStatus) }
    }

    /// Zips `fixtures/java/jar-metadata/<name>` into `imagePath` of `root`.
    static func jar(metadata name: String, at imagePath: String, in root: TestRoot) throws {
        try zip(directory: Fixtures.path("java/jar-metadata/" + name), to: root.host(imagePath))
    }
}
