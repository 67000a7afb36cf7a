/// Reads rpm's NDB `Packages.db` (SLES 15, openSUSE Leap 15 / Tumbleweed), the format of rpm's
/// `lib/backend/ndb/rpmpkg.c` (and knqyf263/go-rpmdb `pkg/ndb`). All integers are little-endian:
///
/// - a 32-byte header: magic `RpmP`, version 0, generation, number of 4 KiB slot pages, next package index;
/// - the slot pages (the header takes the first two slots): 16-byte slots of magic `Slot`, package
///   index (0 = free), offset and count in 16-byte blocks;
/// - blobs at `offset × 16`: magic `BlbS`, package index, generation, length, then the header blob.
///
/// Packages come in slot order, as rpm and go-rpmdb list them. The blob's adler32 tail is not checked.
enum RPMNDB {
    static let headerMagic: UInt32 = 0x506D_7052  // "RpmP"
    static let slotMagic: UInt32 = 0x746F_6C53  // "Slot"
    static let blobMagic: UInt32 = 0x5362_6C42  // "BlbS"
    static let slotPageSize = 4096
    static let blockSize = 16
    /// rpm itself never writes more; go-rpmdb uses the same bound against runaway allocation.
    static let maximumSlotPages = 2048

    static func recognizes(_ bytes: [UInt8]) -> Bool {
        RPMBytes(bytes, bigEndian: false).uint32(at: 0) == headerMagic
    }

    static func read(_ bytes: [UInt8]) throws(RPMDatabaseError) -> RPMDatabaseBlobs {
        let file = RPMBytes(bytes, bigEndian: false)
        guard let magic = file.uint32(at: 0), let version = file.uint32(at: 4), let slotPages = file.uint32(at: 12).map(Int.init) else {
            throw RPMDatabaseError("NDB file of \(bytes.count) bytes is too short for its header")
        }
        guard magic == headerMagic else { throw RPMDatabaseError("not an NDB package database") }
        guard version == 0 else { throw RPMDatabaseError("NDB version \(version) is not supported") }
        guard slotPages >= 1, slotPages <= maximumSlotPages else { throw RPMDatabaseError("NDB header claims \(slotPages) slot pages") }

        var result = RPMDatabaseBlobs()
        let slotEnd = slotPages * slotPageSize
        if slotEnd > bytes.count {
            result.problems.append(RPMDatabaseError("NDB file is truncated: \(bytes.count) bytes, slot pages end at \(slotEnd)"))
        }
        // The first two slots' worth of bytes is the header.
        for slotOffset in stride(from: 2 * blockSize, to: min(slotEnd, bytes.count - blockSize + 1), by: blockSize) {
            let slot = slotOffset / blockSize
            guard let slotMagicValue = file.uint32(at: slotOffset), let packageIndex = file.uint32(at: slotOffset + 4),
                  let blockOffset = file.uint32(at: slotOffset + 8), let blockCount = file.uint32(at: slotOffset + 12) else { break }
            guard slotMagicValue == slotMagic else {
                result.problems.append(RPMDatabaseError("NDB slot \(slot) has a bad magic number"))
                continue
            }
            guard packageIndex != 0 else { continue }
            do {
                result.blobs.append(try blob(in: file, packageIndex: packageIndex, blockOffset: Int(blockOffset), blockCount: Int(blockCount)))
            } catch {
                result.problems.append(error)
            }
        }
        return result
    }

    static func blob(in file: RPMBytes, packageIndex: UInt32, blockOffset: Int, blockCount: Int) throws(RPMDatabaseError) -> [UInt8] {
        let start = blockOffset * blockSize
        guard let magic = file.uint32(at: start), let index = file.uint32(at: start + 4), let length = file.uint32(at: start + 12).map(Int.init) else {
            throw RPMDatabaseError("NDB blob of package \(packageIndex) at block \(blockOffset) is past the end of the file")
        }
        guard magic == blobMagic else { throw RPMDatabaseError("NDB blob of package \(packageIndex) has a bad magic number") }
        guard index == packageIndex else { throw RPMDatabaseError("NDB slot for package \(packageIndex) points to the blob of package \(index)") }
        guard length <= blockCount * blockSize else {
            throw RPMDatabaseError("NDB blob of package \(packageIndex) claims \(length) bytes but its slot holds \(blockCount) blocks")
        }
        guard let blob = file.slice(at: start + blockSize, length: length) else {
            throw RPMDatabaseError("NDB blob of package \(packageIndex) (\(length) bytes) runs past the end of the file")
        }
        return Array(blob)
    }
}
