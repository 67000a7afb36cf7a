import Foundation

/// What adding did: the image as stored now, and whether an analysis was queued.
public struct ImageAddOutcome: Sendable, Hashable {
    public var image: StoredImage
    public var queued: Bool

    public init(image: StoredImage, queued: Bool) {
        self.image = image
        self.queued = queued
    }
}
