import ArgumentParser
import Engine
import Foundation
import VulnDB

/// `hawser db …`: the local vulnerability database.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Build, inspect, export and import the vulnerability database.",
        subcommands: [Sync.self, Build.self, Status.self, Export.self, Import.self])

    struct DatabaseOption: ParsableArguments {
        @Option(name: .customLong("db"), help: "Vulnerability DB file (default: $XDG_DATA_HOME/hawser/vulndb.sqlite).")
        var path: String?

        var resolved: String { VulnDBLocation.defaultPath(override: path) }
    }

    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the DB from a local feed mirror laid out as the upstream URLs (osv/<Ecosystem>/all.zip, debian/oval/…, kev/…).")

        @Option(name: .customLong("from"), help: "The mirror directory.")
        var mirror: String

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let report: FeedMirrorBuild.Report
            do {
                report = try await FeedMirrorBuild(mirror: mirror, database: database.resolved).run(progress: TerminalProgress.ifTerminal())
            } catch { throw fail(error) }
            for (group, count) in report.groups.sorted(by: { $0.key < $1.key }) { print("\(group): \(count) rows") }
            print("\(report.status.recordCount) records, \(report.status.kevCount) KEV, \(report.status.epssCount) EPSS → \(report.status.path)")
            for diagnostic in report.diagnostics.prefix(50) { FileHandle.standardError.write(Data("hawser: note: \(diagnostic)\n".utf8)) }
            if report.diagnostics.count > 50 {
                FileHandle.standardError.write(Data("hawser: note: … \(report.diagnostics.count - 50) more diagnostics\n".utf8))
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show schema version, feed groups, last sync, record counts.")

        @OptionGroup var database: DatabaseOption

        func run() throws {
            let status: VulnDBStatus
            do { status = try VulnerabilityDatabase(path: database.resolved).status() } catch { throw fail(error) }
            print("Database     \(status.path)")
            print("Schema       \(status.schemaVersion)")
            print("Built        \(status.builtAt.map { ISO8601DateFormatter().string(from: $0) } ?? "-")")
            print("Size         \(status.fileSize) bytes")
            print("Records      \(status.recordCount)  (KEV \(status.kevCount), EPSS \(status.epssCount))")
            print("\nFEED             GROUP                 RECORDS  LAST SYNC             CHECKSUM")
            for group in status.groups {
                print([group.group.feed.padding(toLength: 17, withPad: " ", startingAt: 0),
                       group.group.name.padding(toLength: 22, withPad: " ", startingAt: 0),
                       String(group.recordCount).padding(toLength: 9, withPad: " ", startingAt: 0),
                       (group.lastSync.map { ISO8601DateFormatter().string(from: $0) } ?? "-").padding(toLength: 22, withPad: " ", startingAt: 0),
                       group.checksum ?? "-"].joined())
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write an offline bundle of the DB (for air-gapped sites).")

        @Argument(help: "The bundle file to write.")
        var file: String

        @OptionGroup var database: DatabaseOption

        func run() throws {
            do {
                let manifest = try VulnerabilityDatabase(path: database.resolved).export(to: file)
                print("exported \(database.resolved) → \(file) (\(manifest))")
            } catch { throw fail(error) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the DB with a bundle made by `hawser db export` (checked first).")

        @Argument(help: "The bundle file to read.")
        var file: String

        @OptionGroup var database: DatabaseOption

        func run() throws {
            do {
                let status = try VulnerabilityDatabase.importBundle(from: file, to: database.resolved)
                print("imported \(file) → \(status.path): \(status.recordCount) records")
            } catch { throw fail(error) }
        }
    }
}
