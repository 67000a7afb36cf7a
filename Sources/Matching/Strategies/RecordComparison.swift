import Model
import Versions

/// The one place a package version is compared with a record: through the record's version
/// scheme (never as strings), producing the explanation of a hit.
enum RecordComparison {
    struct Hit: Sendable {
        var record: VulnerabilityRecord
        var explanation: String
    }

    /// Whether `version` is affected by `record`; `nil` when not. A record that says the version is
    /// not affected, or whose constraint or the version cannot be read in its scheme, is no hit
    /// (the latter is reported as a diagnostic by the caller).
    static func check(_ record: VulnerabilityRecord, version: String, searchedName: String,
                      diagnostics: inout [String]) -> Hit? {
        var comparer = Comparer(version: version, searchedName: searchedName)
        return comparer.check(record, diagnostics: &diagnostics)
    }

    /// `check` of every record, in order, against one installed version.
    static func hits(in records: [VulnerabilityRecord], version: String, searchedName: String,
                     diagnostics: inout [String]) -> [Hit] {
        var comparer = Comparer(version: version, searchedName: searchedName)
        return records.compactMap { comparer.check($0, diagnostics: &diagnostics) }
    }

    /// Compares records with one installed version, reading that version once per scheme and each
    /// distinct constraint once. Parsing is nearly all of matching's cost, and a package's records
    /// repeat constraints (Debian gives every CVE fixed by one upload the same `< 0.9.6e-1`), so
    /// this gives the same answers as comparing record by record for a fraction of the work.
    ///
    /// The memos are keyed by strings and hold a plain enum: a new `Hashable` key type or `Result`
    /// makes the runtime look a conformance up on first use, a scan of every conformance in this
    /// large binary that costs more than a match run's whole comparison of a small package.
    struct Comparer {
        let version: String
        let searchedName: String
        /// The installed version read in each scheme, by the scheme's raw value.
        private var installed: [String: Outcome<Version>] = [:]
        /// The range of each constraint (by scheme and text) that holds the installed version, nil for none.
        private var ranges: [String: Outcome<VersionRange?>] = [:]

        private enum Outcome<Value> {
            case parsed(Value)
            case failed(VersionError)

            init(_ body: () throws(VersionError) -> Value) {
                do { self = .parsed(try body()) } catch { self = .failed(error) }
            }

            func get() throws(VersionError) -> Value {
                switch self {
                case .parsed(let value): value
                case .failed(let error): throw error
                }
            }
        }

        init(version: String, searchedName: String) {
            self.version = version
            self.searchedName = searchedName
        }

        mutating func check(_ record: VulnerabilityRecord, diagnostics: inout [String]) -> Hit? {
            guard record.fixState != .notAffected else { return nil }
            guard let format = VersionFormat(rawValue: record.versionFormat) else {
                diagnostics.append("\(record.id): unknown version format '\(record.versionFormat)'")
                return nil
            }
            do {
                let installed = try installedVersion(format).get()
                if record.constraint.isEmpty {
                    return Hit(record: record, explanation: "\(record.source) record \(record.id) in \(record.namespace) for \(searchedName): "
                        + "every version is affected (\(record.fixState.rawValue)); installed \(installed) [\(format)]")
                }
                guard let range = try matchingRange(record.constraint, format: format, installed: installed).get() else { return nil }
                return Hit(record: record, explanation: "\(record.source) record \(record.id) in \(record.namespace) for \(searchedName): "
                    + "installed \(installed) is in \(range.explanation) [\(format)]"
                    + (record.fixedIn.isEmpty ? "" : "; fixed in \(record.fixedIn.joined(separator: ", "))"))
            } catch {
                diagnostics.append("\(record.id) for \(searchedName) \(version): \(error)")
                return nil
            }
        }

        private mutating func installedVersion(_ format: VersionFormat) -> Outcome<Version> {
            if let known = installed[format.rawValue] { return known }
            let outcome = Outcome { () throws(VersionError) in try format.parse(version) }
            installed[format.rawValue] = outcome
            return outcome
        }

        private mutating func matchingRange(_ constraint: String, format: VersionFormat, installed: Version) -> Outcome<VersionRange?> {
            let key = format.rawValue + "\u{0}" + constraint
            if let known = ranges[key] { return known }
            let outcome = Outcome { () throws(VersionError) in
                try VersionConstraint(parsing: constraint, scheme: format).matchingRange(for: installed)
            }
            ranges[key] = outcome
            return outcome
        }
    }

    /// Vendor severity first, else the highest CVSS base score's rating.
    static func severity(_ record: VulnerabilityRecord) -> Severity {
        if let vendor = record.severity, vendor != .unknown { return vendor }
        let best = record.cvss.compactMap(\.baseScore).max()
        return best.map(Severity.init(cvssScore:)) ?? .unknown
    }
}
