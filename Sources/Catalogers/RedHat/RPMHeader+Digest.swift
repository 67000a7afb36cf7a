import Model

extension RPMHeader {
    /// rpm's header magic, which the header digests cover but database blobs leave out.
    static let magic: [UInt8] = [0x8E, 0xAD, 0xE8, 0x01, 0, 0, 0, 0]

    /// Checks SHA256HEADER, the digest rpmbuild stores over the immutable region, as rpm does for every
    /// header it reads from its database (rpm's `lib/header.c` `hdrblobVerifyRegion` and
    /// `hdrblobDigestUpdate`): magic, region entry count and data length, the region's index entries,
    /// then its data. The region entry (first in the index) points to a 16-byte trailer in the data
    /// whose negated offset is the size of the region's index. Headers without the digest (rpm < 4.14
    /// builds) are not checked; their SHA1 digest is not computed here.
    func verifyDigest() throws(RPMDatabaseError) {
        guard let expected = try string(RPMTag.sha256Header) else { return }
        let index = RPMBytes(blob, bigEndian: true)
        guard index.uint32(at: 8) == RPMTag.immutableRegion, index.uint32(at: 12) == RPMTag.binaryType, index.uint32(at: 20) == 16,
              let trailerOffset = index.uint32(at: 16).map(Int.init), trailerOffset <= data.count - 16 else {
            throw RPMDatabaseError("header has a digest but no valid immutable region")
        }
        let trailer = RPMBytes(Array(data[(data.startIndex + trailerOffset)..<(data.startIndex + trailerOffset + 16)]), bigEndian: true)
        let negatedSize = Int32(bitPattern: trailer.uint32(at: 8) ?? 0)
        let regionEntries = -Int(negatedSize) / 16
        guard trailer.uint32(at: 0) == RPMTag.immutableRegion, negatedSize < 0, -Int(negatedSize) % 16 == 0,
              regionEntries <= indexCount else {
            throw RPMDatabaseError("header has an invalid immutable region trailer")
        }
        let regionDataLength = trailerOffset + 16
        func bigEndian(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        var signed = Self.magic + bigEndian(regionEntries) + bigEndian(regionDataLength)
        signed.reserveCapacity(signed.count + 16 * regionEntries + regionDataLength)
        signed += blob[8..<(8 + 16 * regionEntries)]
        signed += data.prefix(regionDataLength)
        let actual = Digest.sha256(of: signed).encoded
        guard actual == expected.lowercased() else {
            throw RPMDatabaseError("header SHA256 digest mismatch (stored \(expected), computed \(actual))")
        }
    }
}
