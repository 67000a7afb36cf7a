import Foundation

/// Rendered JSON of read-heavy documents (an image's vulnerability list), keyed by everything
/// the rendering depends on: the image record's version and the vulnerability DB it was matched
/// against, so a re-analysis or a new DB never serves a stale body. Bounded; oldest dropped first.
actor ResponseCache {
    private var entries: [String: [UInt8]] = [:]
    private var order: [String] = []
    private let capacity: Int

    init(capacity: Int = 512) { self.capacity = capacity }

    func value(_ key: String) -> [UInt8]? { entries[key] }

    func store(_ key: String, _ value: [UInt8]) {
        if entries.updateValue(value, forKey: key) == nil { order.append(key) }
        while order.count > capacity { entries[order.removeFirst()] = nil }
    }
}
