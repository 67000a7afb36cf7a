import Foundation

/// Reads the CISA Known Exploited Vulnerabilities catalog
/// (`known_exploited_vulnerabilities.json`, schema `known_exploited_vulnerabilities_schema.json`;
/// or the `.csv` with the same columns) into `KEVEntry` rows.
///
/// An entry without a `CVE-` id or a `YYYY-MM-DD` `dateAdded` is skipped with a diagnostic;
/// a file that is not the catalog at all throws.
public struct KEVTransformer: FeedTransformer {
    public let name = "kev"

    public init() {}

    private struct Document: Decodable {
        var catalogVersion: String?
        var dateReleased: String?
        var vulnerabilities: [Entry]
    }

    private struct Entry: Decodable {
        var cveID: String?
        var vendorProject: String?
        var product: String?
        var vulnerabilityName: String?
        var dateAdded: String?
        var dueDate: String?
        var knownRansomwareCampaignUse: String?
    }

    /// The JSON catalog.
    public func transform(json data: Data, path: String) throws(KEVError) -> KEVCatalog {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw .malformed(path: path, reason: String(describing: error))
        }
        var catalog = KEVCatalog(catalogVersion: document.catalogVersion, dateReleased: document.dateReleased)
        var rows: [[String: String]] = []
        for entry in document.vulnerabilities {
            var row: [String: String] = [:]
            row["cveID"] = entry.cveID
            row["vendorProject"] = entry.vendorProject
            row["product"] = entry.product
            row["vulnerabilityName"] = entry.vulnerabilityName
            row["dateAdded"] = entry.dateAdded
            row["dueDate"] = entry.dueDate
            row["knownRansomwareCampaignUse"] = entry.knownRansomwareCampaignUse
            rows.append(row)
        }
        collect(rows, path: path, into: &catalog)
        return catalog
    }

    /// The CSV catalog (header row naming the JSON fields).
    public func transform(csv text: String, path: String) throws(KEVError) -> KEVCatalog {
        let table = CSVTable.rows(text)
        guard let header = table.first?.fields, header.contains("cveID"), header.contains("dateAdded") else {
            throw .malformed(path: path, reason: "no header with cveID and dateAdded")
        }
        var catalog = KEVCatalog()
        var rows: [[String: String]] = []
        for (line, fields) in table.dropFirst() {
            guard fields.count == header.count else {
                catalog.diagnostics.append(FeedDiagnostic(feed: name, record: "\(path):\(line)", message: "\(fields.count) fields, header has \(header.count); row skipped"))
                continue
            }
            rows.append(Dictionary(zip(header, fields), uniquingKeysWith: { first, _ in first }))
        }
        collect(rows, path: path, into: &catalog)
        return catalog
    }

    private func collect(_ rows: [[String: String]], path: String, into catalog: inout KEVCatalog) {
        var index: [String: Int] = [:]
        for (position, row) in rows.enumerated() {
            let id = row["cveID"]?.trimmingCharacters(in: .whitespaces) ?? ""
            guard id.hasPrefix("CVE-") else {
                catalog.diagnostics.append(FeedDiagnostic(feed: name, record: id.isEmpty ? "\(path)[\(position)]" : id, message: "cveID is not a CVE id; entry skipped"))
                continue
            }
            guard let dateAdded = row["dateAdded"], Self.isDate(dateAdded) else {
                catalog.diagnostics.append(FeedDiagnostic(feed: name, record: id, message: "dateAdded \"\(row["dateAdded"] ?? "")\" is not YYYY-MM-DD; entry skipped"))
                continue
            }
            func optional(_ key: String) -> String? { row[key].flatMap { $0.isEmpty ? nil : $0 } }
            let entry = KEVEntry(
                cveID: id, dateAdded: dateAdded,
                knownRansomwareCampaignUse: row["knownRansomwareCampaignUse"]?.caseInsensitiveCompare("Known") == .orderedSame,
                vendorProject: optional("vendorProject"), product: optional("product"),
                vulnerabilityName: optional("vulnerabilityName"), dueDate: optional("dueDate"))
            if let existing = index[id] {
                catalog.entries[existing] = entry
            } else {
                index[id] = catalog.entries.count
                catalog.entries.append(entry)
            }
        }
    }

    private static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || ($0.element >= 48 && $0.element <= 57) }
    }
}
