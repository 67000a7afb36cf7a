import Archive
import Foundation
import Testing
@testable import Feeds

/// `../shared/feeds` beside the repository root (this file is Tests/FeedsTests/…).
private let bzip2FeedsRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("../shared/feeds").standardized.path
private let smallOVAL = bzip2FeedsRoot + "/samples/debian/vuls-data-update/debian/oval/oval-definitions-bullseye.xml.bz2"

private func fileBytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

@Suite("bzip2 decompression")
struct Bzip2Tests {
    @Test func decompressesARealFeedFile() throws {
        let xml = try Bzip2.decompress(fileAt: smallOVAL)
        #expect(xml.count == 11_251)
        #expect(String(decoding: xml.prefix(21), as: UTF8.self) == "<?xml version='1.0' e")
        #expect(String(decoding: xml.suffix(20), as: UTF8.self).contains("</oval_definitions>"))
    }

    @Test func recognisesTheMagic() throws {
        #expect(Bzip2.hasMagic(try fileBytes(smallOVAL)))
        #expect(!Bzip2.hasMagic(Array("<?xml".utf8)))
        #expect(!Bzip2.hasMagic(Array("BZh".utf8)))
    }

    @Test func streamsTheWholeBookwormOVAL() throws {
        let source = try Bzip2.source(fileAt: bzip2FeedsRoot + "/debian/oval/oval-definitions-bookworm.xml.bz2")
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            total += count
        }
        #expect(total == 51_049_082)
    }

    @Test func truncatedInputIsAnError() throws {
        let bytes = try fileBytes(smallOVAL)
        for cut in [bytes.count / 2, bytes.count - 1, 10] {
            #expect {
                _ = try Bzip2.decompress(Array(bytes.prefix(cut)), what: "cut.bz2")
            } throws: { error in
                guard case ArchiveError.truncated(let what, _) = error else { return false }
                return what.contains("cut.bz2")
            }
        }
    }

    @Test func emptyInputIsTruncated() {
        #expect(throws: ArchiveError.self) { _ = try Bzip2.decompress([], what: "empty.bz2") }
    }

    @Test func corruptDataIsAnError() throws {
        var bytes = try fileBytes(smallOVAL)
        bytes[bytes.count / 2] ^= 0xFF
        bytes[bytes.count / 2 + 1] ^= 0x55
        #expect {
            _ = try Bzip2.decompress(bytes, what: "corrupt.bz2")
        } throws: { error in
            guard case ArchiveError.decompression(let what, _) = error else { return false }
            return what == "corrupt.bz2"
        }
    }

    @Test func badMagicIsAnError() {
        #expect {
            _ = try Bzip2.decompress(Array("not bzip2 at all".utf8), what: "plain.txt")
        } throws: { error in
            guard case ArchiveError.decompression(_, let reason) = error else { return false }
            return reason.contains("magic")
        }
    }

    @Test func outputIsBounded() throws {
        let bytes = try fileBytes(smallOVAL)
        #expect {
            _ = try Bzip2.decompress(bytes, what: "bomb.bz2", limit: 1_000)
        } throws: { error in
            guard case ArchiveError.limitExceeded = error else { return false }
            return true
        }
        #expect(try Bzip2.decompress(bytes, what: "exact.bz2", limit: 11_251).count == 11_251)
    }

    @Test func concatenatedStreamsReadAsOne() throws {
        let bytes = try fileBytes(smallOVAL)
        let once = try Bzip2.decompress(bytes, what: "once.bz2")
        let twice = try Bzip2.decompress(bytes + bytes, what: "twice.bz2")
        #expect(twice == once + once)
    }

    @Test func smallReadBuffersWork() throws {
        let source = try Bzip2Source(MemorySource(try fileBytes(smallOVAL)), what: "small")
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 7)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            out += buffer[0..<count]
        }
        #expect(out == (try Bzip2.decompress(fileAt: smallOVAL)))
    }
}
