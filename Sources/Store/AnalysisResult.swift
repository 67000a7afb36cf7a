import Foundation

/// A finished analysis, written in one transaction with the job's removal.
public struct AnalysisResult: Sendable {
    public var summary: ImageSummary
    public var documents: [ImageDocumentKind: Data]
    public var event: StoredEvent

    public init(summary: ImageSummary, documents: [ImageDocumentKind: Data], event: StoredEvent) {
        self.summary = summary
        self.documents = documents
        self.event = event
    }
}
