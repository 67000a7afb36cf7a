/// Why a whole NVD page could not be read; problems with single CVEs are `FeedDiagnostic`s instead.
public enum NVDError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read or decompressed.
    case unreadableFile(path: String, reason: String)
    /// The bytes are not an API 2.0 page: not JSON, or `resultsPerPage`/`startIndex`/`totalResults` missing.
    case malformedPage(path: String, reason: String)
    /// A page of another NVD API (`NVD_CPE`, `NVD_CPEMatchString`, the 1.1 feed's `NVD_CVE` 4.0 items).
    case unexpectedFormat(path: String, format: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason): "cannot read NVD page \(path): \(reason)"
        case .malformedPage(let path, let reason): "\(path) is not an NVD CVE API 2.0 page: \(reason)"
        case .unexpectedFormat(let path, let format): "\(path) is an NVD \(format) document, not a CVE API 2.0 page"
        }
    }
}
