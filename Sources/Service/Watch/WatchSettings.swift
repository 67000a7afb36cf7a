import Engine
import Foundation

/// How often watch mode polls registries (Anchore's `image_watcher` 3600 s and `repo_watcher` 60 s).
public struct WatchSettings: Sendable {
    public var tagPollInterval: Duration
    public var repoPollInterval: Duration

    public init(tagPollInterval: Duration = .seconds(3600), repoPollInterval: Duration = .seconds(60)) {
        self.tagPollInterval = tagPollInterval
        self.repoPollInterval = repoPollInterval
    }
}

/// What the scheduled feed sync fetches, from where, and how often (Anchore's `feed_sync` 21600 s; zero: never on its own).
public struct FeedSettings: Sendable {
    public var sources: [FeedSource]
    /// Publisher URLs are fetched from `<mirrorURL>/<host>/<path>` when set (an internal mirror).
    public var mirrorURL: String?
    /// Where downloads are kept (default: `feeds/` beside the DB).
    public var mirrorDirectory: String?
    public var syncInterval: Duration

    public init(sources: [FeedSource] = FeedSources.all.filter(\.isDefault), mirrorURL: String? = nil, mirrorDirectory: String? = nil,
                syncInterval: Duration = .seconds(21600)) {
        self.sources = sources
        self.mirrorURL = mirrorURL
        self.mirrorDirectory = mirrorDirectory
        self.syncInterval = syncInterval
    }
}
