import Feeds
import Foundation

/// The NVD part of a sync: the CVE API 2.0 paged from `startIndex=0` until `totalResults`, each
/// page kept as `nvd/cves-<startIndex>.json`. Pages go to a staging folder that replaces `nvd/`
/// only when every page arrived, so a sync cut short keeps the previous pages. NVD asks clients
/// without an API key to wait six seconds between requests (`NVD_API_KEY` lifts that).
struct NVDSync: Sendable {
    static let endpoint = "https://services.nvd.nist.gov/rest/json/cves/2.0"

    var mirror: String
    var downloader: FeedDownloader
    var apiKey: String?
    var pageSize = 2000

    /// Returns the mirror path of a page (any page stands for the folder), or nothing when NVD failed and no earlier copy exists.
    func run(report: inout FeedSync.Report) async -> [String] {
        let folder = mirror + "/nvd"
        let staging = mirror + "/nvd.partial"
        try? FileManager.default.removeItem(atPath: staging)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        var startIndex = 0
        var first = true
        do {
            while true {
                if !first { try? await Task.sleep(for: apiKey == nil ? .seconds(6) : .milliseconds(700)) }
                first = false
                let url = "\(Self.endpoint)?startIndex=\(startIndex)&resultsPerPage=\(pageSize)"
                let page = staging + "/cves-" + String(format: "%07d", startIndex) + ".json"
                try await downloader.download(url, to: page, headers: apiKey.map { ["apiKey": $0] } ?? [:])
                report.fetched.append(url)
                guard let next = try Self.nextStartIndex(page) else { break }
                guard next > startIndex else { throw FeedDownloader.Failure.file(path: page, reason: "page does not advance (startIndex \(startIndex))") }
                startIndex = next
            }
            // Swap folders so that a failure at any step leaves one complete set of pages in `nvd/`.
            let previous = mirror + "/nvd.previous"
            try? FileManager.default.removeItem(atPath: previous)
            let hadPages = FileManager.default.fileExists(atPath: folder)
            if hadPages { try FileManager.default.moveItem(atPath: folder, toPath: previous) }
            do { try FileManager.default.moveItem(atPath: staging, toPath: folder) } catch {
                if hadPages { try? FileManager.default.moveItem(atPath: previous, toPath: folder) }
                throw error
            }
            try? FileManager.default.removeItem(atPath: previous)
        } catch {
            report.failures.append("nvd: \(error)" + (FileManager.default.fileExists(atPath: folder) ? " (keeping the pages fetched before)" : ""))
        }
        let pages = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }
        return pages.first.map { ["nvd/" + $0] } ?? []
    }

    /// The paging fields of a page: the next `startIndex`, nil after the last page.
    static func nextStartIndex(_ path: String) throws -> Int? {
        struct Paging: Decodable {
            var startIndex: Int
            var resultsPerPage: Int
            var totalResults: Int
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw FeedDownloader.Failure.file(path: path, reason: "unreadable") }
        let paging: Paging
        do { paging = try JSONDecoder().decode(Paging.self, from: data) } catch {
            throw FeedDownloader.Failure.file(path: path, reason: "not an NVD API 2.0 page: \(error)")
        }
        // An empty page before the end is NVD misbehaving, not the end: stopping would keep a partial set.
        if paging.resultsPerPage == 0 && paging.startIndex < paging.totalResults {
            throw FeedDownloader.Failure.file(path: path, reason: "empty page at startIndex \(paging.startIndex) of \(paging.totalResults)")
        }
        let next = paging.startIndex + paging.resultsPerPage
        return paging.resultsPerPage > 0 && next < paging.totalResults ? next : nil
    }
}
