/// What `POST /images` asks for: an image by tag, or by digest (with the tag it had).
public struct ImageAddition: Sendable, Hashable {
    /// `registry/repo:tag` (normalised as Docker does).
    public var tag: String?
    /// `registry/repo@sha256:…`, pinned.
    public var digestPullString: String?
    public var force: Bool
    /// Watch the tag for new digests (Anchore's `autosubscribe`, default true).
    public var autosubscribe: Bool
    public var annotations: [String: String]
    public var dockerfile: String?

    public init(tag: String? = nil, digestPullString: String? = nil, force: Bool = false, autosubscribe: Bool = true,
                annotations: [String: String] = [:], dockerfile: String? = nil) {
        self.tag = tag
        self.digestPullString = digestPullString
        self.force = force
        self.autosubscribe = autosubscribe
        self.annotations = annotations
        self.dockerfile = dockerfile
    }
}
