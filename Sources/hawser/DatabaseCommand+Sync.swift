import ArgumentParser
import Engine
import Foundation

extension DatabaseCommand {
    /// `hawser db sync [--source NAME…]`: fetch feeds from their publishers and update the DB.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch vulnerability feeds from their publishers and update the DB (incrementally for OSV).",
            discussion: "Sources: " + FeedSources.all.map { "\($0.name)\($0.isDefault ? "" : " (not by default)") — \($0.summary)" }
                .joined(separator: "; ") + ". A source that fails keeps its previous data; the command then exits 1.")

        @Option(name: .customLong("source"), parsing: .upToNextOption,
                help: "Sources to sync (default: every default source). Repeatable.")
        var sources: [String] = []

        @Option(name: .customLong("mirror-url"),
                help: "Fetch https://HOST/PATH from MIRROR-URL/HOST/PATH instead (air-gapped mirrors; also HAWSER_FEED_MIRROR_URL).")
        var mirrorURL: String?

        @Option(name: .customLong("feeds-dir"), help: "Where downloads are kept (default: feeds/ beside the DB).")
        var feedsDirectory: String?

        @Option(name: .customLong("osv-ecosystem"), parsing: .upToNextOption,
                help: "OSV ecosystems to sync instead of the default list (e.g. Ubuntu, \"Red Hat\", Debian). Repeatable.")
        var osvEcosystems: [String] = []

        @Flag(help: "Fetch every OSV dump again instead of only the records changed since the last sync.")
        var full = false

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            var selected: [FeedSource] = []
            for name in sources.flatMap({ $0.split(separator: ",").map(String.init) }) {
                guard let source = FeedSources.named(name) else {
                    throw ValidationError("unknown source '\(name)'; known: \(FeedSources.all.map(\.name).joined(separator: ", "))")
                }
                selected.append(source)
            }
            if selected.isEmpty { selected = FeedSources.all.filter(\.isDefault) }
            var sync = FeedSync(database: database.resolved, mirror: feedsDirectory, sources: selected,
                                mirrorURL: mirrorURL ?? ProcessInfo.processInfo.environment["HAWSER_FEED_MIRROR_URL"], full: full)
            if !osvEcosystems.isEmpty { sync.osvEcosystems = osvEcosystems.flatMap { $0.split(separator: ",").map(String.init) } }
            let report = await sync.run(progress: TerminalProgress.ifTerminal())
            print("fetched \(report.fetched.count) file(s) into \(sync.mirror)")
            for (group, count) in report.updated.sorted(by: { $0.key < $1.key }) { print("\(group): \(count) rows (updated)") }
            for group in report.unchanged.sorted() { print("\(group): unchanged") }
            if let status = report.status {
                print("\(status.recordCount) records, \(status.kevCount) KEV, \(status.epssCount) EPSS → \(status.path)")
            }
            for diagnostic in report.diagnostics.prefix(50) { FileHandle.standardError.write(Data("hawser: note: \(diagnostic)\n".utf8)) }
            if report.diagnostics.count > 50 {
                FileHandle.standardError.write(Data("hawser: note: … \(report.diagnostics.count - 50) more diagnostics\n".utf8))
            }
            for failure in report.failures { FileHandle.standardError.write(Data("hawser: error: \(failure)\n".utf8)) }
            if !report.failures.isEmpty { throw ExitCode(1) }
        }
    }
}
