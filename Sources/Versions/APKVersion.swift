/// An Alpine package version, `digit{.digit}[letter]{_suffix[N]}[-rN]`, ordered like apk-tools.
///
/// A port of apk-tools 2.x `src/version.c` (`get_token()`, `next_token()`,
/// `apk_version_compare_blob()`, `apk_version_validate()`): numbers compare numerically, a
/// component after `.` that starts with zeros is "leading zero" special (`1.01 < 1.1`),
/// one lowercase letter may follow a number, suffixes `_alpha < _beta < _pre < _rc < (none) <
/// _cvs < _svn < _git < _hg < _p` take an optional number, and `-rN` is the package revision.
/// apk-tools keeps numbers in a C `int`; here they are 64-bit, so only absurdly long numbers differ.
/// apk-tools' quirks are kept on purpose: after a component of zeros the next token is an empty
/// number, so a bare `1.0` sorts before `1.0_rc1` (while `1.2` sorts after `1.2_rc1`).
public struct APKVersion: VersionScheme {
    public static let format = VersionFormat.apk

    private let bytes: [UInt8]
    private let text: String

    public init(parsing input: String) throws(VersionError) {
        let trimmed = input.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw .invalidVersion(input, format: .apk, reason: "version string is empty") }
        let bytes = Array(trimmed.utf8)
        var cursor = Cursor(bytes: bytes)
        var type = TokenType.digit
        while type != .end, type != .invalid {
            _ = cursor.getToken(&type)
        }
        guard type == .end else {
            let position = min(cursor.position, bytes.count)
            throw .invalidVersion(input, format: .apk, reason: "unexpected text at offset \(position) (apk-tools' version grammar is digit{.digit}[letter]{_suffix[N]}[-rN])")
        }
        self.bytes = bytes
        self.text = trimmed
    }

    public var description: String { text }
    public var erased: Version { .apk(self) }

    /// The package revision (`-rN`), 0 when absent.
    public var revision: Int {
        tokens().last(where: { $0.type == .revisionNumber })?.value ?? 0
    }

    public func compare(to other: APKVersion) -> Int {
        var a = Cursor(bytes: bytes)
        var b = Cursor(bytes: other.bytes)
        var at = TokenType.digit
        var bt = TokenType.digit
        var av = 0
        var bv = 0
        while at == bt, at != .end, at != .invalid, av == bv {
            av = a.getToken(&at)
            bv = b.getToken(&bt)
        }
        if av < bv { return -1 }
        if av > bv { return 1 }
        if at == bt { return 0 }
        // Equal so far: the longer version is newer unless what follows is a pre-release suffix.
        var tt = at
        if at == .suffix, a.getToken(&tt) < 0 { return -1 }
        tt = bt
        if bt == .suffix, b.getToken(&tt) < 0 { return 1 }
        if at.rawValue > bt.rawValue { return -1 }
        if bt.rawValue > at.rawValue { return 1 }
        return 0
    }

    public static func < (a: APKVersion, b: APKVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: APKVersion, b: APKVersion) -> Bool { a.compare(to: b) == 0 }

    public func hash(into hasher: inout Hasher) {
        for token in tokens() {
            hasher.combine(token.type.rawValue)
            hasher.combine(token.value)
        }
    }

    /// The token stream (type the token was read as, value); equal streams are equal versions.
    private func tokens() -> [(type: TokenType, value: Int)] {
        var cursor = Cursor(bytes: bytes)
        var type = TokenType.digit
        var result: [(TokenType, Int)] = []
        while type != .end, type != .invalid {
            let current = type
            let value = cursor.getToken(&type)
            result.append((current, value))
        }
        return result
    }

    enum TokenType: Int {
        case invalid = -1
        case digitOrZero = 0
        case digit
        case letter
        case suffix
        case suffixNumber
        case revisionNumber
        case end
    }

    private static let preSuffixes: [[UInt8]] = ["alpha", "beta", "pre", "rc"].map { Array($0.utf8) }
    private static let postSuffixes: [[UInt8]] = ["cvs", "svn", "git", "hg", "p"].map { Array($0.utf8) }

    struct Cursor {
        let bytes: [UInt8]
        var position = 0

        var remaining: Int { bytes.count - position }

        func byte(_ offset: Int = 0) -> UInt8 { bytes[position + offset] }

        /// apk-tools' `next_token()`.
        mutating func nextToken(_ type: inout TokenType) {
            var n = TokenType.invalid
            if remaining == 0 || byte() == 0 {
                n = .end
            } else if (type == .digit || type == .digitOrZero), byte().isASCIILower {
                n = .letter
            } else if type == .letter, byte().isASCIIDigit {
                n = .digit
            } else if type == .suffix, byte().isASCIIDigit {
                n = .suffixNumber
            } else {
                switch byte() {
                case UInt8(ascii: "."): n = .digitOrZero
                case UInt8(ascii: "_"): n = .suffix
                case UInt8(ascii: "-"):
                    if remaining > 1, byte(1) == UInt8(ascii: "r") {
                        n = .revisionNumber
                        position += 1
                    } else {
                        n = .invalid
                    }
                default: break
                }
                position += 1
            }
            if n.rawValue < type.rawValue {
                if !((n == .digitOrZero && type == .digit)
                    || (n == .suffix && type == .suffixNumber)
                    || (n == .digit && type == .letter)) {
                    n = .invalid
                }
            }
            type = n
        }

        /// apk-tools' `get_token()`: the value of the token of `type` at the cursor; sets `type`
        /// to the type of the following token.
        mutating func getToken(_ type: inout TokenType) -> Int {
            var value = 0
            var i = 0
            var nextType = TokenType.invalid
            if remaining <= 0 {
                type = .end
                return 0
            }
            switch type {
            case .digitOrZero where byte() == UInt8(ascii: "0"):
                while i < remaining, byte(i) == UInt8(ascii: "0") { i += 1 }
                nextType = .digit
                value = -i
            case .digitOrZero, .digit, .suffixNumber, .revisionNumber:
                while i < remaining, byte(i).isASCIIDigit {
                    value = value.multipliedReportingOverflow(by: 10).partialValue
                        .addingReportingOverflow(Int(byte(i) - 0x30)).partialValue
                    i += 1
                }
            case .letter:
                value = Int(byte(i))
                i += 1
            case .suffix:
                if let index = APKVersion.preSuffixes.firstIndex(where: { hasPrefix($0) }) {
                    value = index - APKVersion.preSuffixes.count
                    i = APKVersion.preSuffixes[index].count
                } else if let index = APKVersion.postSuffixes.firstIndex(where: { hasPrefix($0) }) {
                    value = index
                    i = APKVersion.postSuffixes[index].count
                } else {
                    type = .invalid
                    return -1
                }
            case .invalid, .end:
                type = .invalid
                return -1
            }
            position += i
            if remaining == 0 {
                type = .end
            } else if nextType != .invalid {
                type = nextType
            } else {
                nextToken(&type)
            }
            return value
        }

        private func hasPrefix(_ word: [UInt8]) -> Bool {
            word.count <= remaining && bytes[position..<(position + word.count)].elementsEqual(word)
        }
    }
}
