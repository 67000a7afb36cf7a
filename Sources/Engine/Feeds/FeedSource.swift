import Foundation

/// A feed `hawser db sync` can fetch: its publisher URLs and where each file goes in the local
/// mirror (the same layout `hawser db build --from DIR` reads).
public struct FeedSource: Sendable, Hashable {
    /// The `--source` name: `osv`, `debian-oval`, `alpine-secdb`, `kev`…
    public var name: String
    public var summary: String
    /// Synced by a plain `hawser db sync`.
    public var isDefault: Bool
    public var fetch: Fetch

    /// How a source is fetched.
    public enum Fetch: Sendable, Hashable {
        /// Whole files, fetched again on every sync (unchanged ones then leave their group alone).
        case files([FeedDownload])
        /// The OSV bucket, incrementally (`OSVSync`).
        case osvBucket
        /// The NVD CVE API, paged (`NVDSync`).
        case nvdAPI
    }

    public init(name: String, summary: String, isDefault: Bool, fetch: Fetch) {
        self.name = name
        self.summary = summary
        self.isDefault = isDefault
        self.fetch = fetch
    }

    public init(name: String, summary: String, isDefault: Bool, downloads: [FeedDownload]) {
        self.init(name: name, summary: summary, isDefault: isDefault, fetch: .files(downloads))
    }
}

/// One file to fetch: the publisher's URL and its path inside the mirror.
public struct FeedDownload: Sendable, Hashable {
    public var url: String
    public var localPath: String

    public init(url: String, localPath: String) {
        self.url = url
        self.localPath = localPath
    }
}

/// Every source Hawser syncs, with the publishers' production URLs. OSV is synced through `OSVSync`
/// (the bucket's `ecosystems.txt` says which ecosystems exist, `modified_id.csv` makes later syncs
/// incremental) and NVD through `NVDSync` (paged API).
public enum FeedSources {
    /// OSV ecosystems Hawser has matchers for (`AlmaLinux`/`Rocky Linux` as distro namespaces).
    public static let osvEcosystems = ["PyPI", "npm", "Go", "crates.io", "Maven", "RubyGems", "Packagist", "NuGet", "AlmaLinux", "Rocky Linux"]
    public static let osvBucket = "https://osv-vulnerabilities.storage.googleapis.com"
    public static let debianCodenames = ["bullseye", "bookworm", "trixie"]
    public static let ubuntuCodenames = ["focal", "jammy", "noble"]
    public static let alpineBranches = (2...21).map { "v3.\($0)" } + ["edge"]

    public static let all: [FeedSource] = [
        FeedSource(name: "osv", summary: "OSV per-ecosystem dumps (PyPA, Go, RustSec, GHSA for npm/Maven/…, AlmaLinux, Rocky)", isDefault: true,
                   fetch: .osvBucket),
        FeedSource(name: "debian-oval", summary: "Debian OVAL per release", isDefault: true,
                   downloads: debianCodenames.map {
                       FeedDownload(url: "https://www.debian.org/security/oval/oval-definitions-\($0).xml.bz2",
                                    localPath: "debian/oval/oval-definitions-\($0).xml.bz2")
                   }),
        FeedSource(name: "debian-tracker", summary: "Debian security tracker JSON", isDefault: true,
                   downloads: [FeedDownload(url: "https://security-tracker.debian.org/tracker/data/json", localPath: "debian/tracker.json")]),
        FeedSource(name: "ubuntu-oval", summary: "Ubuntu USN OVAL per release", isDefault: true,
                   downloads: ubuntuCodenames.map {
                       FeedDownload(url: "https://security-metadata.canonical.com/oval/com.ubuntu.\($0).usn.oval.xml.bz2",
                                    localPath: "ubuntu/oval/com.ubuntu.\($0).usn.oval.xml.bz2")
                   }),
        FeedSource(name: "redhat-oval", summary: "Red Hat RHSA OVAL (RHEL 8, 9)", isDefault: true,
                   downloads: ["RHEL8", "RHEL9"].map {
                       FeedDownload(url: "https://www.redhat.com/security/data/oval/com.redhat.rhsa-\($0).xml.bz2",
                                    localPath: "redhat/oval/com.redhat.rhsa-\($0).xml.bz2")
                   }),
        FeedSource(name: "rocky-oval", summary: "Rocky Linux RLSA OVAL (8, 9)", isDefault: true,
                   downloads: ["8", "9"].map {
                       FeedDownload(url: "https://dl.rockylinux.org/pub/oval/org.rockylinux.rlsa-\($0).xml.bz2",
                                    localPath: "rocky/oval/org.rockylinux.rlsa-\($0).xml.bz2")
                   }),
        FeedSource(name: "alpine-secdb", summary: "Alpine secdb per branch and repository", isDefault: true,
                   downloads: alpineBranches.flatMap { branch in
                       ["main", "community"].map {
                           FeedDownload(url: "https://secdb.alpinelinux.org/\(branch)/\($0).json", localPath: "alpine/secdb/\(branch)/\($0).json")
                       }
                   }),
        FeedSource(name: "rubysec", summary: "RubySec ruby-advisory-db (RubyGems, YAML)", isDefault: true,
                   downloads: [FeedDownload(url: "https://github.com/rubysec/ruby-advisory-db/archive/refs/heads/master.tar.gz",
                                            localPath: "native/rubysec-ruby-advisory-db.tar.gz")]),
        FeedSource(name: "friendsofphp", summary: "FriendsOfPHP security-advisories (Packagist, YAML)", isDefault: true,
                   downloads: [FeedDownload(url: "https://github.com/FriendsOfPHP/security-advisories/archive/refs/heads/master.tar.gz",
                                            localPath: "native/friendsofphp-security-advisories.tar.gz")]),
        FeedSource(name: "ghsa", summary: "GitHub advisory-database (OSV form; large, the OSV dumps already carry most of it)", isDefault: false,
                   downloads: [FeedDownload(url: "https://github.com/github/advisory-database/archive/refs/heads/main.tar.gz",
                                            localPath: "github/advisory-database-main.tar.gz")]),
        FeedSource(name: "kev", summary: "CISA Known Exploited Vulnerabilities", isDefault: true,
                   downloads: [FeedDownload(url: "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json",
                                            localPath: "kev/known_exploited_vulnerabilities.json")]),
        FeedSource(name: "epss", summary: "FIRST EPSS scores (daily CSV)", isDefault: true,
                   downloads: [FeedDownload(url: "https://epss.cyentia.com/epss_scores-current.csv.gz", localPath: "epss/epss_scores-current.csv.gz")]),
        FeedSource(name: "nvd", summary: "NVD CVE API 2.0: CVSS and CPE configurations, for CPE matching (slow without NVD_API_KEY)",
                   isDefault: false, fetch: .nvdAPI),
    ]

    public static func named(_ name: String) -> FeedSource? { all.first { $0.name == name } }

    /// Path segments in the bucket are URL-escaped (`Rocky Linux` → `Rocky%20Linux`).
    static func escaped(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? segment
    }
}
