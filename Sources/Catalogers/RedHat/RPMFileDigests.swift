import Model

/// What an rpm database records of each installed file, for verifying them (`rpm -V`): the path,
/// its digest (hex; empty for directories, symlinks and ghosts) and whether it is a configuration file.
public struct RPMFileDigests: Sendable {
    public struct File: Sendable {
        public var path: String
        public var digest: String
        public var isConfiguration: Bool
    }

    public var package: String
    /// rpm's digest algorithm number: 1 MD5, 2 SHA-1, 8 SHA-256 (default), 9 SHA-384, 10 SHA-512.
    public var algorithm: Int
    public var files: [File]

    /// Every package's file digests from the image's rpm databases (the ones `RPMCataloger` reads);
    /// unreadable databases and headers are skipped (the cataloger reports them).
    public static func all(in resolver: any FileResolver) -> [RPMFileDigests] {
        var result: [RPMFileDigests] = []
        var seen = Set<String>()
        for candidate in resolver.entries where [.regular, .symlink, .hardLink].contains(candidate.type)
            && RPMCataloger.databaseSuffixes.contains(where: { candidate.path.hasSuffix($0) }) {
            guard let database = (try? resolver.resolve(candidate.path)) ?? nil, seen.insert(database.path).inserted,
                  let bytes = try? resolver.contents(of: database.path), !bytes.isEmpty,
                  let contents = try? RPMCataloger.blobs(of: bytes) else { continue }
            for blob in contents.blobs {
                guard let header = try? RPMHeader(blob), (try? header.verifyDigest()) != nil,
                      let name = try? header.string(RPMTag.name), name != "gpg-pubkey",
                      let paths = try? header.fileNames(), let digests = try? header.stringArray(RPMTag.fileDigests),
                      digests.count == paths.count else { continue }
                let flags = (try? header.int32Array(RPMTag.fileFlags)) ?? []
                let algorithm = (try? header.int32Array(RPMTag.fileDigestAlgorithm))?.first.map { Int($0) } ?? 1
                let files = paths.indices.map { index in
                    // RPMFILE_CONFIG is bit 0.
                    File(path: paths[index], digest: digests[index].lowercased(), isConfiguration: index < flags.count && flags[index] & 1 != 0)
                }
                result.append(RPMFileDigests(package: name, algorithm: algorithm, files: files))
            }
        }
        return result
    }
}
