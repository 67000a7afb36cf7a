import Archive
import Foundation
import Model
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Opens an OVAL file (bzip2-compressed, detected by its magic, or plain XML) and parses it as
/// a stream into an `OVALDocument`: the shared first stage of the Debian, Ubuntu and Red Hat
/// OVAL transformers.
struct OVALReader {
    /// Cap on the decompressed size of a `.bz2` input.
    var maxExpandedBytes: Int64

    /// The decompressed bytes of the file at `path`.
    func source(fileAt path: String) throws(OVALFeedError) -> ByteSource {
        do {
            let size = try Bzip2.fileSize(path)
            let head = try readAll(FileRegionSource(HostFileRegion(path: path, length: min(size, 4))), limit: 4)
            let file = try FileRegionSource(HostFileRegion(path: path, length: size))
            return Bzip2.hasMagic(head) ? try Bzip2Source(file, what: path, limit: maxExpandedBytes) : file
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
    }

    /// Parses `xml`; `file` names it in errors. Throws `CancellationError` when the task is
    /// cancelled mid-parse, else `OVALFeedError`.
    func document(xml: ByteSource, file: String) throws -> OVALDocument {
        let stream = ByteSourceInputStream(xml)
        let handler = OVALParser()
        let parser = XMLParser(stream: stream)
        parser.delegate = handler
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let succeeded = parser.parse()
        if let error = stream.error {
            throw OVALFeedError.unreadable(file: file, reason: "\(error)")
        }
        if handler.cancelled { throw CancellationError() }
        if !succeeded || parser.parserError != nil {
            let reason = parser.parserError.map { Self.describe($0) } ?? "XML parser failed"
            throw OVALFeedError.malformedOVAL(file: file, line: parser.lineNumber, column: parser.columnNumber, reason: reason)
        }
        guard handler.rootElement == "oval_definitions" else {
            throw OVALFeedError.malformedOVAL(file: file, line: 1, column: 1,
                                              reason: "root element is \(handler.rootElement.map { "<\($0)>" } ?? "missing"), not <oval_definitions>")
        }
        return handler.document
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        return "XML error \(nsError.code) (\(nsError.domain))"
    }
}
