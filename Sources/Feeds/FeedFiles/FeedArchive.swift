import Archive
import Foundation
import Model

/// The files of an advisory database as its publisher ships it: a tar archive of the repository
/// (gzip- or zstd-compressed or plain, as GitHub serves `…/archive/<ref>.tar.gz`) or a checkout
/// on disk (what bundler-audit clones). Archives are streamed with `TarReader`, never extracted.
///
/// Member paths keep whatever top folder the archive has (`ruby-advisory-db/…`); transformers
/// look at the last path components, so any prefix works.
struct FeedArchive {
    /// One regular file of the archive or directory.
    struct Member {
        /// The path as stored in the archive, or relative to the directory.
        var path: String
        /// `path` split at `/`, without empty and `.` components.
        var components: [String]
        /// The contents; nil when the member is larger than `memberLimit` (not read).
        var bytes: [UInt8]?
    }

    /// The archive file or directory.
    let path: String
    /// Advisory files are a few kilobytes; a bigger member is reported, not read.
    var memberLimit = 4 << 20

    init(path: String) {
        self.path = path
    }

    /// Calls `body` for each regular file whose components `accept` returns true for, in archive
    /// order (sorted by path for a directory). Throws when the archive cannot be read to its end:
    /// a truncated or corrupt archive is not partially trusted.
    func forEachMember(where accept: ([String]) -> Bool, _ body: (Member) -> Void) throws(FeedFileError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(file: path, member: nil, reason: "no such file or directory")
        }
        if isDirectory.boolValue {
            try forEachDirectoryMember(where: accept, body)
        } else {
            try forEachTarMember(where: accept, body)
        }
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init).filter { $0 != "." }
    }

    private struct Cancelled: Error {}

    private func forEachTarMember(where accept: ([String]) -> Bool, _ body: (Member) -> Void) throws(FeedFileError) {
        var current: String?
        do {
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
            let region = HostFileRegion(path: path, length: size?.int64Value ?? 0)
            let compression = try Decompression.sniff(region)
            let source = try Decompression.decompressor(FileRegionSource(region), compression: compression, what: path)
            let reader = TarReader(source, what: path)
            while let entry = try reader.next() {
                if Task.isCancelled { throw Cancelled() }
                guard entry.kind == .regular else { continue }
                let name = String(decoding: entry.name, as: UTF8.self)
                current = name
                let components = Self.components(name)
                guard accept(components) else { continue }
                if entry.storedSize > Int64(memberLimit) {
                    body(Member(path: name, components: components, bytes: nil))
                    continue
                }
                body(Member(path: name, components: components, bytes: try reader.readData(entry, limit: memberLimit)))
            }
        } catch is Cancelled {
            throw .cancelled(file: path)
        } catch {
            throw .unreadable(file: path, member: current, reason: String(describing: error))
        }
    }

    private func forEachDirectoryMember(where accept: ([String]) -> Bool, _ body: (Member) -> Void) throws(FeedFileError) {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: path) else {
            throw .unreadable(file: path, member: nil, reason: "cannot list the directory")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            if accept(Self.components(relative)) { files.append(relative) }
        }
        for relative in files.sorted() {
            if Task.isCancelled { throw .cancelled(file: path) }
            let full = (path as NSString).appendingPathComponent(relative)
            let size = (try? manager.attributesOfItem(atPath: full)[.size] as? NSNumber)?.intValue ?? 0
            if size > memberLimit {
                body(Member(path: relative, components: Self.components(relative), bytes: nil))
                continue
            }
            guard let data = manager.contents(atPath: full) else {
                throw .unreadable(file: path, member: relative, reason: "cannot read the file")
            }
            body(Member(path: relative, components: Self.components(relative), bytes: [UInt8](data)))
        }
    }
}
