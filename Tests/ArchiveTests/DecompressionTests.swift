import Archive
import Model
import Testing
import TestSupport

@Suite("Decompression")
struct DecompressionTests {
    static let payload = Array("hello layer\n".utf8)

    @Test(arguments: [
        ("gzip", LayerCompression.gzip),
        ("zstd", .zstd),
        ("tar", .none),
        ("short", .none),
        ("empty", .none),
    ])
    func sniffsTheMagicBytes(_ fixture: String, _ expected: LayerCompression) throws {
        let bytes: [UInt8] = switch fixture {
        case "gzip": Compression.gzip(Self.payload)
        case "zstd": Compression.zstd(Self.payload)
        case "tar": TarBuilder().finished()
        case "short": [0x1f]
        default: []
        }
        #expect(try withFile(bytes) { try Decompression.sniff($0) } == expected)
    }

    @Test func sniffReadsAtTheRegionOffset() throws {
        let gzip = Compression.gzip(Self.payload)
        let zstd = Compression.zstd(Self.payload)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("both", zstd + gzip)
        #expect(try Decompression.sniff(HostFileRegion(path: path, offset: 0, length: Int64(zstd.count))) == .zstd)
        #expect(try Decompression.sniff(HostFileRegion(path: path, offset: Int64(zstd.count), length: Int64(gzip.count))) == .gzip)
        // A region cut to three bytes of the zstd magic is not zstd.
        #expect(try Decompression.sniff(HostFileRegion(path: path, offset: 0, length: 3)) == .none)
    }

    @Test(arguments: [LayerCompression.none, .gzip, .zstd])
    func decompressorDecodesWhatSniffFound(_ compression: LayerCompression) throws {
        let bytes: [UInt8] = switch compression {
        case .none: Self.payload
        case .gzip: Compression.gzip(Self.payload)
        case .zstd: Compression.zstd(Self.payload)
        }
        let decoded = try withFile(bytes) { region in
            let sniffed = try Decompression.sniff(region)
            #expect(sniffed == compression)
            return try readAll(try Decompression.decompressor(try FileRegionSource(region), compression: sniffed, what: "blob"), limit: 1 << 20)
        }
        #expect(decoded == Self.payload)
    }

    @Test func noCompressionPassesTheSourceThrough() throws {
        let source = MemorySource(Self.payload)
        #expect(try Decompression.decompressor(source, compression: .none, what: "blob") === source)
    }

    @Test func sniffOfAMissingFileIsAnIOError() {
        let error = #expect(throws: ArchiveError.self) {
            try Decompression.sniff(HostFileRegion(path: "/nonexistent/hawser/blob", length: 10))
        }
        #expect(error?.caseName == "io")
    }
}
