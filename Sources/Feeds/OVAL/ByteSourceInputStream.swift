import Archive
import Foundation

/// Feeds a `ByteSource` (e.g. a `Bzip2Source`) to `XMLParser(stream:)`, which reads it chunk by
/// chunk into libxml2's push parser, so a 50 MB OVAL document never sits in memory whole.
///
/// `InputStream` cannot throw: an error from the source is kept in `error`, and `read` returns -1,
/// which makes the parser stop and fail; callers check `error` first.
final class ByteSourceInputStream: InputStream {
    private let source: ByteSource
    private(set) var error: (any Error)?
    private var atEnd = false

    init(_ source: ByteSource) {
        self.source = source
        super.init(data: Data())
    }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { !atEnd && error == nil }
    override var streamStatus: Stream.Status {
        error != nil ? .error : atEnd ? .atEnd : .open
    }
    override var streamError: (any Error)? { error }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        guard error == nil else { return -1 }
        guard !atEnd, length > 0 else { return 0 }
        do {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: length))
            if count == 0 { atEnd = true }
            return count
        } catch {
            self.error = error
            return -1
        }
    }

    override func getBuffer(_ buffer: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>,
                            length: UnsafeMutablePointer<Int>) -> Bool { false }
}
