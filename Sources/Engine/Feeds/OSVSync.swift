import Feeds
import Foundation

/// The OSV part of a sync. The bucket's `ecosystems.txt` says which ecosystems exist; each one's
/// `modified_id.csv` (newest first) says what changed since the last sync. A first sync, `--full`,
/// or more than `incrementalLimit` changes fetch the ecosystem's `all.zip`; otherwise only the
/// changed `<ID>.json` records are fetched into the overlay (see `OSVIncrementalState`).
struct OSVSync: Sendable {
    var mirror: String
    var downloader: FeedDownloader
    var full: Bool
    var incrementalLimit: Int

    /// Returns the mirror paths of the dumps to rebuild from.
    func run(ecosystems wanted: [String], report: inout FeedSync.Report) async -> [String] {
        let bucket = FeedSources.osvBucket
        let listed: Set<String>
        do {
            let text = try await downloader.text("\(bucket)/ecosystems.txt")
            listed = Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
        } catch {
            report.failures.append("osv: cannot list ecosystems: \(error)")
            return wanted.map { "osv/\($0)/all.zip" }.filter { FileManager.default.fileExists(atPath: mirror + "/" + $0) }
        }
        var inputs: [String] = []
        for ecosystem in wanted {
            let dump = "osv/\(ecosystem)/all.zip"
            guard listed.contains(ecosystem) else {
                report.diagnostics.append("osv: the bucket lists no \(ecosystem) ecosystem; skipped")
                continue
            }
            do {
                try await sync(ecosystem, report: &report)
                inputs.append(dump)
            } catch {
                report.failures.append("osv \(ecosystem): \(error)")
                if FileManager.default.fileExists(atPath: mirror + "/" + dump) { inputs.append(dump) }
            }
        }
        return inputs
    }

    private func sync(_ ecosystem: String, report: inout FeedSync.Report) async throws(FeedDownloader.Failure) {
        let base = "\(FeedSources.osvBucket)/\(FeedSources.escaped(ecosystem))"
        let folder = mirror + "/osv/" + ecosystem
        let indexURL = base + "/modified_id.csv"
        let index: [OSVModifiedEntry]
        do {
            index = try OSVModifiedIndex.parse(try await downloader.text(indexURL), path: indexURL)
        } catch let failure as FeedDownloader.Failure {
            throw failure
        } catch {
            throw .transport(url: indexURL, reason: "\(error)")
        }
        report.fetched.append(indexURL)
        let newest = index.map(\.modified).max() ?? Date(timeIntervalSince1970: 0)
        let overlay = folder + "/" + OSVIncrementalState.overlayFolder
        let state = OSVIncrementalState.load(ecosystemFolder: folder)
        let haveDump = FileManager.default.fileExists(atPath: folder + "/all.zip")
        if !full, haveDump, let state {
            let changed = OSVModifiedIndex.changed(index, since: state.indexHighWater)
            if changed.count <= incrementalLimit {
                try await fetchRecords(changed.map(\.id), base: base, into: overlay, report: &report)
                try save(OSVIncrementalState(indexHighWater: max(newest, state.indexHighWater), dumpFetched: state.dumpFetched), folder: folder)
                return
            }
        }
        try await downloader.download(base + "/all.zip", to: folder + "/all.zip")
        report.fetched.append(base + "/all.zip")
        // The new dump holds everything the overlay had.
        try? FileManager.default.removeItem(atPath: overlay)
        try save(OSVIncrementalState(indexHighWater: newest, dumpFetched: Date()), folder: folder)
    }

    /// Fetches single records, eight at a time; any failure fails the ecosystem (the state is not advanced).
    private func fetchRecords(_ ids: [String], base: String, into overlay: String,
                              report: inout FeedSync.Report) async throws(FeedDownloader.Failure) {
        guard !ids.isEmpty else { return }
        let downloader = downloader
        do { try FileManager.default.createDirectory(atPath: overlay, withIntermediateDirectories: true) } catch {
            throw .file(path: overlay, reason: "\(error.localizedDescription)")
        }
        var pending = ids[...]
        while !pending.isEmpty {
            let batch = pending.prefix(8)
            pending = pending.dropFirst(batch.count)
            let results = await withTaskGroup(of: (String, FeedDownloader.Failure?).self) { group in
                for id in batch {
                    group.addTask {
                        let url = "\(base)/\(FeedSources.escaped(id)).json"
                        do {
                            try await downloader.download(url, to: "\(overlay)/\(id).json")
                            return (url, nil)
                        } catch {
                            return (url, error as? FeedDownloader.Failure ?? .transport(url: url, reason: "\(error)"))
                        }
                    }
                }
                var collected: [(String, FeedDownloader.Failure?)] = []
                for await result in group { collected.append(result) }
                return collected
            }
            for (url, failure) in results {
                if let failure {
                    // A record the index names but the bucket no longer has: skip it, keep the dump's copy.
                    guard failure.isNotFound else { throw failure }
                    report.diagnostics.append("osv: \(url) is listed in modified_id.csv but not served (404); skipped")
                    continue
                }
                report.fetched.append(url)
            }
        }
    }

    private func save(_ state: OSVIncrementalState, folder: String) throws(FeedDownloader.Failure) {
        do { try state.save(ecosystemFolder: folder) } catch {
            throw .file(path: folder + "/" + OSVIncrementalState.fileName, reason: "\(error.localizedDescription)")
        }
    }
}
