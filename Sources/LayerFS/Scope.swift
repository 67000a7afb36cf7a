/// Which file tree a resolver shows, with Syft's names: the image as a container would see it,
/// or every entry of every layer (deleted and overwritten files included).
public enum Scope: String, Sendable, CaseIterable, Codable {
    case squashed
    case allLayers = "all-layers"
}
