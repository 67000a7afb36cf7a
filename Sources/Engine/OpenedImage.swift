import ImageSource
import LayerFS
import Model

/// An image (or directory) fetched and indexed: ready to list, read and catalog.
public struct OpenedImage: Sendable {
    public enum Content: Sendable {
        case image(ImageDescription, LayeredImage)
        case directory(path: String, TreeResolver)
    }

    public let source: SourceSpecifier
    public let content: Content

    public var description: ImageDescription? {
        if case .image(let description, _) = content { return description }
        return nil
    }

    public var diagnostics: [LayerDiagnostic] {
        if case .image(_, let layers) = content { return layers.diagnostics }
        return []
    }

    /// The file tree in the given scope; a directory has only one.
    public func resolver(scope: Scope) -> TreeResolver {
        switch content {
        case .image(_, let layers): layers.resolver(scope: scope)
        case .directory(_, let resolver): resolver
        }
    }
}
