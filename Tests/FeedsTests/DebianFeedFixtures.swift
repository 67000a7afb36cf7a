import Foundation

/// Real feed data in `../shared/feeds` beside the repository root (this file is Tests/FeedsTests/…).
enum DebianFeedFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/feeds").standardized.path
    static let bookwormOVAL = root + "/debian/oval/oval-definitions-bookworm.xml.bz2"
    static let bullseyeOVAL = root + "/debian/oval/oval-definitions-bullseye.xml.bz2"
    static let ovalSamples = root + "/samples/debian/vuls-data-update/debian/oval"
    static let vunnelTrackerJSON = root + "/samples/debian/vunnel/input/debian.json"
    static let vulsTrackerJSON = root + "/samples/debian/vuls-data-update/debian/tracker/api/advisory.json"
    static let invalidTrackerJSON = root + "/samples/debian/vuls-data-update/debian/tracker/api/invalid.json"
}
