import Foundation

/// `POST /images` as the store sees it: one image (by manifest digest) and the tag it was added by.
public struct ImageAddRequest: Sendable, Hashable {
    public var account: String
    public var digest: String
    public var parentDigest: String?
    public var tag: ImageTag?
    /// What the worker pulls.
    public var pullString: String
    /// Re-analyze even when already analyzed.
    public var force: Bool
    public var annotations: [String: String]
    public var dockerfile: String?
    public var now: Date

    public init(account: String, digest: String, parentDigest: String? = nil, tag: ImageTag?, pullString: String, force: Bool = false,
                annotations: [String: String] = [:], dockerfile: String? = nil, now: Date) {
        self.account = account
        self.digest = digest
        self.parentDigest = parentDigest
        self.tag = tag
        self.pullString = pullString
        self.force = force
        self.annotations = annotations
        self.dockerfile = dockerfile
        self.now = now
    }
}
