import Model

/// Why an archive or layer could not be read. Each case names the layer or file and what was wrong with it.
public enum ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    case io(path: String, reason: String)
    case truncated(what: String, offset: Int64)
    case corruptArchive(what: String, offset: Int64, reason: String)
    case decompression(what: String, reason: String)
    case digestMismatch(what: String, expected: Digest, actual: Digest)
    case limitExceeded(layer: String?, limit: String, value: String)

    public var description: String {
        switch self {
        case .io(let path, let reason): "cannot read \(path): \(reason)"
        case .truncated(let what, let offset): "\(what) is truncated (data ends at byte \(offset))"
        case .corruptArchive(let what, let offset, let reason): "\(what) is not a valid tar archive at byte \(offset): \(reason)"
        case .decompression(let what, let reason): "cannot decompress \(what): \(reason)"
        case .digestMismatch(let what, let expected, let actual): "digest mismatch for \(what): expected \(expected), got \(actual)"
        case .limitExceeded(let layer, let limit, let value): "\(layer.map { "\($0): " } ?? "")\(limit) limit exceeded: \(value)"
        }
    }
}
