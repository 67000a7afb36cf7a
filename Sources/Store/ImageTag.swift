import Foundation

/// A tag that pointed at an image, with when Hawser saw it do so.
public struct ImageTag: Sendable, Hashable, Codable {
    public var registry: String
    public var repository: String
    public var tag: String
    public var detectedAt: Date

    public init(registry: String, repository: String, tag: String, detectedAt: Date) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.detectedAt = detectedAt
    }

    /// `registry/repository:tag`, Anchore's `fulltag`.
    public var fullTag: String { "\(registry)/\(repository):\(tag)" }
}
