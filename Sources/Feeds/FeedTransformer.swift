/// A transformer turns one upstream feed's own format into Hawser's normalized rows.
///
/// Transformers are plain values with a stable lowercase `name` (the feed name stored beside the
/// rows and used in diagnostics: `osv`, `kev`, `epss`, `debian-tracker`…). Each one exposes its own
/// typed entry points (its input differs per format); recoverable problems with single records
/// are returned as `FeedDiagnostic`s, and only a failure that leaves nothing usable is thrown.
public protocol FeedTransformer: Sendable {
    /// Stable lowercase feed name, e.g. `osv`.
    var name: String { get }
}

/// A recoverable problem with one record of a feed: the record is skipped, the rest continues.
public struct FeedDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The feed (`FeedTransformer.name`), optionally with a file: `osv`, `osv:PyPI/all.zip`.
    public var feed: String
    /// The record's own identifier (`PYSEC-2018-28`, `CVE-2021-44228`) or, lacking one, its file/line.
    public var record: String
    public var message: String

    public init(feed: String, record: String, message: String) {
        self.feed = feed
        self.record = record
        self.message = message
    }

    public var description: String { "\(feed): \(record): \(message)" }
}
