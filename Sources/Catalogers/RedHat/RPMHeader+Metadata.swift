import Model

extension RPMHeader {
    /// rpm writes `(none)` for an absent optional string in some headers; go-rpmdb treats it as empty.
    private func optionalString(_ tag: UInt32) throws(RPMDatabaseError) -> String? {
        guard let value = try string(tag), !value.isEmpty, value != "(none)" else { return nil }
        return value
    }

    /// The package the header describes. Throws when NAME, VERSION or RELEASE is missing or any tag
    /// read is malformed; a malformed file list does not fail the package but is reported in `fileError`.
    func metadata() throws(RPMDatabaseError) -> (metadata: RPMMetadata, fileError: RPMDatabaseError?) {
        guard let name = try string(RPMTag.name), !name.isEmpty else { throw RPMDatabaseError("header has no NAME") }
        guard let version = try string(RPMTag.version), !version.isEmpty else { throw RPMDatabaseError("header of \(name) has no VERSION") }
        let release = try string(RPMTag.release) ?? ""
        let epoch = try int32Array(RPMTag.epoch)?.first.map { Int($0) }
        var size = try int32Array(RPMTag.size)?.first.map { Int($0) }
        if size == nil, let long = try int64Array(RPMTag.longSize)?.first, long <= UInt64(Int.max) { size = Int(long) }
        var files: [String] = []
        var fileError: RPMDatabaseError?
        do {
            files = try fileNames()
        } catch {
            fileError = RPMDatabaseError("file list of \(name): \(error.message)")
        }
        let metadata = RPMMetadata(name: name, epoch: epoch, version: version, release: release,
                                   architecture: try optionalString(RPMTag.arch), sourceRPM: try optionalString(RPMTag.sourceRPM),
                                   vendor: try optionalString(RPMTag.vendor), license: try optionalString(RPMTag.license),
                                   modularityLabel: try optionalString(RPMTag.modularityLabel), size: size, files: files)
        return (metadata, fileError)
    }

    /// `DIRNAMES[DIRINDEXES[i]] + BASENAMES[i]` (rpm's compressed file list), or OLDFILENAMES in
    /// headers from before rpm 4.
    func fileNames() throws(RPMDatabaseError) -> [String] {
        guard let baseNames = try stringArray(RPMTag.baseNames) else {
            return try stringArray(RPMTag.oldFilenames) ?? []
        }
        let dirNames = try stringArray(RPMTag.dirNames) ?? []
        let dirIndexes = try int32Array(RPMTag.dirIndexes) ?? []
        guard dirIndexes.count == baseNames.count else {
            throw RPMDatabaseError("\(baseNames.count) base names but \(dirIndexes.count) directory indexes")
        }
        var files: [String] = []
        files.reserveCapacity(baseNames.count)
        for (baseName, dirIndex) in zip(baseNames, dirIndexes) {
            guard Int(dirIndex) < dirNames.count else {
                throw RPMDatabaseError("directory index \(dirIndex) out of range (\(dirNames.count) directories)")
            }
            files.append(dirNames[Int(dirIndex)] + baseName)
        }
        return files
    }
}
