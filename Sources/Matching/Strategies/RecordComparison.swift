import Model
import Versions

/// The one place a package version is compared with a record: through the record's version
/// scheme (never as strings), producing the explanation of a hit.
enum RecordComparison {
    struct Hit {
        var record: VulnerabilityRecord
        var explanation: String
    }

    /// Whether `version` is affected by `record`; `nil` when not. A record that says the version is
    /// not affected, or whose constraint or the version cannot be read in its scheme, is no hit
    /// (the latter is reported as a diagnostic by the caller).
    static func check(_ record: VulnerabilityRecord, version: String, searchedName: String,
                      diagnostics: inout [String]) -> Hit? {
        guard record.fixState != .notAffected else { return nil }
        guard let format = VersionFormat(rawValue: record.versionFormat) else {
            diagnostics.append("\(record.id): unknown version format '\(record.versionFormat)'")
            return nil
        }
        do {
            let installed = try format.parse(version)
            if record.constraint.isEmpty {
                return Hit(record: record, explanation: "\(record.source) record \(record.id) in \(record.namespace) for \(searchedName): "
                    + "every version is affected (\(record.fixState.rawValue)); installed \(installed) [\(format)]")
            }
            let constraint = try VersionConstraint(parsing: record.constraint, scheme: format)
            guard let range = try constraint.matchingRange(for: installed) else { return nil }
            return Hit(record: record, explanation: "\(record.source) record \(record.id) in \(record.namespace) for \(searchedName): "
                + "installed \(installed) is in \(range.explanation) [\(format)]"
                + (record.fixedIn.isEmpty ? "" : "; fixed in \(record.fixedIn.joined(separator: ", "))"))
        } catch {
            diagnostics.append("\(record.id) for \(searchedName) \(version): \(error)")
            return nil
        }
    }

    /// Vendor severity first, else the highest CVSS base score's rating.
    static func severity(_ record: VulnerabilityRecord) -> Severity {
        if let vendor = record.severity, vendor != .unknown { return vendor }
        let best = record.cvss.compactMap(\.baseScore).max()
        return best.map(Severity.init(cvssScore:)) ?? .unknown
    }
}
