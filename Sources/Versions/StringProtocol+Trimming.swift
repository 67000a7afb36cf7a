/// Whitespace trimming as the parsers' reference implementations do it.
extension StringProtocol {
    /// The text without leading and trailing ASCII whitespace (space, tab, CR, LF, VT, FF).
    func trimmingASCIIWhitespace() -> String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start].isASCIIWhitespace { start += 1 }
        while end > start, bytes[end - 1].isASCIIWhitespace { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Strips what Python's `\s` matches at both ends (Unicode whitespace and the C0 separators).
    func trimmingPythonWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            s.properties.isWhitespace || (0x1C...0x1F).contains(s.value)
        }
        var start = 0
        var end = scalars.count
        while start < end, isSpace(scalars[start]) { start += 1 }
        while end > start, isSpace(scalars[end - 1]) { end -= 1 }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[start..<end])
        return String(result)
    }
}
