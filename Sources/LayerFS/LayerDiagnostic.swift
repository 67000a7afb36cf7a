import Archive
import Model

/// Something worth telling about a layer that did not stop it from being read (an entry kept
/// inside the root, a sparse file skipped, a hard link with no target).
public struct LayerDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public var layer: Digest?
    public var path: String
    public var message: String

    public init(layer: Digest?, path: String, message: String) {
        self.layer = layer
        self.path = path
        self.message = message
    }

    public var description: String { "\(layer.map { "layer \($0.short): " } ?? "")\(path): \(message)" }
}
