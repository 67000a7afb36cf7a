/// A non-negative decimal number of any length, kept as its digits without leading zeros.
///
/// Version components are often longer than 64 bits (dates with nanoseconds, build numbers), and
/// every reference implementation that matters here (dpkg, rpm, Python) compares them exactly,
/// so numbers are compared by length and then digit by digit instead of being converted.
struct DigitString: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The digits without leading zeros; empty for zero.
    let digits: [UInt8]

    /// `bytes` must be ASCII digits (possibly empty, which is zero).
    init<C: Collection<UInt8>>(_ bytes: C) {
        var slice = bytes[...]
        while let first = slice.first, first == 0x30 { slice = slice.dropFirst() }
        digits = Array(slice)
    }

    init(_ text: some StringProtocol) {
        self.init(Array(text.utf8))
    }

    static let zero = DigitString([UInt8]())

    var isZero: Bool { digits.isEmpty }

    var description: String { digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self) }

    /// The value when it fits in an `Int`.
    var intValue: Int? { digits.count <= 18 ? Int(description) : nil }

    static func compare(_ a: DigitString, _ b: DigitString) -> Int {
        if a.digits.count != b.digits.count { return a.digits.count < b.digits.count ? -1 : 1 }
        for (x, y) in zip(a.digits, b.digits) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    static func < (a: DigitString, b: DigitString) -> Bool { compare(a, b) < 0 }
}

/// Lexicographic comparison by code unit (C `strcmp` order for bytes, Java's for UTF-16): -1, 0 or 1.
func compareBytes<T: Comparable, A: Sequence<T>, B: Sequence<T>>(_ a: A, _ b: B) -> Int {
    var i = a.makeIterator()
    var j = b.makeIterator()
    while true {
        switch (i.next(), j.next()) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (x?, y?): if x != y { return x < y ? -1 : 1 }
        }
    }
}
