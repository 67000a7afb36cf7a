import Cataloging
import Model

/// Installed Python packages: `*.dist-info/METADATA` (wheels, PEP 566/643) and
/// `*.egg-info/PKG-INFO` or a single-file `.egg-info` (setuptools), with the files they own
/// from `RECORD` (PEP 376) or `installed-files.txt`.
public struct PythonPackageCataloger: Cataloger {
    public let name = "python-installed-package-cataloger"

    public init() {}

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        for entry in resolver.entries where entry.type == .regular && Self.isMetadataFile(entry.path) {
            guard let text = resolver.text(of: entry, cataloger: name, diagnostics: &result.diagnostics) else { continue }
            let headers = EmailHeaders.parse(text)
            guard let packageName = headers.first("Name"), let version = headers.first("Version"), !packageName.isEmpty, !version.isEmpty else {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: entry.path, message: "no Name or Version header"))
                continue
            }
            let metadataDirectory = ImagePaths.parent(entry.path)
            let isSingleFile = entry.path.lowercased().hasSuffix(".egg-info")
            // The interpreter's own `lib/python2.7/Python-2.7.egg-info` is not an installed package.
            if isSingleFile && ImagePaths.base(entry.path).hasPrefix("Python-") && packageName.lowercased() == "python" { continue }
            let siteRoot = isSingleFile ? metadataDirectory : ImagePaths.parent(metadataDirectory)
            var locations = [Location(entry)]
            var files: [String] = []
            let recordPath = metadataDirectory + (entry.path.uppercased().hasSuffix("/METADATA") ? "/RECORD" : "/installed-files.txt")
            if !isSingleFile, let record = resolver.entry(at: recordPath), let bytes = try? resolver.contents(of: recordPath) {
                locations.append(Location(record))
                let base = recordPath.hasSuffix("/RECORD") ? siteRoot : metadataDirectory
                let isRecord = recordPath.hasSuffix("/RECORD")
                files = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
                    // RECORD rows are `path,algorithm=digest,size` (PEP 376); anything else is not a file row.
                    if isRecord && !Self.isRecordRow(String(line)) { return nil }
                    let path = isRecord ? Self.firstCSVField(String(line)) : String(line)
                    return path.isEmpty ? nil : ImagePaths.join(base, path)
                }
            }
            let author = headers.first("Author").flatMap { $0.isEmpty || $0 == "UNKNOWN" ? nil : $0 }
            let authorEmail = headers.first("Author-email").flatMap { $0.isEmpty || $0 == "UNKNOWN" ? nil : $0 }
            let maintainer = headers.first("Maintainer").flatMap { $0.isEmpty || $0 == "UNKNOWN" ? nil : $0 }
            let license = Self.license(headers)
            let metadata = PythonMetadata(name: packageName, version: version, author: author, authorEmail: authorEmail, maintainer: maintainer,
                                          license: license, sitePackagesRootPath: siteRoot, files: files, requiresDist: headers.all("Requires-Dist"))
            let normalized = Self.normalize(packageName)
            let supplier = author.map { name in authorEmail.map { "\(name) <\($0)>" } ?? name } ?? authorEmail ?? maintainer
            // Syft reports Python names lowercased; the metadata keeps the original spelling.
            result.packages.append(Package(
                name: packageName.lowercased(), version: version, type: .python, foundBy: name,
                purl: PURL(type: "pypi", name: normalized, version: version).description,
                cpes: CPE.candidates(vendors: [packageName, "python-" + packageName, normalized], products: [packageName, "python-" + packageName],
                                     version: version, targetSoftware: "python"),
                licenses: license.map { [$0] } ?? [], locations: locations, language: "python", supplier: supplier, metadata: .python(metadata)))
        }
        return result
    }

    static func isMetadataFile(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix("dist-info/metadata") || lower.hasSuffix("egg-info/pkg-info") || lower.hasSuffix(".egg-info")
    }

    /// `path,sha256=…,1234` or `path,,` (RECORD lists itself without a hash).
    static func isRecordRow(_ line: String) -> Bool {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 3 else { return false }
        let hash = fields[fields.count - 2], size = fields[fields.count - 1]
        return (hash.isEmpty || hash.contains("=")) && (size.isEmpty || size.allSatisfy(\.isNumber))
    }

    /// PEP 503 normalisation (shared with feeds and matchers through Model).
    public static func normalize(_ name: String) -> String { PackageName.pep503(name) }

    /// `License-Expression`, else `License` (first line), else the OSI classifier.
    static func license(_ headers: EmailHeaders) -> String? {
        if let expression = headers.first("License-Expression"), !expression.isEmpty { return expression }
        if let license = headers.first("License"), !license.isEmpty, license != "UNKNOWN",
           let line = license.split(whereSeparator: \.isNewline).first, line.count < 100 {
            return String(line)
        }
        for classifier in headers.all("Classifier") where classifier.hasPrefix("License :: ") {
            if let last = classifier.split(separator: ":").last?.trimmingCharacters(in: " "), !last.isEmpty, last != "OSI Approved" { return last }
        }
        return nil
    }

    static func firstCSVField(_ line: String) -> String {
        guard line.first == "\"" else { return String(line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first ?? "") }
        var out = ""
        var index = line.index(after: line.startIndex)
        while index < line.endIndex {
            let character = line[index]
            if character == "\"" {
                let next = line.index(after: index)
                if next < line.endIndex && line[next] == "\"" { out.append("\""); index = line.index(after: next); continue }
                break
            }
            out.append(character)
            index = line.index(after: index)
        }
        return out
    }
}

/// RFC 822 headers as Python's core metadata uses them (repeated keys kept, continuations joined).
struct EmailHeaders {
    var fields: [(String, String)]

    static func parse(_ text: String) -> EmailHeaders {
        var fields: [(String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                // A blank line ends the headers (the body is the description), except inside a
                // multi-line Description header whose blank lines lost their indentation.
                if fields.last?.0.lowercased() == "description" { continue }
                break
            }
            if line.first == " " || line.first == "\t" {
                if !fields.isEmpty { fields[fields.count - 1].1 += "\n" + line.trimmingCharacters(in: " \t\r") }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: " \t\r")))
        }
        return EmailHeaders(fields: fields)
    }

    func first(_ key: String) -> String? { fields.first { $0.0.lowercased() == key.lowercased() }?.1 }
    func all(_ key: String) -> [String] { fields.filter { $0.0.lowercased() == key.lowercased() }.map(\.1) }
}

/// Path helpers for absolute image paths.
enum ImagePaths {
    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func base(_ path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// Joins and cleans (`..` allowed to go up, never above `/`).
    static func join(_ directory: String, _ relative: String) -> String {
        var stack = relative.hasPrefix("/") ? [] : directory.split(separator: "/").map(String.init)
        for component in relative.split(separator: "/") {
            if component == "." { continue }
            if component == ".." { _ = stack.popLast() } else { stack.append(String(component)) }
        }
        return "/" + stack.joined(separator: "/")
    }
}
