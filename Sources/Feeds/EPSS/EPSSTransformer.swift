import Archive
import Foundation

/// Reads an EPSS daily file (`epss_scores-YYYY-MM-DD.csv[.gz]`, FIRST / Empirical Security) in
/// any of its three historical layouts: `cve,epss` (2021-04), `cve,epss,percentile` (2021-09),
/// and the same preceded by a `#model_version:…,score_date:…` comment line (2022-02 on).
/// Columns are found by header name; a row with an unparsable number is skipped with a diagnostic.
public struct EPSSTransformer: FeedTransformer {
    public let name = "epss"

    public init() {}

    /// Raw or gzip-compressed bytes (sniffed by the gzip magic number).
    public func transform(data: Data, path: String) throws(EPSSError) -> EPSSScores {
        var bytes = data
        if data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B {
            do {
                let source = try GzipSource(DataByteSource(data), what: path)
                bytes = Data(try readAll(source, limit: 1 << 30))
            } catch {
                throw .malformed(path: path, reason: "gzip: \(error)")
            }
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw .malformed(path: path, reason: "not UTF-8")
        }
        return try transform(csv: text, path: path)
    }

    /// The CSV text.
    public func transform(csv text: String, path: String) throws(EPSSError) -> EPSSScores {
        var scores = EPSSScores()
        var columns: (cve: Int, epss: Int, percentile: Int?)?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                for pair in line.dropFirst().split(separator: ",") {
                    let parts = pair.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2 else { continue }
                    switch parts[0] {
                    case "model_version": scores.modelVersion = String(parts[1])
                    case "score_date": scores.scoreDate = String(parts[1])
                    default: break
                    }
                }
                continue
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let columns else {
                guard let cve = fields.firstIndex(of: "cve"), let epss = fields.firstIndex(of: "epss") else {
                    throw .malformed(path: path, reason: "line \(lineNumber): header has no cve and epss columns")
                }
                columns = (cve, epss, fields.firstIndex(of: "percentile"))
                continue
            }
            let record = "\(path):\(lineNumber)"
            guard fields.count > max(columns.cve, columns.epss, columns.percentile ?? 0) else {
                scores.diagnostics.append(FeedDiagnostic(feed: name, record: record, message: "too few fields; row skipped"))
                continue
            }
            let cve = fields[columns.cve]
            guard cve.hasPrefix("CVE-"), let epss = Double(fields[columns.epss]), (0...1).contains(epss) else {
                scores.diagnostics.append(FeedDiagnostic(feed: name, record: cve.isEmpty ? record : cve, message: "not a CVE id and an EPSS probability; row skipped"))
                continue
            }
            var percentile: Double?
            if let index = columns.percentile {
                guard let value = Double(fields[index]), (0...1).contains(value) else {
                    scores.diagnostics.append(FeedDiagnostic(feed: name, record: cve, message: "percentile \"\(fields[index])\" is not 0…1; row skipped"))
                    continue
                }
                percentile = value
            }
            scores.rows.append(EPSSScore(cveID: cve, epss: epss, percentile: percentile))
        }
        guard columns != nil else { throw .malformed(path: path, reason: "no header line") }
        return scores
    }
}

/// Bytes in memory as a `ByteSource`, to feed `GzipSource`.
private final class DataByteSource: ByteSource {
    private let data: Data
    private var offset = 0

    init(_ data: Data) { self.data = data }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, data.count - offset)
        guard count > 0 else { return 0 }
        let start = data.startIndex + offset
        data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: start..<start + count)
        offset += count
        return count
    }
}
