/// Which images a mapping or an allowed/denied-images rule names: registry, repository and a tag,
/// digest or image id, each a `*` wildcard pattern or `regexp:<expression>` (Anchore's matcher).
public struct ImageSelector: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case tag, digest, id }

    public var id: String?
    public var name: String?
    public var registry: String
    public var repository: String
    public var kind: Kind
    public var value: String

    public init(id: String? = nil, name: String? = nil, registry: String, repository: String, kind: Kind, value: String) {
        self.id = id
        self.name = name
        self.registry = registry
        self.repository = repository
        self.kind = kind
        self.value = value
    }

    public func matches(_ image: ImageIdentity) -> Bool {
        let registry = self.registry.hasPrefix("dockerhub") ? "docker.io" + self.registry.dropFirst("dockerhub".count) : self.registry
        switch kind {
        case .digest: return value == image.digest
        case .id: return value == image.imageID || "sha256:" + (image.imageID ?? "") == value
        case .tag:
            guard WildcardPattern(registry).matches(image.registry), WildcardPattern(repository).matches(image.repository) else { return false }
            return WildcardPattern(value).matches(image.tag ?? "") || value == image.digest || value == image.imageID
        }
    }
}

/// The image an evaluation is about.
public struct ImageIdentity: Sendable, Hashable {
    public var registry: String
    public var repository: String
    public var tag: String?
    public var digest: String
    public var imageID: String?

    public init(registry: String, repository: String, tag: String?, digest: String, imageID: String?) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.imageID = imageID
    }

    /// `registry/repository:tag`.
    public var fullTag: String { "\(registry)/\(repository):\(tag ?? "latest")" }
}
