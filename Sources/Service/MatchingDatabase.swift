import Foundation
import VulnDB

/// The vulnerability DB the service matches against, opened once and reopened when `hawser db
/// sync|build` replaces the file (they rename a new file into place, so the inode changes).
public actor MatchingDatabase {
    public let path: String
    private var opened: (database: VulnerabilityDatabase, identity: String)?

    public init(path: String) { self.path = path }

    /// The open DB and an identity that changes whenever the file is replaced.
    public func current() throws(ServiceError) -> (database: VulnerabilityDatabase, identity: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw .unavailable("no vulnerability database at \(path) (build one with `hawser db build --from DIR` or `hawser db sync`)")
        }
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let identity = "\(inode)-\(modified)"
        if let opened, opened.identity == identity { return opened }
        do {
            let database = try VulnerabilityDatabase(path: path)
            opened = (database, identity)
            return (database, identity)
        } catch {
            throw .unavailable("the vulnerability database at \(path) cannot be used: \(error)")
        }
    }
}
