/// ASCII classification for the byte-level parsers (locale-independent, like C's `c_isdigit`).
extension UInt8 {
    var isASCIIWhitespace: Bool { self == 0x20 || (self >= 0x09 && self <= 0x0D) }
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    var isASCIILower: Bool { self >= 0x61 && self <= 0x7A }
    var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
    var asciiLowercased: UInt8 { (self >= 0x41 && self <= 0x5A) ? self | 0x20 : self }
}
