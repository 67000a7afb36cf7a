@testable import Catalogers
import Foundation
import Testing

@Suite struct BinaryPatternTests {
    /// The memchr/memcmp search agrees with a naive scan, including overlapping hits, hits at both
    /// ends and needles led by NUL (whose pivot is a later byte).
    @Test func occurrencesMatchANaiveScan() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0, 0, 0, 0x61, 0x62, 0x2e, 0xff]
        for _ in 0..<300 {
            let haystack = (0..<Int.random(in: 0...200, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let needle = (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let naive = haystack.count < needle.count ? [] : (0...(haystack.count - needle.count)).filter {
                Array(haystack[$0..<($0 + needle.count)]) == needle
            }
            #expect(BinaryPattern.occurrences(of: needle, in: haystack) == naive, "needle \(needle) in \(haystack)")
        }
    }

    @Test func pivotAvoidsNULAndDigits() {
        #expect(BinaryPattern.occurrences(of: Array("\u{0}3.11.".utf8), in: Array("x\u{0}3.11.2\u{0}3.11".utf8)) == [1])
        #expect(BinaryPattern.rank(0) < BinaryPattern.rank(UInt8(ascii: "3")))
        #expect(BinaryPattern.rank(UInt8(ascii: "a")) < BinaryPattern.rank(UInt8(ascii: "O")))
    }

    /// The leftmost match wins, and a window is only as wide as `before`/`after` allow.
    @Test func windowsAroundAnchors() throws {
        let pattern = BinaryPattern(anchor: "v", #"\x00v(?<version>[0-9]+\.[0-9]+)\x00"#, before: 1, after: 8)
        let expression = try NSRegularExpression(pattern: pattern.expression)
        #expect(pattern.firstMatch(in: Array("\u{0}v1.2\u{0}\u{0}v3.4\u{0}".utf8), using: expression) == ["version": "1.2"])
        #expect(pattern.firstMatch(in: Array("xv1.2\u{0}\u{0}v3.4\u{0}".utf8), using: expression) == ["version": "3.4"])
        #expect(pattern.firstMatch(in: Array("v1.2\u{0}".utf8), using: expression) == nil)
        let narrow = BinaryPattern(anchor: "v", #"\x00v(?<version>[0-9]+\.[0-9]+)\x00"#, before: 0, after: 8)
        // With no byte before the anchor in the window, the NUL the expression wants is never seen.
        #expect(narrow.firstMatch(in: Array("ab\u{0}v1.2\u{0}".utf8), using: try NSRegularExpression(pattern: narrow.expression)) == nil)
        let short = BinaryPattern(anchor: "v", #"v(?<version>[0-9.]+)\x00"#, before: 0, after: 3)
        #expect(short.firstMatch(in: Array("v1.2.3\u{0}".utf8), using: try NSRegularExpression(pattern: short.expression)) == nil)
    }

    @Test func templatesEscapeTheFileVersion() {
        let template = BinaryPattern(anchor: "\u{0}{version}.", #"\x00(?<version>{version}\.[0-9]+)\x00"#)
        let filled = template.filled(with: "3.11")
        #expect(template.isTemplate && !filled.isTemplate)
        #expect(filled.anchors == ["\u{0}3.11."])
        #expect(filled.expression == #"\x00(?<version>3\.11\.[0-9]+)\x00"#)
    }

    /// Every default expression compiles, names a `version` group, and has anchors it can search for.
    @Test func defaultClassifiersAreWellFormed() throws {
        func patterns(_ evidence: [BinaryClassifier.Evidence]) -> [BinaryPattern] {
            evidence.flatMap { item -> [BinaryPattern] in
                switch item {
                case .contents(let pattern, _, _): [pattern]
                case .sharedLibrary(let name, let inner):
                    [BinaryPattern(anchor: "lib", "^(?:" + name + ")$")] + patterns(inner)
                }
            }
        }
        #expect(Set(BinaryClassifier.defaults.map(\.name)).count == BinaryClassifier.defaults.count)
        for classifier in BinaryClassifier.defaults {
            if let fileName = classifier.fileName { _ = try NSRegularExpression(pattern: fileName) }
            for pattern in patterns(classifier.evidence) {
                let filled = pattern.isTemplate ? pattern.filled(with: "3.11") : pattern
                _ = try NSRegularExpression(pattern: filled.expression)
                #expect(BinaryPattern.groupNames(in: pattern.expression).contains("version"), "\(classifier.name): \(pattern.expression)")
                #expect(!pattern.anchors.isEmpty && pattern.anchors.allSatisfy { !$0.isEmpty })
            }
        }
    }

    @Test func groupNames() {
        #expect(BinaryPattern.groupNames(in: #"(?<version>(?<primary>[0-9]+)_(?<update>[0-9]+))(?:x)(?<!y)"#) == ["version", "primary", "update"])
    }
}

@Suite struct BinaryELFNeededTests {
    @Test func syntheticDynamicSection() {
        #expect(ELFNeededLibraries.read(BinaryELF.make(needed: ["libpython3.12.so.1.0", "libc.so.6"])) == ["libpython3.12.so.1.0", "libc.so.6"])
        #expect(ELFNeededLibraries.read(BinaryELF.make(needed: [])) == [])
    }

    @Test func malformedInputYieldsNothing() {
        let elf = BinaryELF.make(needed: ["libz.so.1"])
        for length in [0, 4, 52, 64, 100, elf.count - 20] {
            _ = ELFNeededLibraries.read(Array(elf.prefix(length)))
        }
        #expect(ELFNeededLibraries.read(Array("#!/bin/sh\necho hi\n".utf8)) == [])
        var corrupt = elf
        corrupt.replaceSubrange(32..<40, with: [UInt8](repeating: 0xff, count: 8))  // e_phoff far outside the file
        #expect(ELFNeededLibraries.read(corrupt) == [])
    }

    static let readelf = BinaryHost.which("readelf")

    /// Differential: the NEEDED entries readelf prints for real executables and libraries.
    @Test(.enabled(if: readelf != nil, "readelf (binutils) is not installed"))
    func agreesWithReadelf() throws {
        let readelf = try #require(Self.readelf)
        let candidates = ["/usr/bin/python3.11", "/root/.pyenv/versions/3.11.7/bin/python3.11", "/usr/bin/openssl", "/usr/bin/curl",
                          "/usr/lib/x86_64-linux-gnu/libssl.so.3", "/usr/bin/bash", "/usr/bin/node"]
        var compared = 0
        for path in candidates where FileManager.default.isReadableFile(atPath: path) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: readelf)
            process.arguments = ["-d", "-W", path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let expected = output.split(separator: "\n").filter { $0.contains("(NEEDED)") }.compactMap { line -> String? in
                guard let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { return nil }
                return String(line[line.index(after: open)..<close])
            }
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(ELFNeededLibraries.read(bytes) == expected, "\(path)")
            compared += 1
        }
        try #require(compared > 0, "none of the sample ELF files is installed")
    }
}
