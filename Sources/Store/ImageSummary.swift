import Foundation

/// What the analysis learnt of an image, shown in `image_content.metadata`.
public struct ImageSummary: Sendable, Hashable, Codable {
    public var arch: String?
    public var distro: String?
    public var distroVersion: String?
    /// `Actual` when the user supplied the Dockerfile, `Guessed` when reconstructed from the history.
    public var dockerfileMode: String?
    public var imageSize: Int64
    public var layerCount: Int
    public var imageID: String?

    public init(arch: String? = nil, distro: String? = nil, distroVersion: String? = nil, dockerfileMode: String? = nil,
                imageSize: Int64 = 0, layerCount: Int = 0, imageID: String? = nil) {
        self.arch = arch
        self.distro = distro
        self.distroVersion = distroVersion
        self.dockerfileMode = dockerfileMode
        self.imageSize = imageSize
        self.layerCount = layerCount
        self.imageID = imageID
    }
}
