import Feeds
import Foundation
import Model
import VulnDB

/// `hawser db sync [--source NAME…]`: fetches each source from its publisher (or a mirror URL)
/// into the local feed mirror, then rebuilds the DB groups whose input changed, one group per
/// transaction. A download that fails, or a file that cannot be read, leaves that group's previous
/// rows and mirror copy as they were and is reported; the other groups still update.
public struct FeedSync: Sendable {
    public var database: String
    /// Where downloads are kept (laid out as `hawser db build --from` reads).
    public var mirror: String
    public var sources: [FeedSource]
    /// Publisher URLs are fetched from `<mirrorURL>/<host>/<path>` when set.
    public var mirrorURL: String?
    /// Fetch every OSV dump again instead of the records changed since the last sync.
    public var full: Bool
    /// NVD's API key (`NVD_API_KEY`): faster paging.
    public var nvdAPIKey = ProcessInfo.processInfo.environment["NVD_API_KEY"]
    /// The OSV ecosystems to sync (those the bucket lists).
    public var osvEcosystems = FeedSources.osvEcosystems
    /// Above this many changed OSV records, fetching the dump is cheaper than fetching each.
    public var incrementalLimit = 2000
    /// The wait before retrying a failed download (transport error, 408, 429, 5xx); it doubles for each
    /// later attempt, and a `Retry-After` can ask for longer. `HAWSER_FEED_RETRY_DELAY_MS` sets it
    /// (tests whose mirror fails on purpose).
    public var retryDelay: Duration = .milliseconds(max(0, Int(ProcessInfo.processInfo.environment["HAWSER_FEED_RETRY_DELAY_MS"] ?? "") ?? 500))

    public init(database: String, mirror: String? = nil, sources: [FeedSource] = FeedSources.all.filter(\.isDefault),
                mirrorURL: String? = nil, full: Bool = false) {
        self.database = database
        self.mirror = mirror ?? Self.defaultMirror(for: database)
        self.sources = sources
        self.mirrorURL = mirrorURL
        self.full = full
    }

    /// `feeds/` beside the DB file.
    public static func defaultMirror(for database: String) -> String {
        ((database as NSString).deletingLastPathComponent as NSString).appendingPathComponent("feeds")
    }

    public struct Report: Sendable {
        /// Files fetched (whole files and single OSV records), by URL.
        public var fetched: [String] = []
        /// Groups rewritten, with their row counts.
        public var updated: [String: Int] = [:]
        /// Groups whose input had not changed.
        public var unchanged: [String] = []
        /// Sources or files that could not be synced: their previous data is kept.
        public var failures: [String] = []
        /// Single records skipped, and notes (a release the publisher does not have).
        public var diagnostics: [String] = []
        public var status: VulnDBStatus?
        /// What the replaced groups changed, for re-matching only the stored reports they touch.
        public var changes = VulnDBChanges()
    }

    public func run(progress: (any ProgressReporter)? = nil) async -> Report {
        var report = Report()
        let downloader = FeedDownloader(mirrorURL: mirrorURL, retryDelay: retryDelay)
        var inputs: [String] = []
        // Groups with a file that could not be fetched (and no earlier copy) are not rebuilt at all.
        var failedKeys = Set<String>()
        for source in sources {
            progress?.stage("fetching \(source.name)")
            let downloads: [FeedDownload]
            switch source.fetch {
            case .osvBucket:
                inputs += await OSVSync(mirror: mirror, downloader: downloader, full: full, incrementalLimit: incrementalLimit)
                    .run(ecosystems: osvEcosystems, report: &report)
                continue
            case .nvdAPI:
                var throttled = downloader
                throttled.retryForbidden = true
                inputs += await NVDSync(mirror: mirror, downloader: throttled, apiKey: nvdAPIKey).run(report: &report)
                continue
            case .files(let files):
                downloads = files
            }
            for download in downloads {
                let destination = mirror + "/" + download.localPath
                do {
                    try await downloader.download(download.url, to: destination)
                    report.fetched.append(download.url)
                    inputs.append(download.localPath)
                } catch {
                    let hadCopy = FileManager.default.fileExists(atPath: destination)
                    if error.isNotFound && !hadCopy {
                        report.diagnostics.append("\(source.name): \(download.url) is not published (404); skipped")
                    } else {
                        report.failures.append("\(source.name): \(error)" + (hadCopy ? " (keeping the copy fetched before)" : ""))
                        if hadCopy { inputs.append(download.localPath) }
                        else if let file = FeedFile.classify(download.localPath, root: mirror) { failedKeys.insert(file.groupKey) }
                    }
                }
            }
        }
        progress?.stage("updating \(database)")
        await rebuild(inputs, failedKeys: failedKeys, report: &report)
        report.status = try? VulnerabilityDatabase(path: database).status()
        progress?.finished()
        return report
    }

    /// Transforms each input and replaces its group when the input's checksum differs from the stored one.
    private func rebuild(_ inputs: [String], failedKeys: Set<String>, report: inout Report) async {
        var failedKeys = failedKeys
        let files = Array(Set(inputs.compactMap { FeedFile.classify($0, root: mirror) })).sorted { $0.path < $1.path }
        let stored: [FeedGroup: FeedGroupStatus] = {
            guard FileManager.default.fileExists(atPath: database), let status = try? VulnerabilityDatabase(path: database).status() else { return [:] }
            return Dictionary(status.groups.map { ($0.group, $0) }, uniquingKeysWith: { first, _ in first })
        }()
        let outcomes = await FeedMirrorBuild.transformAll(files)
        var parts: [(key: String, part: FeedMirrorBuild.Part)] = []
        for (file, outcome) in outcomes {
            switch outcome {
            case .success(let part):
                parts.append((file.groupKey, part))
            case .failure(let error):
                failedKeys.insert(file.groupKey)
                report.failures.append("\(error) (the group keeps its previous rows)")
                // An unreadable dump must not be built upon: the next sync fetches it whole.
                if case .osv(let path, _, _) = file {
                    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent + "/" + OSVIncrementalState.fileName)
                }
            }
        }
        let now = Date()
        let skipped = Set(parts.filter { failedKeys.contains($0.key) }.map(\.part.group))
        for (group, pieces) in Dictionary(grouping: parts.map(\.part), by: \.group).sorted(by: { $0.key < $1.key }) {
            let checksum = FeedMirrorBuild.groupChecksum(pieces)
            report.diagnostics += pieces.flatMap(\.diagnostics)
            if skipped.contains(group) {
                report.diagnostics.append("\(group): not rebuilt, one of its files failed; it keeps its previous rows")
                continue
            }
            if stored[group]?.checksum == checksum {
                report.unchanged.append(group.description)
                continue
            }
            let rows = pieces.reduce(0) { $0 + $1.records.count + $1.kev.count + $1.epss.count }
            // A file that reads as valid but holds nothing (an empty catalog) must not wipe a group.
            if rows == 0, let previous = stored[group], previous.recordCount > 0 {
                report.failures.append("\(group): the new input has no rows; keeping the previous \(previous.recordCount)")
                continue
            }
            let content: GroupContent
            if group == .kev { content = .kev(pieces.flatMap(\.kev)) }
            else if group == .epss { content = .epss(pieces.flatMap(\.epss)) }
            else { content = .records(pieces.flatMap(\.records)) }
            do {
                let result = try VulnerabilityDatabase.replace(group: group, with: content, sync: GroupSync(lastSync: now, checksum: checksum), at: database)
                report.updated[group.description] = rows
                if let changes = result.changes { report.changes.formUnion(changes) }
                report.diagnostics += result.diagnostics.map(\.description)
            } catch {
                report.failures.append("\(group): \(error.description) (the group keeps its previous rows)")
            }
        }
    }
}
