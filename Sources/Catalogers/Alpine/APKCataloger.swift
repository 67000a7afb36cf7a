import Cataloging
import Model

/// Alpine packages from `lib/apk/db/installed` (https://wiki.alpinelinux.org/wiki/Apk_spec#Installed_Database_V2):
/// blank-line separated records of `K:value` lines; `F:` sets a directory for the `R:` files after it.
public struct APKCataloger: Cataloger {
    public let name = "apk-db-cataloger"

    public init() {}

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && entry.path.hasSuffix("/lib/apk/db/installed") {
            guard let text = resolver.text(of: entry, cataloger: name, diagnostics: &result.diagnostics) else { continue }
            let (records, junkLines) = Self.records(text)
            if junkLines > 0 {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path,
                                                            message: "\(junkLines) line(s) are not KEY:VALUE records and were skipped"))
            }
            for record in records {
                guard let package = record.first("P"), let version = record.first("V") else {
                    if !record.fields.isEmpty {
                        result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: "record without P: or V: skipped"))
                    }
                    continue
                }
                let architecture = record.first("A")
                var qualifiers = ["arch": architecture ?? ""]
                if let distro = context.distro { qualifiers["distro"] = "\(distro.id)-\(distro.versionID ?? "")" }
                if let origin = record.first("o"), origin != package { qualifiers["upstream"] = origin }
                let metadata = APKMetadata(package: package, origin: record.first("o"), version: version, architecture: architecture,
                                           maintainer: record.first("m"), license: record.first("L"),
                                           dependencies: (record.first("D") ?? "").split(separator: " ").map(String.init), files: record.files)
                result.packages.append(Package(
                    name: package, version: version, type: .apk, foundBy: name,
                    purl: PURL(type: "apk", namespace: context.distro?.id ?? "alpine", name: package, version: version, qualifiers: qualifiers).description,
                    cpes: CPE.candidates(vendors: [package], products: [package], version: version),
                    licenses: record.first("L").map(Self.licenses) ?? [], locations: [Location(entry)], supplier: record.first("m"),
                    metadata: .apk(metadata)))
            }
        }
        return result
    }

    struct Record {
        var fields: [(Character, String)] = []
        var files: [String] = []
        func first(_ key: Character) -> String? { fields.first { $0.0 == key }?.1 }
    }

    /// `MIT AND BSD-2-Clause` is one SPDX expression; `MIT BSD GPL2+` is a list of names.
    static func licenses(_ value: String) -> [String] {
        let words = value.split(separator: " ")
        if words.contains(where: { ["AND", "OR", "WITH"].contains($0) }) { return [value] }
        return words.map(String.init)
    }

    static func records(_ text: String) -> ([Record], junkLines: Int) {
        var junk = 0
        var records: [Record] = []
        var current = Record()
        var directory = "/"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                if !current.fields.isEmpty { records.append(current) }
                current = Record()
                directory = "/"
                continue
            }
            guard line.count >= 2, let key = line.first, line.dropFirst().first == ":" else { junk += 1; continue }
            let value = String(line.dropFirst(2))
            switch key {
            case "F": directory = "/" + value
            case "R": current.files.append(directory == "/" ? "/" + value : directory + "/" + value)
            default: current.fields.append((key, value))
            }
        }
        if !current.fields.isEmpty { records.append(current) }
        return (records, junk)
    }
}
