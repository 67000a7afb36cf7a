import Foundation

/// One change of an image's analysis state, kept for audit.
public struct AnalysisTransition: Sendable, Hashable, Codable {
    public var from: AnalysisStatus?
    public var to: AnalysisStatus
    public var at: Date
    public var detail: String?

    public init(from: AnalysisStatus?, to: AnalysisStatus, at: Date, detail: String? = nil) {
        self.from = from
        self.to = to
        self.at = at
        self.detail = detail
    }
}
