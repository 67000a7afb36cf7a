import Cataloging
import Foundation
import Model
#if canImport(Glibc)
import Glibc
#endif

/// The Swift runtime, and Foundation, linked statically into an executable (`swift build
/// --static-swift-stdlib`, `swiftc -static-stdlib`). Such a file has Swift metadata sections
/// (`swift5_*`) but names no `libswiftCore.so` among the libraries it needs, so no package database
/// and no shared library in the image would ever list the standard library or Foundation it carries.
/// The toolchain release comes from the compiler's producer string (`Swift version 6.3.1
/// (swift-6.3.1-RELEASE)`) in `.comment` (where toolchains identify themselves, kept by `strip`) or
/// `.debug_str` (builds with debug info); without one the version is left empty, as Syft leaves a
/// version it cannot read.
public struct SwiftRuntimeCataloger: Cataloger {
    public let name = "swift-runtime-binary-cataloger"
    static let maxBinaryBytes: Int64 = 1 << 30

    public init() {}

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && entry.mode & 0o111 != 0 && entry.size > 64 && entry.size <= Self.maxBinaryBytes {
            let bytes: [UInt8]
            do { bytes = try resolver.contents(of: entry.path) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: error.description))
                continue
            }
            guard bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]), let found = Self.read(bytes) else { continue }
            let location = Location(entry)
            for component in found.components {
                let purl = PURL(type: "generic", namespace: nil, name: component.name, version: found.version).description
                let cpes = found.version.isEmpty ? [] : component.cpes.map { CPE.make(vendor: $0.vendor, product: $0.product, version: found.version) }
                if let index = result.packages.firstIndex(where: { $0.name == component.name && $0.version == found.version }) {
                    result.packages[index].locations.append(location)
                } else {
                    result.packages.append(Package(name: component.name, version: found.version, type: .binary, foundBy: name,
                                                   purl: purl, cpes: cpes, licenses: ["Apache-2.0"], locations: [location], language: "swift"))
                }
            }
        }
        return result
    }

    struct Component: Equatable {
        var name: String
        var cpes: [(vendor: String, product: String)]
        static func == (a: Component, b: Component) -> Bool { a.name == b.name }

        static let runtime = Component(name: "swift", cpes: [("swift", "swift"), ("apple", "swift")])
        static let foundation = Component(name: "swift-corelibs-foundation", cpes: [("apple", "swift-corelibs-foundation")])
    }

    struct Found: Equatable {
        var version: String
        var components: [Component]
    }

    /// What a statically linked Swift executable carries; nil for anything else (not Swift, or
    /// linked against the runtime's shared libraries, which are catalogued where they are).
    static func read(_ bytes: [UInt8]) -> Found? {
        guard let table = try? ELFSectionTable.read(bytes), table.sections.contains(where: { $0.name.hasPrefix("swift5_") }) else { return nil }
        let needed = ELFNeededLibraries.read(bytes)
        guard !needed.contains(where: { $0.hasPrefix("libswiftCore.so") }) else { return nil }
        var version = ""
        for sectionName in [".comment", ".debug_str"] {
            guard let section = table.section(named: sectionName), let contents = try? ELFSectionTable.contents(of: section, in: bytes),
                  let found = producerVersion(contents) else { continue }
            version = found
            break
        }
        var components = [Component.runtime]
        // Foundation's types are named in the reflection metadata of any program that links it.
        if !needed.contains(where: { $0.hasPrefix("libFoundation") }), contains(bytes, "FoundationEssentials") {
            components.append(.foundation)
        }
        return Found(version: version, components: components)
    }

    /// `6.3.1` from `Swift version 6.3.1 (swift-6.3.1-RELEASE)` (also `Apple Swift version …`).
    static func producerVersion(_ bytes: ArraySlice<UInt8>) -> String? {
        let anchor = Array("Swift version ".utf8)
        guard let start = bytes.withUnsafeBytes({ find(anchor, in: $0) }) else { return nil }
        var index = bytes.startIndex + start + anchor.count
        var version = ""
        while index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            version.append(Character(UnicodeScalar(bytes[index])))
            index += 1
        }
        return version.first?.isNumber == true ? version : nil
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        bytes.withUnsafeBytes { find(Array(text.utf8), in: $0) } != nil
    }

    /// The offset of `needle` in `haystack`: memchr for its first byte, then memcmp (a static binary
    /// is over 100 MB; glibc's memmem is not visible to Swift without _GNU_SOURCE).
    static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let base = haystack.baseAddress, !needle.isEmpty, haystack.count >= needle.count else { return nil }
        return needle.withUnsafeBytes { pattern -> Int? in
            let last = haystack.count - needle.count
            var offset = 0
            while offset <= last {
                guard let hit = memchr(base + offset, Int32(needle[0]), last - offset + 1) else { return nil }
                let at = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(hit, pattern.baseAddress!, needle.count) == 0 { return at }
                offset = at + 1
            }
            return nil
        }
    }
}
