import Archive
import Foundation
import Model

extension BlobCache {
    /// A compressed local archive decompressed once into `DIR/archives/`, keyed by the archive's
    /// path, size and modification time (a changed archive gets a new copy). Bounded by `limits`.
    func decompressedArchive(_ path: String, length: Int64, compression: LayerCompression, limits: ArchiveLimits) throws(ImageSourceError) -> String {
        let modified = ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = Digest.sha256(of: Array("\(path)|\(length)|\(modified)".utf8)).encoded
        let target = "\(directory)/archives/\(key).tar"
        if FileManager.default.fileExists(atPath: target) { return target }
        let temporary = "\(target).\(UUID().uuidString).partial"
        do {
            try FileManager.default.createDirectory(atPath: "\(directory)/archives", withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
                throw ImageSourceError.io(path: temporary, reason: "cannot create file")
            }
            defer { try? handle.close() }
            let input = try FileRegionSource(HostFileRegion(path: path, offset: 0, length: length))
            let decoded = LimitingSource(try Decompression.decompressor(input, compression: compression, what: path),
                                         limits: limits, compressedBytes: length, what: path)
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try decoded.read(into: $0) }
                if count == 0 { break }
                try handle.write(contentsOf: buffer[0..<count])
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let error = error as? ImageSourceError { throw error }
            throw .malformed(what: path, reason: "cannot decompress the archive: \(error)")
        }
        guard rename(temporary, target) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .io(path: target, reason: "cannot move the decompressed archive into place")
        }
        return target
    }
}
