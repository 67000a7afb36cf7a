import Foundation
import ZIPFoundation

/// Inflates zlib streams (RFC 1950: a two-byte header, raw deflate data, an Adler-32 trailer).
///
/// The Catalogers target has no zlib binding of its own; ZIPFoundation's public raw-deflate codec
/// (`Data.decompress`, what it uses for zip entries) does the RFC 1951 work. Its Linux loop tells zlib
/// every input chunk is full-sized, so the provider always hands over full chunks (zero-padded past the
/// end) and refuses to read on once the input is exhausted; the trailer then proves the output whole.
enum Zlib {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case badHeader
        case truncated
        case corrupt
        case checksumMismatch
        case tooLarge(limit: Int)

        var description: String {
            switch self {
            case .badHeader: "not a zlib stream"
            case .truncated: "zlib stream is truncated"
            case .corrupt: "zlib stream is corrupt"
            case .checksumMismatch: "zlib stream fails its Adler-32 check"
            case .tooLarge(let limit): "inflates to more than \(limit) bytes"
            }
        }
    }

    static let chunkSize = 64 << 10

    /// `input` must be exactly one zlib stream (its last four bytes are the Adler-32 of the output).
    static func inflate(_ input: ArraySlice<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        guard input.count >= 6 else { throw .truncated }
        let cmf = input[input.startIndex], flg = input[input.startIndex + 1]
        guard cmf & 0x0F == 8, cmf >> 4 <= 7, (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0, flg & 0x20 == 0 else { throw .badHeader }
        let deflated = Data(input.dropFirst(2))
        var output: [UInt8] = []
        do {
            _ = try Data.decompress(size: Int64(deflated.count), bufferSize: chunkSize, skipCRC32: true, provider: { position, size in
                guard position >= 0, position < Int64(deflated.count) else { throw Failure.truncated }
                let start = Int(position)
                var chunk = deflated.subdata(in: start..<min(deflated.count, start + size))
                if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                return chunk
            }, consumer: { data in
                guard output.count + data.count <= limit else { throw Failure.tooLarge(limit: limit) }
                output += data
            })
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .corrupt
        }
        let trailer = input.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard adler32(output) == trailer else { throw .checksumMismatch }
        return output
    }

    /// RFC 1950 §8.2.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + 5552)  // the most bytes before the sums can overflow
            while index < end {
                a += UInt32(bytes[index])
                b += a
                index += 1
            }
            a %= 65521
            b %= 65521
        }
        return b << 16 | a
    }
}
