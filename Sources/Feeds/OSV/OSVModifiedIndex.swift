import Foundation

/// One line of an OSV bucket `modified_id.csv`.
public struct OSVModifiedEntry: Sendable, Hashable {
    public var modified: Date
    /// The record id (`PYSEC-2018-28`, `ALSA-2025:21220`).
    public var id: String
    /// The ecosystem, for the bucket-root index (`<modified>,<Ecosystem>/<ID>`); nil per ecosystem.
    public var ecosystem: String?

    public init(modified: Date, id: String, ecosystem: String? = nil) {
        self.modified = modified
        self.id = id
        self.ecosystem = ecosystem
    }
}

/// The OSV bucket's `modified_id.csv` index, used for incremental sync: lines
/// `<RFC 3339 modified>,<ID>` (or `<modified>,<Ecosystem>/<ID>` at the bucket root), newest
/// first, no header. Timestamps mix `…Z` and `….123456Z`, so they are parsed, never compared as text.
public enum OSVModifiedIndex {
    /// Parses the whole file; a malformed line throws (a half-read index must not drive a sync).
    public static func parse(_ text: String, path: String) throws(OSVError) -> [OSVModifiedEntry] {
        var entries: [OSVModifiedEntry] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            guard let comma = line.firstIndex(of: ","),
                  let date = parseTimestamp(line[..<comma]) else {
                throw .malformedIndexLine(path: path, line: lineNumber, text: String(line))
            }
            let key = line[line.index(after: comma)...]
            guard !key.isEmpty else { throw .malformedIndexLine(path: path, line: lineNumber, text: String(line)) }
            if let slash = key.firstIndex(of: "/") {
                entries.append(OSVModifiedEntry(modified: date, id: String(key[key.index(after: slash)...]), ecosystem: String(key[..<slash])))
            } else {
                entries.append(OSVModifiedEntry(modified: date, id: String(key)))
            }
        }
        return entries
    }

    /// Entries modified strictly after `date` (the whole list is scanned: the order is the
    /// publisher's promise, not relied on).
    public static func changed(_ entries: [OSVModifiedEntry], since date: Date) -> [OSVModifiedEntry] {
        entries.filter { $0.modified > date }
    }

    /// RFC 3339 `date-time` (`2024-01-02T03:04:05Z`, `…05.123456Z`, `…05+02:00`, lowercase `t`/`z`).
    public static func parseTimestamp(_ text: some StringProtocol) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
              let second = number(2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60 else { return nil }
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offset = 0
        if expect("Zz") {
            offset = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let offsetHours = number(2), expect(":"), let offsetMinutes = number(2) else { return nil }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        // Days from civil (Howard Hinnant's algorithm), proleptic Gregorian.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return Date(timeIntervalSince1970: seconds)
    }
}
