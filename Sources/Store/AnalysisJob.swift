import Foundation

/// Work for an analysis worker: pull `pullString` and analyze it into image `digest`.
public struct AnalysisJob: Sendable, Hashable, Codable {
    public var id: Int64
    public var account: String
    public var digest: String
    /// The reference to pull: `registry/repo@sha256:…` (pinned), or the tag for a first look.
    public var pullString: String
    public var attempts: Int
    public var leaseOwner: String?
    public var leaseExpires: Date?
    public var dockerfile: String?

    public init(id: Int64, account: String, digest: String, pullString: String, attempts: Int = 0, leaseOwner: String? = nil,
                leaseExpires: Date? = nil, dockerfile: String? = nil) {
        self.id = id
        self.account = account
        self.digest = digest
        self.pullString = pullString
        self.attempts = attempts
        self.leaseOwner = leaseOwner
        self.leaseExpires = leaseExpires
        self.dockerfile = dockerfile
    }
}
