import Cataloging
import Model

/// Go modules compiled into executables, from the build info the Go linker embeds
/// (`.go.buildinfo`, read as Go's debug/buildinfo does): the toolchain version (→ `stdlib`),
/// the main module and every dependency.
public struct GoBinaryCataloger: Cataloger {
    public let name = "go-module-binary-cataloger"
    static let maxBinaryBytes: Int64 = 512 << 20

    public init() {}

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && entry.mode & 0o111 != 0 && entry.size > 64 && entry.size <= Self.maxBinaryBytes {
            let bytes: [UInt8]
            do { bytes = try resolver.contents(of: entry.path) } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: error.description))
                continue
            }
            guard bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]) else { continue }
            let info: GoBuildInfo
            switch GoBuildInfo.read(bytes) {
            case .none: continue
            case .failure(let message):
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: message))
                continue
            case .found(let found): info = found
            }
            let location = Location(entry)
            let architecture = info.settings["GOARCH"]
            let goVersion = info.goVersion
            func package(_ module: GoBuildInfo.Module, isMain: Bool) -> Package {
                let version = module.version
                return Package(name: module.path, version: version, type: .goModule, foundBy: name,
                               purl: Self.purl(module.path, version: version),
                               cpes: Self.cpes(module.path, version: version), locations: [location], language: "go",
                               metadata: .goModule(GoModuleMetadata(goVersion: goVersion, mainModule: info.main?.path, h1Digest: module.sum,
                                                                    architecture: architecture)))
            }
            if let main = info.main { result.packages.append(package(main, isMain: true)) }
            for dependency in info.dependencies { result.packages.append(package(dependency, isMain: false)) }
            let stdlibVersion = String(goVersion.drop { !$0.isNumber })
            if !stdlibVersion.isEmpty {
                result.packages.append(Package(
                    name: "stdlib", version: goVersion, type: .goModule, foundBy: name,
                    purl: PURL(type: "golang", name: "stdlib", version: stdlibVersion).description,
                    cpes: [CPE.make(vendor: "golang", product: "go", version: stdlibVersion)], locations: [location], language: "go",
                    metadata: .goModule(GoModuleMetadata(goVersion: goVersion, mainModule: info.main?.path, h1Digest: nil, architecture: architecture))))
            }
        }
        return result
    }

    /// `pkg:golang/github.com/opencontainers/umoci@v0.4.7`.
    static func purl(_ path: String, version: String) -> String {
        let components = path.split(separator: "/").map(String.init)
        let namespace = components.count > 1 ? components.dropLast().joined(separator: "/") : nil
        return PURL(type: "golang", namespace: namespace, name: components.last ?? path, version: version == "(devel)" ? nil : version).description
    }

    /// `github.com/OWNER/REPO` → vendor OWNER, product REPO (how NVD names most Go projects).
    static func cpes(_ path: String, version: String) -> [String] {
        let components = path.split(separator: "/").map(String.init)
        guard components.count >= 3, version != "(devel)" else { return [] }
        let cleanVersion = version.hasPrefix("v") ? String(version.dropFirst()) : version
        return CPE.candidates(vendors: [components[1]], products: [components[2]], version: cleanVersion)
    }
}

/// The build information of a Go binary.
struct GoBuildInfo {
    struct Module {
        var path: String
        var version: String
        var sum: String?
    }

    enum Outcome {
        case none
        case failure(String)
        case found(GoBuildInfo)
    }

    var goVersion: String
    var main: Module?
    var dependencies: [Module]
    var settings: [String: String]

    static let magic: [UInt8] = [0xff] + Array(" Go buildinf:".utf8)
    /// runtime/debug's modinfo start sentinel.
    static let modinfoStart: [UInt8] = [0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6]

    /// Finds the 16-byte-aligned build info header and decodes it. Go 1.18+ writes the version and
    /// module strings inline (flag bit 2); older binaries point into the data segment.
    static func read(_ bytes: [UInt8]) -> Outcome {
        guard let start = findMagic(bytes) else { return .none }
        guard start + 32 <= bytes.count else { return .failure("truncated Go build info header") }
        let flags = bytes[start + 15]
        guard flags & 0x2 != 0 else {
            let pointerSize = Int(bytes[start + 14])
            return ELFPointerStrings.read(bytes, header: start, pointerSize: pointerSize, bigEndian: flags & 0x1 != 0)
                .map { decode(version: String(decoding: $0.0, as: UTF8.self), modinfo: $0.1) } ?? .failure("Go build info in the pre-1.18 format could not be resolved")
        }
        var offset = start + 32
        guard let version = readVarintBytes(bytes, &offset), let modinfo = readVarintBytes(bytes, &offset) else {
            return .failure("malformed Go build info strings")
        }
        return decode(version: String(decoding: version, as: UTF8.self), modinfo: modinfo)
    }

    static func decode(version: String, modinfo: [UInt8]) -> Outcome {
        // modinfo is wrapped in 16-byte binary sentinels; its lines are tab-separated records.
        let hasSentinels = modinfo.count >= 32 && modinfo.starts(with: modinfoStart)
        let body = String(decoding: hasSentinels ? Array(modinfo.dropFirst(16).dropLast(16)) : modinfo, as: UTF8.self)
        var info = GoBuildInfo(goVersion: version, main: nil, dependencies: [], settings: [:])
        for line in body.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch fields.first {
            case "mod" where fields.count >= 3:
                // A module line supersedes the package path.
                info.main = Module(path: fields[1], version: fields[2], sum: fields.count > 3 && !fields[3].isEmpty ? fields[3] : nil)
            case "dep" where fields.count >= 3:
                info.dependencies.append(Module(path: fields[1], version: fields[2], sum: fields.count > 3 && !fields[3].isEmpty ? fields[3] : nil))
            case "=>" where fields.count >= 3 && !info.dependencies.isEmpty:
                // A replacement applies to the dependency listed just before it.
                info.dependencies[info.dependencies.count - 1] = Module(path: fields[1], version: fields[2],
                                                                        sum: fields.count > 3 && !fields[3].isEmpty ? fields[3] : nil)
            case "path" where fields.count >= 2 && info.main == nil:
                // Built outside module mode: only the main package path is known (Syft reports it as "(devel)").
                info.main = Module(path: fields[1], version: "(devel)", sum: nil)
            case "build" where fields.count >= 2:
                let setting = fields[1]
                if let equals = setting.firstIndex(of: "=") {
                    info.settings[String(setting[..<equals])] = String(setting[setting.index(after: equals)...])
                }
            default: continue
            }
        }
        return .found(info)
    }

    static func findMagic(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let first = magic[0]
        while index + magic.count <= bytes.count {
            if bytes[index] == first && bytes[index..<(index + magic.count)].elementsEqual(magic) { return index }
            index += 16
        }
        return nil
    }

    static func readVarintBytes(_ bytes: [UInt8], _ offset: inout Int) -> [UInt8]? {
        var length = 0
        var shift = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            length |= Int(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            if shift > 35 { return nil }
        }
        guard length >= 0, offset + length <= bytes.count else { return nil }
        defer { offset += length }
        return Array(bytes[offset..<(offset + length)])
    }
}

/// Pre-1.18 build info: two pointers to Go string headers, resolved through the ELF program headers.
enum ELFPointerStrings {
    static func read(_ bytes: [UInt8], header: Int, pointerSize: Int, bigEndian: Bool) -> ([UInt8], [UInt8])? {
        guard pointerSize == 4 || pointerSize == 8, bytes.count > 64 else { return nil }
        func integer(_ at: Int, _ size: Int) -> UInt64? {
            guard at >= 0, at + size <= bytes.count else { return nil }
            var value: UInt64 = 0
            for index in 0..<size {
                let byte = UInt64(bytes[at + (bigEndian ? index : size - 1 - index)])
                value = value << 8 | byte
            }
            return value
        }
        let is64 = bytes[4] == 2
        guard let phoff = integer(is64 ? 32 : 28, is64 ? 8 : 4), let phentsize = integer(is64 ? 54 : 42, 2),
              let phnum = integer(is64 ? 56 : 44, 2) else { return nil }
        var segments: [(vaddr: UInt64, offset: UInt64, size: UInt64)] = []
        for index in 0..<Int(phnum) {
            let base = Int(phoff) + index * Int(phentsize)
            guard let type = integer(base, 4), type == 1 else { continue }  // PT_LOAD
            let offset = is64 ? integer(base + 8, 8) : integer(base + 4, 4)
            let vaddr = is64 ? integer(base + 16, 8) : integer(base + 8, 4)
            let size = is64 ? integer(base + 32, 8) : integer(base + 16, 4)
            if let offset, let vaddr, let size { segments.append((vaddr, offset, size)) }
        }
        func fileOffset(_ address: UInt64) -> Int? {
            segments.first { address >= $0.vaddr && address < $0.vaddr + $0.size }.map { Int($0.offset + (address - $0.vaddr)) }
        }
        func goString(_ pointerAt: Int) -> [UInt8]? {
            guard let address = integer(pointerAt, pointerSize), let headerOffset = fileOffset(address),
                  let data = integer(headerOffset, pointerSize), let length = integer(headerOffset + pointerSize, pointerSize),
                  let dataOffset = fileOffset(data), length < 1 << 24, dataOffset + Int(length) <= bytes.count else { return nil }
            return Array(bytes[dataOffset..<(dataOffset + Int(length))])
        }
        guard let version = goString(header + 16), let modinfo = goString(header + 16 + pointerSize) else { return nil }
        return (version, modinfo)
    }
}
