import Foundation

/// One policy evaluation kept for audit: which image and tag, which bundle (by id and digest),
/// the outcome, and the whole result document.
public struct StoredEvaluation: Sendable, Hashable, Codable {
    public var id: Int64
    public var account: String
    public var digest: String
    public var tag: String
    public var bundleID: String
    public var bundleDigest: String
    /// `stop`, `warn` or `go`.
    public var finalAction: String
    /// `pass` or `fail`.
    public var status: String
    /// The evaluation as JSON (`PolicyEvaluation`).
    public var result: Data
    public var createdAt: Date

    public init(id: Int64 = 0, account: String, digest: String, tag: String, bundleID: String, bundleDigest: String, finalAction: String,
                status: String, result: Data, createdAt: Date) {
        self.id = id
        self.account = account
        self.digest = digest
        self.tag = tag
        self.bundleID = bundleID
        self.bundleDigest = bundleDigest
        self.finalAction = finalAction
        self.status = status
        self.result = result
        self.createdAt = createdAt
    }
}
