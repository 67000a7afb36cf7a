import Foundation

/// Anchore's analysis states (`taskstate.py`, graph `analyze`).
public enum AnalysisStatus: String, Sendable, Codable, CaseIterable {
    case notAnalyzed = "not_analyzed"
    case analyzing
    case analyzed
    case analysisFailed = "analysis_failed"
}
