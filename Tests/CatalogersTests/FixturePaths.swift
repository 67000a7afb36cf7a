import Cataloging
import Foundation
import LayerFS
import Model
import TestSupport

/// The shared, read-only fixtures (`<repo>/../shared/fixtures`, see its README for what each case expects).
/// CI clones the repository with `shared/` beside it, so the path is found from this file, not the working directory.
enum Fixtures {
    static let root: String = {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // CatalogersTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
        return repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures").standardizedFileURL.path
    }()

    static func path(_ relative: String) -> String {
        root + "/" + relative
    }

    static func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative))
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }

    static func text(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }

    /// A fixture folder shaped like a root file system, read as an image root.
    static func tree(_ relative: String) throws -> TreeResolver {
        try DirectoryTree.read(root: path(relative))
    }
}

/// A root file system assembled in a temporary directory: fixture files copied (as fresh, writable
/// files) to the paths a cataloger looks at, plus hand-written files.
struct TestRoot {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("hawser-catalogers")
    }

    var path: String { directory.path }

    func host(_ imagePath: String) -> String {
        path + "/" + imagePath.drop { $0 == "/" }
    }

    func write(_ imagePath: String, _ text: String) throws {
        try directory.write(String(imagePath.drop { $0 == "/" }), text)
    }

    func write(_ imagePath: String, bytes: [UInt8]) throws {
        try directory.write(String(imagePath.drop { $0 == "/" }), bytes)
    }

    /// Copies the content of a shared fixture file to `imagePath`.
    func copy(fixture relative: String, to imagePath: String) throws {
        try write(imagePath, bytes: try Fixtures.bytes(relative))
    }

    func symlink(_ imagePath: String, to target: String) throws {
        let full = host(imagePath)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
    }

    func setMode(_ imagePath: String, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: host(imagePath))
    }

    func resolver() throws -> TreeResolver {
        try DirectoryTree.read(root: path)
    }

    func remove() {
        directory.remove()
    }
}

extension Cataloger {
    /// Runs the cataloger alone with an optional distro.
    func catalog(_ resolver: any FileResolver, distro: Distro? = nil) -> CatalogResult {
        catalog(resolver, context: CatalogContext(distro: distro))
    }
}

extension CatalogResult {
    /// `name@version` of every package, sorted.
    var nameVersions: [String] {
        packages.map { "\($0.name)@\($0.version)" }.sorted()
    }

    func package(_ name: String) -> Package? {
        packages.first { $0.name == name }
    }

    /// Diagnostics about one file.
    func diagnostics(for path: String) -> [CatalogDiagnostic] {
        diagnostics.filter { $0.path == path }
    }
}

extension Package {
    var dpkg: DpkgMetadata? { if case .dpkg(let metadata) = metadata { metadata } else { nil } }
    var apk: APKMetadata? { if case .apk(let metadata) = metadata { metadata } else { nil } }
    var python: PythonMetadata? { if case .python(let metadata) = metadata { metadata } else { nil } }
    var npm: NPMMetadata? { if case .npm(let metadata) = metadata { metadata } else { nil } }
    var javaArchive: JavaArchiveMetadata? { if case .javaArchive(let metadata) = metadata { metadata } else { nil } }
    var goModule: GoModuleMetadata? { if case .goModule(let metadata) = metadata { metadata } else { nil } }
}
