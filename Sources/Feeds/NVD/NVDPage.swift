/// One response page of the NVD CVE API 2.0 (`/rest/json/cves/2.0?startIndex=N&resultsPerPage=M`,
/// nvd.nist.gov/developers/vulnerabilities), which is also the shape of the yearly
/// `nvdcve-2.0-YYYY.json.gz` feed files. Only the fields Hawser reads; unknown fields are ignored
/// so additions to the API (`cveTags`, `cisaExploitAdd`, SSVC metrics…) still decode.
struct NVDPage: Decodable, Sendable {
    var resultsPerPage: Int
    var startIndex: Int
    var totalResults: Int
    /// `NVD_CVE` for CVE pages (the CPE and match-criteria APIs say `NVD_CPE`, `NVD_CPEMatchString`).
    var format: String?
    var version: String?
    /// When NVD produced the page, without a time zone (UTC).
    var timestamp: String?
    var vulnerabilities: [NVDEntry]

    enum CodingKeys: String, CodingKey {
        case resultsPerPage, startIndex, totalResults, format, version, timestamp, vulnerabilities
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        resultsPerPage = try container.decode(Int.self, forKey: .resultsPerPage)
        startIndex = try container.decode(Int.self, forKey: .startIndex)
        totalResults = try container.decode(Int.self, forKey: .totalResults)
        format = try container.decodeIfPresent(String.self, forKey: .format)
        version = try container.decodeIfPresent(String.self, forKey: .version)
        timestamp = try container.decodeIfPresent(String.self, forKey: .timestamp)
        // An empty result (`totalResults: 0`) may leave the list out altogether.
        vulnerabilities = try container.decodeIfPresent([NVDEntry].self, forKey: .vulnerabilities) ?? []
    }
}

/// One element of `vulnerabilities[]`, decoded on its own so that a malformed CVE becomes a
/// diagnostic instead of failing the page.
enum NVDEntry: Decodable, Sendable {
    case cve(NVDCVE)
    /// The CVE could not be decoded; `id` when at least that could be read.
    case malformed(id: String?, reason: String)

    private enum CodingKeys: String, CodingKey { case cve }
    private struct Identifier: Decodable { var id: String? }

    init(from decoder: any Decoder) throws {
        do {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self = .cve(try container.decode(NVDCVE.self, forKey: .cve))
        } catch {
            let id = (try? decoder.container(keyedBy: CodingKeys.self))
                .flatMap { try? $0.decodeIfPresent(Identifier.self, forKey: .cve) }?.id
            self = .malformed(id: id, reason: DecodingErrorText.describe(error))
        }
    }
}

/// The `cve` object of an entry.
struct NVDCVE: Decodable, Sendable {
    var id: String
    var sourceIdentifier: String?
    var published: String?
    var lastModified: String?
    /// `Received`, `Awaiting Analysis`, `Undergoing Analysis`, `Analyzed`, `Modified`, `Deferred`, `Rejected`.
    var vulnStatus: String?
    var descriptions: [LanguageString]?
    var metrics: Metrics?
    var weaknesses: [Weakness]?
    var configurations: [Configuration]?
    var references: [Reference]?

    struct LanguageString: Decodable, Sendable {
        var lang: String
        var value: String
    }

    /// CVSS metrics by version; each list may hold NVD's own (`Primary`) and CNAs' (`Secondary`) scores.
    struct Metrics: Decodable, Sendable {
        var cvssMetricV40: [Metric]?
        var cvssMetricV31: [Metric]?
        var cvssMetricV30: [Metric]?
        var cvssMetricV2: [Metric]?
    }

    struct Metric: Decodable, Sendable {
        /// Who scored it: `nvd@nist.gov` or a CNA's e-mail or UUID.
        var source: String?
        /// `Primary` or `Secondary`.
        var type: String?
        var cvssData: CVSSData
        /// v2 keeps the rating beside `cvssData` rather than inside it.
        var baseSeverity: String?
    }

    struct CVSSData: Decodable, Sendable {
        var version: String
        var vectorString: String
        var baseScore: Double?
        var baseSeverity: String?
    }

    struct Weakness: Decodable, Sendable {
        var source: String?
        var type: String?
        var description: [LanguageString]
    }

    /// One applicability statement: its nodes joined by `operator` (absent means a single node).
    struct Configuration: Decodable, Sendable {
        var `operator`: String?
        var negate: Bool?
        var nodes: [Node]
    }

    struct Node: Decodable, Sendable {
        var `operator`: String?
        var negate: Bool?
        var cpeMatch: [CPEMatch]?
    }

    /// A CPE match criterion; the version bounds apply when the criteria's version is `*`.
    struct CPEMatch: Decodable, Sendable {
        var vulnerable: Bool
        var criteria: String
        var matchCriteriaId: String?
        var versionStartIncluding: String?
        var versionStartExcluding: String?
        var versionEndIncluding: String?
        var versionEndExcluding: String?
    }

    struct Reference: Decodable, Sendable {
        var url: String
        var source: String?
        var tags: [String]?
    }
}

/// `DecodingError`s as one line naming the JSON path.
enum DecodingErrorText {
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing \(codingPath(context.codingPath + [key]))"
        case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
            "expected \(type) at \(codingPath(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            "invalid JSON at \(codingPath(context.codingPath)): \(context.debugDescription)"
        default:
            String(describing: error)
        }
    }

    static func codingPath(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "top level" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
