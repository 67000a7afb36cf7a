import Foundation

/// One input file of a feed mirror, classified by where it sits: the mirror is laid out as the
/// publishers' URLs are (`osv/PyPI/all.zip`, `debian/oval/oval-definitions-bookworm.xml.bz2`,
/// `alpine/secdb/v3.19/main.json`…), as `../shared/feeds` and `hawser db sync`'s download
/// directory both are.
enum FeedFile: Sendable, Hashable {
    /// An OSV bucket dump; `overlay` holds single records fetched since (incremental sync), which
    /// replace the dump's copies.
    case osv(path: String, ecosystem: String, overlay: String)
    case debianOVAL(path: String)
    case debianTracker(path: String)
    case kev(path: String)
    case epss(path: String)
    case ubuntuOVAL(path: String)
    /// Red Hat RHSA or (`rocky`) Rocky RLSA OVAL, one layout.
    case redHatOVAL(path: String, rocky: Bool)
    /// One Alpine secdb file (`alpine/secdb/v3.19/main.json`); main and community share the `alpine:3.19` group.
    case alpineSecDB(path: String)
    case rubySec(path: String)
    case friendsOfPHP(path: String)
    /// GitHub's advisory-database tarball (OSV form).
    case ghsa(path: String)
    /// NVD API 2.0 pages, read together (a CVE on two pages is read once).
    case nvd(folder: String)

    var path: String {
        switch self {
        case .osv(let path, _, _), .debianOVAL(let path), .debianTracker(let path), .kev(let path), .epss(let path),
             .ubuntuOVAL(let path), .redHatOVAL(let path, _), .alpineSecDB(let path), .rubySec(let path), .friendsOfPHP(let path),
             .ghsa(let path): path
        case .nvd(let folder): folder
        }
    }

    /// Files whose rows share one DB group have one key (Alpine's main and community of a branch),
    /// so a group is never rebuilt from only some of its files.
    var groupKey: String {
        switch self {
        case .alpineSecDB(let path): (path as NSString).deletingLastPathComponent
        default: path
        }
    }

    /// The file at `relative` (a path inside the mirror `root`), if it is a feed input.
    static func classify(_ relative: String, root: String) -> FeedFile? {
        let parts = relative.split(separator: "/").map(String.init)
        let path = root + "/" + relative
        // Downloads in progress (or cut short by a kill) are not inputs.
        guard let name = parts.last, !name.contains(".partial-") else { return nil }
        switch parts.first {
        case "osv" where parts.count == 3 && name == "all.zip":
            return .osv(path: path, ecosystem: parts[1], overlay: root + "/osv/\(parts[1])/" + OSVIncrementalState.overlayFolder)
        case "debian" where parts.count == 3 && parts[1] == "oval" && name.hasPrefix("oval-definitions-") && isXML(name):
            return .debianOVAL(path: path)
        case "debian" where relative == "debian/tracker.json" || relative == "debian/security-tracker/tracker.json":
            return .debianTracker(path: path)
        case "ubuntu" where parts.count == 3 && parts[1] == "oval" && name.hasPrefix("com.ubuntu.") && isXML(name):
            return .ubuntuOVAL(path: path)
        case "redhat" where parts.count == 3 && parts[1] == "oval" && isXML(name):
            return .redHatOVAL(path: path, rocky: false)
        case "rocky" where parts.count == 3 && parts[1] == "oval" && isXML(name):
            return .redHatOVAL(path: path, rocky: true)
        case "alpine" where parts.count == 4 && parts[1] == "secdb" && name.hasSuffix(".json"):
            return .alpineSecDB(path: path)
        case "native" where parts.count == 2 && name.hasPrefix("rubysec") && isTarball(name):
            return .rubySec(path: path)
        case "native" where parts.count == 2 && name.hasPrefix("friendsofphp") && isTarball(name):
            return .friendsOfPHP(path: path)
        case "github" where parts.count == 2 && name.hasPrefix("advisory-database") && isTarball(name):
            return .ghsa(path: path)
        case "kev" where relative == "kev/known_exploited_vulnerabilities.json":
            return .kev(path: path)
        case "epss" where parts.count == 2 && (name.hasSuffix(".csv") || name.hasSuffix(".csv.gz")):
            return .epss(path: path)
        case "nvd" where parts.count == 2 && (name.hasSuffix(".json") || name.hasSuffix(".json.gz")):
            return .nvd(folder: root + "/nvd")
        default:
            return nil
        }
    }

    private static func isTarball(_ name: String) -> Bool { name.hasSuffix(".tar.gz") || name.hasSuffix(".tgz") || name.hasSuffix(".tar") }

    private static func isXML(_ name: String) -> Bool { name.hasSuffix(".xml.bz2") || name.hasSuffix(".xml") }
}
