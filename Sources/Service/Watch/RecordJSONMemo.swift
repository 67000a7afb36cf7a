import Foundation
import Model

/// The JSON of each vulnerability record as a report writes it, kept for one re-match pass. A
/// record is most of a match's bytes (summary, CVSS, references) and the images of a fleet cite the
/// same records, so a pass writes each once and copies its bytes into every report citing it.
/// A record found here is equal to the one asked for in every field (a hit compares them in full;
/// the key hashes only what identifies a record), so the reports are the same as without it.
final class RecordJSONMemo: @unchecked Sendable {
    // @unchecked: `fragments` is only touched while holding `lock`.
    private let lock = NSLock()
    private var fragments: [Key: [UInt8]] = [:]
    let limit: Int

    /// About 1.5 kB a record: the default keeps a pass under ~75 MB of record JSON.
    init(limit: Int = 50_000) { self.limit = limit }

    func json(_ record: VulnerabilityRecord) -> [UInt8] {
        let key = Key(record: record)
        if let known = lock.withLock({ fragments[key] }) { return known }
        var writer = JSONWriter(capacity: 2048)
        writer.write(record)
        let bytes = writer.bytes
        lock.withLock { if fragments.count < limit { fragments[key] = bytes } }
        return bytes
    }

    private struct Key: Hashable {
        let record: VulnerabilityRecord

        func hash(into hasher: inout Hasher) {
            hasher.combine(record.id)
            hasher.combine(record.namespace)
            hasher.combine(record.packageName)
            hasher.combine(record.constraint)
        }

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.record == rhs.record }
    }
}
