import Cataloging
import Model

/// Red Hat-family packages from the rpm database, read directly (no rpm or libdb at run time):
/// BerkeleyDB `Packages`, NDB `Packages.db` and SQLite `rpmdb.sqlite`, in the directories Syft looks
/// at. The backend is chosen by the file's content, not its name. Each header blob is parsed by
/// `RPMHeader` and checked against its SHA256 header digest, as rpm checks it; gpg-pubkey
/// pseudo-packages (imported signing keys) are skipped.
public struct RPMCataloger: Cataloger {
    public let name = "rpm-db-cataloger"

    /// Syft's `**/{var/lib,usr/share,usr/lib/sysimage}/rpm/{Packages,Packages.db,rpmdb.sqlite}`.
    static let databaseSuffixes: [String] = ["/var/lib/rpm/", "/usr/share/rpm/", "/usr/lib/sysimage/rpm/"].flatMap { directory in
        ["Packages", "Packages.db", "rpmdb.sqlite"].map { directory + $0 }
    }
    /// Problems reported per database before the rest are summed up in one diagnostic.
    static let maximumDiagnosticsPerDatabase = 20

    public init() {}

    public func catalog(_ resolver: any FileResolver, context: CatalogContext) -> CatalogResult {
        var result = CatalogResult()
        var seen = Set<String>()
        let candidates = resolver.entries.filter { entry in
            [.regular, .symlink, .hardLink].contains(entry.type) && Self.databaseSuffixes.contains { entry.path.hasSuffix($0) }
        }
        for candidate in candidates {
            // A database reached through a symlink is read once, at its real path.
            let database: FileEntry
            do {
                guard let resolved = try resolver.resolve(candidate.path) else { continue }
                database = resolved
            } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: candidate.path, message: error.description))
                continue
            }
            guard seen.insert(database.path).inserted else { continue }
            let bytes: [UInt8]
            do {
                bytes = try resolver.contents(of: database.path)
            } catch {
                result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: database.path, message: error.description))
                continue
            }
            guard !bytes.isEmpty else { continue }
            result.merge(catalogDatabase(bytes, at: database, distro: context.distro))
        }
        return result
    }

    /// The packages of one database file, with a diagnostic per unreadable part.
    func catalogDatabase(_ bytes: [UInt8], at database: FileEntry, distro: Distro?) -> CatalogResult {
        var result = CatalogResult()
        var problems: [String] = []
        do {
            let contents = try Self.blobs(of: bytes)
            problems += contents.problems.map(\.message)
            for (index, blob) in contents.blobs.enumerated() {
                do {
                    let header = try RPMHeader(blob)
                    try header.verifyDigest()
                    let (metadata, fileError) = try header.metadata()
                    if let fileError { problems.append(fileError.message) }
                    if metadata.name == "gpg-pubkey" { continue }
                    result.packages.append(makePackage(metadata, location: Location(database), distro: distro))
                } catch {
                    problems.append("package header \(index + 1) skipped: \(error.message)")
                }
            }
        } catch {
            problems.append(error.message)
        }
        let shown = problems.prefix(Self.maximumDiagnosticsPerDatabase)
        result.diagnostics = shown.map { CatalogDiagnostic(cataloger: name, path: database.path, message: $0) }
        if problems.count > shown.count {
            result.diagnostics.append(CatalogDiagnostic(cataloger: name, path: database.path,
                                                        message: "\(problems.count - shown.count) more problems not shown"))
        }
        return result
    }

    /// The header blobs of a database in any of rpm's three formats, recognized by content.
    static func blobs(of bytes: [UInt8]) throws(RPMDatabaseError) -> RPMDatabaseBlobs {
        if RPMSQLiteDatabase.recognizes(bytes) { return try RPMSQLiteDatabase.read(bytes) }
        if RPMNDB.recognizes(bytes) { return try RPMNDB.read(bytes) }
        if RPMBerkeleyDB.recognizes(bytes) { return try RPMBerkeleyDB.read(bytes) }
        throw RPMDatabaseError("not an rpm database (neither SQLite, NDB nor BerkeleyDB)")
    }

    func makePackage(_ metadata: RPMMetadata, location: Location, distro: Distro?) -> Package {
        let version = Self.version(epoch: metadata.epoch, version: metadata.version, release: metadata.release)
        var qualifiers: [String: String] = [:]
        qualifiers["arch"] = metadata.architecture
        qualifiers["epoch"] = metadata.epoch.map(String.init)
        qualifiers["upstream"] = metadata.sourceRPM
        if let distro { qualifiers["distro"] = distro.versionID.map { "\(distro.id)-\($0)" } ?? distro.id }
        // The epoch is a qualifier in a purl, not part of its version (purl-spec, rpm type).
        let purlVersion = metadata.release.isEmpty ? metadata.version : "\(metadata.version)-\(metadata.release)"
        let purl = PURL(type: "rpm", namespace: Self.namespace(distro), name: metadata.name, version: purlVersion, qualifiers: qualifiers)
        return Package(name: metadata.name, version: version, type: .rpm, foundBy: name, purl: purl.description,
                       cpes: CPE.candidates(vendors: [metadata.name], products: [metadata.name], version: version),
                       licenses: metadata.license.map { [$0] } ?? [], locations: [location], supplier: metadata.vendor,
                       metadata: .rpm(metadata))
    }

    /// `[epoch:]version-release`, as Syft writes an rpm version (no epoch when the header has none).
    static func version(epoch: Int?, version: String, release: String) -> String {
        let versionRelease = release.isEmpty ? version : "\(version)-\(release)"
        return epoch.map { "\($0):\(versionRelease)" } ?? versionRelease
    }

    /// The purl namespace, as Syft spells it: the distro ID, with RHEL as `redhat` and openSUSE
    /// flavours as `opensuse`; `redhat` when the distro is unknown.
    static func namespace(_ distro: Distro?) -> String {
        guard let id = distro?.id, !id.isEmpty else { return "redhat" }
        if id == "rhel" { return "redhat" }
        if id.hasPrefix("opensuse") { return "opensuse" }
        return id
    }
}
