/// Why a CVSS vector could not be scored.
public enum CVSSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The vector's version prefix is missing or not one of 2.0, 3.0, 3.1, 4.0.
    case unknownVersion(vector: String)
    /// A metric is unknown, repeated, or has a value its version does not define.
    case invalidMetric(vector: String, metric: String)
    /// A base metric the version requires is absent.
    case missingMetric(vector: String, metric: String)

    public var description: String {
        switch self {
        case .unknownVersion(let vector): "unknown CVSS version in \"\(vector)\""
        case .invalidMetric(let vector, let metric): "invalid metric \"\(metric)\" in \"\(vector)\""
        case .missingMetric(let vector, let metric): "missing base metric \(metric) in \"\(vector)\""
        }
    }
}
