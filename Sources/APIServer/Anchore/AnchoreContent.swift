import Foundation
import Model
import Service

/// `GET /images/{digest}/content/{type}` documents (Anchore's `image_content_response.py` shapes).
enum AnchoreContent {
    static let types = ["os", "files", "npm", "gem", "python", "java", "go", "binary", "nuget", "rust", "composer", "malware"]

    /// One `content` element. Fields are strings, lists or null as Anchore writes them.
    enum Value: Encodable {
        case string(String?)
        case strings([String])
        case int(Int64)
        case object([String: Value])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let text): if let text { try container.encode(text) } else { try container.encodeNil() }
            case .strings(let list): try container.encode(list)
            case .int(let number): try container.encode(number)
            case .object(let fields): try container.encode(fields)
            }
        }
    }

    /// The packages of `type` in Anchore's form; nil for an unknown type.
    static func packages(_ sbom: SBOM, type: String) -> [[String: Value]]? {
        switch type {
        case "os":
            return sbom.packages.filter { [.deb, .rpm, .apk].contains($0.type) }.map(osPackage)
        case "java":
            return sbom.packages.filter { $0.type == .javaArchive }.map(javaPackage)
        case "malware":
            return []
        case _ where types.contains(type):
            return sbom.packages.filter { HawserService.anchoreType($0.type) == type }.map { languagePackage($0, type: type) }
        default:
            return nil
        }
    }

    static func license(_ package: Package) -> String { package.licenses.isEmpty ? "Unknown" : package.licenses.joined(separator: " ") }

    static func osPackage(_ package: Package) -> [String: Value] {
        var source: String?
        var size: Int64 = 0
        var origin = package.supplier
        switch package.metadata {
        case .dpkg(let dpkg):
            source = dpkg.source.map { name in dpkg.sourceVersion.map { "\(name)-\($0)" } ?? name } ?? "\(package.name)-\(package.version)"
            size = Int64(dpkg.installedSize ?? 0) * 1024
        case .apk(let apk):
            source = apk.origin
        case .rpm(let rpm):
            source = rpm.sourceRPM
            origin = rpm.vendor ?? origin
        default: break
        }
        return ["package": .string(package.name), "version": .string(package.version), "license": .string(license(package)),
                "licenses": .strings(package.licenses.isEmpty ? ["Unknown"] : package.licenses), "origin": .string(origin ?? "N/A"),
                "size": .string(String(size)), "type": .string(HawserService.anchoreType(package.type)), "cpes": .strings(package.cpes),
                "sourcepkg": .string(source ?? "N/A")]
    }

    static func languagePackage(_ package: Package, type: String) -> [String: Value] {
        ["package": .string(package.name), "version": .string(package.version), "type": .string(type.uppercased()),
         "location": .string(package.locations.first?.path ?? ""), "origin": .string(package.supplier ?? "N/A"),
         "license": .string(license(package)), "licenses": .strings(package.licenses.isEmpty ? ["Unknown"] : package.licenses),
         "cpes": .strings(package.cpes)]
    }

    static func javaPackage(_ package: Package) -> [String: Value] {
        var manifest: [String: String] = [:]
        var location = package.locations.first?.path ?? ""
        if case .javaArchive(let java) = package.metadata {
            manifest = java.manifest
            location = java.virtualPath
        }
        let ext = location.split(separator: ".").last.map { String($0).split(separator: ":").first.map(String.init) ?? "jar" } ?? "jar"
        return ["package": .string(package.name), "version": .string(package.version), "type": .string("JAVA-" + ext.uppercased()),
                "location": .string(location), "specification-version": .string(manifest["Specification-Version"] ?? "N/A"),
                "implementation-version": .string(manifest["Implementation-Version"] ?? "N/A"), "maven-version": .string(package.version),
                "origin": .string(package.supplier ?? "N/A"), "cpes": .strings(package.cpes),
                "metadata": .object(manifest.mapValues { .string($0) })]
    }

    static func files(_ sbom: SBOM) -> [[String: Value]] {
        sbom.files.map { file in
            ["filename": .string(file.location.path), "type": .string(fileType(file.type)), "size": .int(file.size),
             "mode": .string(String(format: "%05o", file.mode & 0o7777)), "uid": .int(Int64(file.uid)), "gid": .int(Int64(file.gid)),
             "linkdest": .string(file.linkTarget), "sha256": .string(file.sha256)]
        }
    }

    /// Anchore's file type words.
    static func fileType(_ type: FileType) -> String {
        switch type {
        case .regular: "file"
        case .directory: "dir"
        case .symlink: "slink"
        case .hardLink: "hlink"
        default: "other"
        }
    }
}
