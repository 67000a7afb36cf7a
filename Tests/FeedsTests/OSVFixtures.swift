import Foundation

/// Where the shared real feed data lives: `<repo>/../shared/feeds`.
enum OSVFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let feeds = repositoryRoot.appendingPathComponent("../shared/feeds").standardizedFileURL

    static func feed(_ relative: String) -> URL { feeds.appendingPathComponent(relative) }

    static func osvArchive(_ ecosystem: String) -> URL { feed("osv/\(ecosystem)/all.zip") }
}
