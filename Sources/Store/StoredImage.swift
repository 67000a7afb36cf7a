import Foundation

/// An image of an account, identified by its manifest digest.
public struct StoredImage: Sendable, Hashable, Codable {
    public var account: String
    public var digest: String
    public var parentDigest: String?
    public var analysisStatus: AnalysisStatus
    /// `active` or `deleting`.
    public var imageStatus: String
    /// Why the last analysis failed, shown to the user.
    public var failureReason: String?
    public var annotations: [String: String]
    public var summary: ImageSummary
    public var createdAt: Date
    public var analyzedAt: Date?
    public var lastUpdated: Date
    /// Bumped on every change; Anchore's `record_version`.
    public var recordVersion: Int
    public var tags: [ImageTag]

    public init(account: String, digest: String, parentDigest: String? = nil, analysisStatus: AnalysisStatus = .notAnalyzed,
                imageStatus: String = "active", failureReason: String? = nil, annotations: [String: String] = [:],
                summary: ImageSummary = ImageSummary(), createdAt: Date, analyzedAt: Date? = nil, lastUpdated: Date,
                recordVersion: Int = 1, tags: [ImageTag] = []) {
        self.account = account
        self.digest = digest
        self.parentDigest = parentDigest
        self.analysisStatus = analysisStatus
        self.imageStatus = imageStatus
        self.failureReason = failureReason
        self.annotations = annotations
        self.summary = summary
        self.createdAt = createdAt
        self.analyzedAt = analyzedAt
        self.lastUpdated = lastUpdated
        self.recordVersion = recordVersion
        self.tags = tags
    }
}
