import Foundation

/// An SBOM import in progress (`POST /imports/images`): the client uploads the analysis it made
/// (packages as an SBOM, Dockerfile, manifest, image config) and then adds the image from it.
public struct ImportOperation: Sendable, Hashable, Codable {
    /// Anchore's states: pending, complete (image added), failed, expired.
    public var uuid: String
    public var account: String
    public var status: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(uuid: String, account: String, status: String = "pending", createdAt: Date, expiresAt: Date) {
        self.uuid = uuid
        self.account = account
        self.status = status
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
