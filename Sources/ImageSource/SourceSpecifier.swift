import Model

/// Where an image comes from, parsed from the source strings Syft and Grype users type:
/// `registry:REF` (or a bare reference), `oci-dir:PATH`, `oci-archive:PATH`, `docker-archive:PATH`, `dir:PATH`.
public enum SourceSpecifier: Sendable, Hashable, CustomStringConvertible {
    case registry(ImageReference)
    /// An OCI image layout directory; `reference` picks an index entry by its ref annotation.
    case ociDirectory(path: String, reference: String?)
    case ociArchive(path: String, reference: String?)
    /// A `docker save` tarball; `reference` picks an image by one of its `RepoTags`.
    case dockerArchive(path: String, reference: String?)
    case directory(path: String)

    public init(parsing text: String) throws(ImageSourceError) {
        let schemes = ["registry", "oci-dir", "oci-archive", "docker-archive", "dir"]
        if let colon = text.firstIndex(of: ":"), schemes.contains(String(text[..<colon])) {
            let scheme = String(text[..<colon])
            let value = String(text[text.index(after: colon)...])
            guard !value.isEmpty else { throw .invalidSource(text, reason: "nothing after '\(scheme):'") }
            switch scheme {
            case "registry":
                do { self = .registry(try ImageReference(parsing: value)) } catch { throw .invalidSource(text, reason: error.description) }
            case "oci-dir":
                let (path, reference) = Self.splitReference(value)
                self = .ociDirectory(path: path, reference: reference)
            case "oci-archive":
                let (path, reference) = Self.splitReference(value)
                self = .ociArchive(path: path, reference: reference)
            case "docker-archive":
                let (path, reference) = Self.splitReference(value)
                self = .dockerArchive(path: path, reference: reference)
            default:
                self = .directory(path: value)
            }
            return
        }
        do { self = .registry(try ImageReference(parsing: text)) } catch {
            throw .invalidSource(text, reason: "\(error.description); use a scheme (registry:, oci-dir:, oci-archive:, docker-archive:, dir:) for local images")
        }
    }

    /// `PATH:REF` as skopeo writes it, but only when PATH exists without the suffix: paths may contain ':'.
    static func splitReference(_ value: String) -> (String, String?) {
        if HostFiles.exists(value) { return (value, nil) }
        guard let colon = value.lastIndex(of: ":") else { return (value, nil) }
        let path = String(value[..<colon])
        let reference = String(value[value.index(after: colon)...])
        guard HostFiles.exists(path), !reference.isEmpty, !reference.contains("/") else { return (value, nil) }
        return (path, reference)
    }

    /// The wire name of the source kind, as Syft spells it.
    public var kind: String {
        switch self {
        case .registry: "registry"
        case .ociDirectory: "oci-dir"
        case .ociArchive: "oci-archive"
        case .dockerArchive: "docker-archive"
        case .directory: "dir"
        }
    }

    public var description: String {
        switch self {
        case .registry(let reference): "registry:\(reference)"
        case .ociDirectory(let path, let reference), .ociArchive(let path, let reference), .dockerArchive(let path, let reference):
            "\(kind):\(path)\(reference.map { ":\($0)" } ?? "")"
        case .directory(let path): "dir:\(path)"
        }
    }
}
