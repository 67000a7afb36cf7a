/// Every gate, trigger and parameter a policy bundle may name: anchore-engine's gates
/// (`policy_engine/engine/policy/gates/*.py`), the Enterprise additions Hawser implements
/// (`distro`, `tag_drift`, `vulnerabilities.kev_list`/`epss`) and the end-of-life gates of
/// anchore-engine's `gates/eol` (listed so a bundle naming one gets "end-of-life", not "unknown gate").
///
/// Parameter values arrive as strings; `ParameterSpec.kind` says how each is parsed.
public enum GateCatalog {
    /// All gates: active ones first, in the order `GET /system/policy_spec` lists them, then the EOL gates.
    public static let gates: [GateSpec] = [
        always,
        dockerfile,
        files,
        passwdFile,
        packages,
        vulnerabilities,
        licenses,
        rubyGems,
        npms,
        secretScans,
        retrievedFiles,
        metadata,
        malware,
        distro,
        tagDrift,
    ] + eolGates

    /// The gate named `name`, compared case-insensitively (Anchore matches gate names that way).
    public static func gate(_ name: String) -> GateSpec? {
        let wanted = name.lowercased()
        return gates.first { $0.name.lowercased() == wanted }
    }

    // MARK: - Shared value lists

    /// Comparison operators of the numeric and severity comparisons.
    static let comparisonOperators: [String] = ["=", "!=", "<", ">", "<=", ">="]
    /// Severities from lowest to highest.
    static let severities: [String] = ["unknown", "negligible", "low", "medium", "high", "critical"]
    /// Package classes a vulnerability trigger can be limited to.
    static let packageTypes: [String] = ["all", "os", "non-os"]
    /// Dockerfile instructions the `dockerfile.instruction` trigger can check.
    static let dockerfileInstructions: [String] = [
        "ADD", "ARG", "COPY", "CMD", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
        "MAINTAINER", "ONBUILD", "USER", "RUN", "SHELL", "STOPSIGNAL", "VOLUME", "WORKDIR",
    ]
    /// Checks of `dockerfile.instruction`.
    static let instructionChecks: [String] = ["=", "!=", "exists", "not_exists", "like", "not_like", "in", "not_in"]
    /// Checks of `metadata.attribute`.
    static let attributeChecks: [String] = [
        "=", "!=", ">", "<", ">=", "<=", "exists", "not_exists", "like", "not_like", "in", "not_in",
    ]
    /// Image attributes `metadata.attribute` can check.
    static let imageAttributes: [String] = [
        "size", "architecture", "os_type", "distro", "distro_version", "like_distro", "layer_count",
    ]
    static let listTypes: [String] = ["whitelist", "blacklist"]
    static let equalityOps: [String] = ["equals", "not_equals"]

    // MARK: - always

    static let always = GateSpec(
        name: "always",
        description: "Fires unconditionally, for rules that should apply to every image a mapping selects.",
        triggers: [
            TriggerSpec(
                name: "always",
                description: "Fires exactly once for every evaluated image (trigger id `always`)."
            ),
        ]
    )

    // MARK: - dockerfile

    static let actualDockerfileOnly = ParameterSpec(
        name: "actual_dockerfile_only",
        description: "When true, only checks a Dockerfile supplied with the image, not one reconstructed from the image history.",
        kind: .bool,
        example: "true"
    )

    static let dockerfile = GateSpec(
        name: "dockerfile",
        description: "Checks the image's Dockerfile, supplied at analysis or reconstructed from the image history.",
        triggers: [
            TriggerSpec(
                name: "instruction",
                description: "Fires when a Dockerfile instruction's presence or arguments meet the given check.",
                parameters: [
                    ParameterSpec(
                        name: "instruction",
                        description: "The Dockerfile instruction to examine.",
                        kind: .oneOf(dockerfileInstructions),
                        required: true,
                        example: "FROM"
                    ),
                    ParameterSpec(
                        name: "check",
                        description: "How the instruction's arguments are compared with value, or whether the instruction must exist.",
                        kind: .oneOf(instructionChecks),
                        required: true,
                        example: "="
                    ),
                    ParameterSpec(
                        name: "value",
                        description: "The value the instruction's arguments are compared with (a regex for like/not_like, a comma list for in/not_in).",
                        kind: .string,
                        example: "scratch"
                    ),
                    actualDockerfileOnly,
                ]
            ),
            TriggerSpec(
                name: "effective_user",
                description: "Fires when the user the container runs as is on the blacklist or missing from the whitelist.",
                parameters: [
                    ParameterSpec(
                        name: "users",
                        description: "User names to compare the effective user with.",
                        kind: .csv,
                        required: true,
                        example: "root,docker"
                    ),
                    ParameterSpec(
                        name: "type",
                        description: "Whether the users listed are the only ones allowed (whitelist) or the ones refused (blacklist).",
                        kind: .oneOf(listTypes),
                        required: true,
                        example: "blacklist"
                    ),
                ]
            ),
            TriggerSpec(
                name: "exposed_ports",
                description: "Fires for each port the Dockerfile EXPOSEs that is on the blacklist or missing from the whitelist.",
                parameters: [
                    ParameterSpec(
                        name: "ports",
                        description: "Port numbers to compare the exposed ports with.",
                        kind: .csvInt,
                        required: true,
                        example: "80,8080,8088"
                    ),
                    ParameterSpec(
                        name: "type",
                        description: "Whether the ports listed are the only ones allowed (whitelist) or the ones refused (blacklist).",
                        kind: .oneOf(listTypes),
                        required: true,
                        example: "blacklist"
                    ),
                    actualDockerfileOnly,
                ]
            ),
            TriggerSpec(
                name: "no_dockerfile_provided",
                description: "Fires when the image was analyzed without a real Dockerfile, so Dockerfile checks use a reconstructed one."
            ),
        ]
    )

    // MARK: - files

    static let files = GateSpec(
        name: "files",
        description: "Checks the files in the image: names, attributes, content matches and setuid/setgid bits.",
        triggers: [
            TriggerSpec(
                name: "content_regex_match",
                description: "Fires for each file whose content matched one of the analyzer's content_search regexes.",
                parameters: [
                    ParameterSpec(
                        name: "regex_name",
                        description: "Only report matches of the content_search regex with this name (all matches when absent).",
                        kind: .string,
                        example: ".*password.*"
                    ),
                ]
            ),
            TriggerSpec(
                name: "name_match",
                description: "Fires for each file in the image whose full path matches the regex.",
                parameters: [
                    ParameterSpec(
                        name: "regex",
                        description: "Regular expression matched against each file's full path.",
                        kind: .regex,
                        required: true,
                        example: ".*\\.pem"
                    ),
                ]
            ),
            TriggerSpec(
                name: "attribute_match",
                description: "Fires when the named file's checksum or mode meets the given comparisons.",
                parameters: [
                    ParameterSpec(
                        name: "filename",
                        description: "Full path of the file whose attributes are checked.",
                        kind: .string,
                        required: true,
                        example: "/etc/passwd"
                    ),
                    ParameterSpec(
                        name: "checksum_algorithm",
                        description: "The digest algorithm the checksum parameter is written in.",
                        kind: .oneOf(["sha256"]),
                        example: "sha256"
                    ),
                    ParameterSpec(
                        name: "checksum",
                        description: "The hex digest compared with the file's digest.",
                        kind: .string,
                        example: "832cd0f75b227d13aac82b1f70b7f90191a4186c151f9db50851d209c45ede11"
                    ),
                    ParameterSpec(
                        name: "checksum_match",
                        description: "Whether the file's digest must equal or differ from checksum for the trigger to fire.",
                        kind: .oneOf(equalityOps),
                        example: "equals"
                    ),
                    ParameterSpec(
                        name: "mode",
                        description: "The octal file mode compared with the file's mode.",
                        kind: .string,
                        example: "00644"
                    ),
                    ParameterSpec(
                        name: "mode_op",
                        description: "Whether the file's mode must equal or differ from mode for the trigger to fire.",
                        kind: .oneOf(equalityOps),
                        example: "equals"
                    ),
                    ParameterSpec(
                        name: "skip_missing",
                        description: "When true, a file absent from the image does not fire the trigger.",
                        kind: .bool,
                        example: "true"
                    ),
                ]
            ),
            TriggerSpec(
                name: "suid_or_guid_set",
                description: "Fires for each file in the image with the setuid or setgid bit set."
            ),
        ]
    )

    // MARK: - passwd_file

    static let passwdFile = GateSpec(
        name: "passwd_file",
        description: "Checks the entries of the image's /etc/passwd file.",
        triggers: [
            TriggerSpec(
                name: "content_not_available",
                description: "Fires when /etc/passwd was not found or not stored during analysis."
            ),
            TriggerSpec(
                name: "blacklist_usernames",
                description: "Fires for each listed user name that has an entry in /etc/passwd.",
                parameters: [
                    ParameterSpec(
                        name: "user_names",
                        description: "User names that must not appear in /etc/passwd.",
                        kind: .csv,
                        required: true,
                        example: "daemon,ftp"
                    ),
                ]
            ),
            TriggerSpec(
                name: "blacklist_userids",
                description: "Fires for each listed numeric user id that has an entry in /etc/passwd.",
                parameters: [
                    ParameterSpec(
                        name: "user_ids",
                        description: "Numeric user ids that must not appear in /etc/passwd.",
                        kind: .csvInt,
                        required: true,
                        example: "0,1"
                    ),
                ]
            ),
            TriggerSpec(
                name: "blacklist_groupids",
                description: "Fires for each listed numeric group id used as a primary group in /etc/passwd.",
                parameters: [
                    ParameterSpec(
                        name: "group_ids",
                        description: "Numeric group ids that must not appear in /etc/passwd.",
                        kind: .csvInt,
                        required: true,
                        example: "999,20"
                    ),
                ]
            ),
            TriggerSpec(
                name: "blacklist_shells",
                description: "Fires for each /etc/passwd entry whose login shell is one of the listed shells.",
                parameters: [
                    ParameterSpec(
                        name: "shells",
                        description: "Login shell paths that no user may have.",
                        kind: .csv,
                        required: true,
                        example: "/bin/bash,/bin/zsh"
                    ),
                ]
            ),
            TriggerSpec(
                name: "blacklist_full_entry",
                description: "Fires when /etc/passwd contains exactly the given entry.",
                parameters: [
                    ParameterSpec(
                        name: "entry",
                        description: "A complete passwd line that must not be present.",
                        kind: .string,
                        required: true,
                        example: "ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin"
                    ),
                ]
            ),
        ]
    )

    // MARK: - packages

    static let packages = GateSpec(
        name: "packages",
        description: "Checks the distribution (OS) packages installed in the image.",
        triggers: [
            TriggerSpec(
                name: "required_package",
                description: "Fires when the named package, or the required version of it, is not installed.",
                parameters: [
                    ParameterSpec(
                        name: "name",
                        description: "Name of the package that must be installed.",
                        kind: .string,
                        required: true,
                        example: "libssl"
                    ),
                    ParameterSpec(
                        name: "version",
                        description: "Version the installed package must have (any version when absent).",
                        kind: .string,
                        example: "1.10.3rc3"
                    ),
                    ParameterSpec(
                        name: "version_match_type",
                        description: "Whether the installed version must equal version or be at least version.",
                        kind: .oneOf(["exact", "minimum"]),
                        example: "exact"
                    ),
                ]
            ),
            TriggerSpec(
                name: "verify",
                description: "Fires for each file owned by a package that was changed or removed since the package installed it.",
                parameters: [
                    ParameterSpec(
                        name: "only_packages",
                        description: "Only verify files of these packages (all packages when absent).",
                        kind: .csv,
                        example: "libssl,openssl"
                    ),
                    ParameterSpec(
                        name: "only_directories",
                        description: "Only verify files under these directories (all directories when absent).",
                        kind: .csv,
                        example: "/usr,/var/lib"
                    ),
                    ParameterSpec(
                        name: "check",
                        description: "Only report files that were changed or only files that are missing (both when absent).",
                        kind: .oneOf(["changed", "missing"]),
                        example: "changed"
                    ),
                ]
            ),
            TriggerSpec(
                name: "blacklist",
                description: "Fires when the named package, optionally at the given version, is installed.",
                parameters: [
                    ParameterSpec(
                        name: "name",
                        description: "Name of the package that must not be installed.",
                        kind: .string,
                        required: true,
                        example: "openssh-server"
                    ),
                    ParameterSpec(
                        name: "version",
                        description: "Only refuse this exact version of the package (any version when absent).",
                        kind: .string,
                        example: "1.0.1"
                    ),
                ]
            ),
        ]
    )

    // MARK: - vulnerabilities

    static let vulnerabilityPackageType = ParameterSpec(
        name: "package_type",
        description: "Only consider vulnerabilities of OS packages, of non-OS packages, or of all packages.",
        kind: .oneOf(packageTypes),
        example: "all"
    )

    static let vulnerabilities = GateSpec(
        name: "vulnerabilities",
        description: "Checks the vulnerabilities matched to the image's packages and the freshness of the vulnerability data.",
        triggers: [
            TriggerSpec(
                name: "package",
                description: "Fires for each vulnerability of an installed package that meets all the given criteria.",
                parameters: [
                    ParameterSpec(
                        name: "package_type",
                        description: "Only consider vulnerabilities of OS packages, of non-OS packages, or of all packages.",
                        kind: .oneOf(packageTypes),
                        required: true,
                        example: "all"
                    ),
                    ParameterSpec(
                        name: "severity_comparison",
                        description: "How a vulnerability's severity is compared with severity.",
                        kind: .oneOf(comparisonOperators),
                        example: ">"
                    ),
                    ParameterSpec(
                        name: "severity",
                        description: "The severity a vulnerability's severity is compared with.",
                        kind: .oneOf(severities),
                        example: "high"
                    ),
                    ParameterSpec(
                        name: "cvss_v3_base_score_comparison",
                        description: "How the highest NVD CVSS v3 base score is compared with cvss_v3_base_score.",
                        kind: .oneOf(comparisonOperators),
                        example: ">"
                    ),
                    ParameterSpec(
                        name: "cvss_v3_base_score",
                        description: "The NVD CVSS v3 base score a vulnerability's score is compared with.",
                        kind: .float,
                        example: "5.0"
                    ),
                    ParameterSpec(
                        name: "cvss_v3_exploitability_score_comparison",
                        description: "How the highest NVD CVSS v3 exploitability sub-score is compared with cvss_v3_exploitability_score.",
                        kind: .oneOf(comparisonOperators),
                        example: ">"
                    ),
                    ParameterSpec(
                        name: "cvss_v3_exploitability_score",
                        description: "The NVD CVSS v3 exploitability sub-score a vulnerability's score is compared with.",
                        kind: .float,
                        example: "5.0"
                    ),
                    ParameterSpec(
                        name: "cvss_v3_impact_score_comparison",
                        description: "How the highest NVD CVSS v3 impact sub-score is compared with cvss_v3_impact_score.",
                        kind: .oneOf(comparisonOperators),
                        example: ">"
                    ),
                    ParameterSpec(
                        name: "cvss_v3_impact_score",
                        description: "The NVD CVSS v3 impact sub-score a vulnerability's score is compared with.",
                        kind: .float,
                        example: "5.0"
                    ),
                    ParameterSpec(
                        name: "fix_available",
                        description: "When set, only vulnerabilities whose fix availability equals this value fire.",
                        kind: .bool,
                        example: "true"
                    ),
                    ParameterSpec(
                        name: "vendor_only",
                        description: "When true (the default), vulnerabilities the distribution vendor marked as won't-fix are skipped.",
                        kind: .bool,
                        example: "true"
                    ),
                    ParameterSpec(
                        name: "max_days_since_creation",
                        description: "Only vulnerabilities recorded more than this many days ago fire.",
                        kind: .int,
                        example: "7"
                    ),
                    ParameterSpec(
                        name: "max_days_since_fix",
                        description: "Only vulnerabilities whose fix was first seen more than this many days ago fire (used only with fix_available=true).",
                        kind: .int,
                        example: "30"
                    ),
                    ParameterSpec(
                        name: "vendor_cvss_v3_base_score_comparison",
                        description: "How the highest vendor CVSS v3 base score is compared with vendor_cvss_v3_base_score.",
                        kind: .oneOf(comparisonOperators),
                        example: ">"
                    ),
                    ParameterSpec(
                        name: "vendor_cvss_v3_base_score",
                        description: "The vendor CVSS v3 base score a vulnerability's score is compared with.",
                        kind: .float,
                        example: "5.0"
                    ),
                    ParameterSpec(
                        name: "vendor_cvss_v3_exploitability_score_comparison",
                        description: "How the highest vendor CVSS v3 exploitability sub-score is compared with vendor_cvss_v3_exploitability_score.",
                        kind: .oneOf(comparisonOperators),
                        example: ">"
                    ),
                    ParameterSpec(
                        name: "vendor_cvss_v3_exploitability_score",
                        description: "The vendor CVSS v3 exploitability sub-score a vulnerability's score is compared with.",
                        kind: .float,
                        example: "5.0"
                    ),
                    ParameterSpec(
                        name: "vendor_cvss_v3_impact_score_comparison",
                        description: "How the highest vendor CVSS v3 impact sub-score is compared with vendor_cvss_v3_impact_score.",
                        kind: .oneOf(comparisonOperators),
                        example: ">"
                    ),
                    ParameterSpec(
                        name: "vendor_cvss_v3_impact_score",
                        description: "The vendor CVSS v3 impact sub-score a vulnerability's score is compared with.",
                        kind: .float,
                        example: "5.0"
                    ),
                    ParameterSpec(
                        name: "package_path_exclude",
                        description: "Regular expression; vulnerabilities of packages whose path matches it are skipped.",
                        kind: .regex,
                        example: ".*test\\.jar"
                    ),
                ]
            ),
            TriggerSpec(
                name: "stale_feed_data",
                description: "Fires when the vulnerability data was last synced longer ago than the allowed number of days.",
                parameters: [
                    ParameterSpec(
                        name: "max_days_since_sync",
                        description: "How many days since the last successful vulnerability data sync are tolerated.",
                        kind: .int,
                        required: true,
                        example: "10"
                    ),
                ]
            ),
            TriggerSpec(
                name: "vulnerability_data_unavailable",
                description: "Fires when there is no vulnerability data for the image's distribution, so OS packages cannot be checked."
            ),
            TriggerSpec(
                name: "blacklist",
                description: "Fires for each listed vulnerability id found in the image.",
                parameters: [
                    ParameterSpec(
                        name: "vulnerability_ids",
                        description: "Vulnerability ids (CVE, GHSA, ...) that must not be present.",
                        kind: .csv,
                        required: true,
                        example: "CVE-2019-1234,CVE-2021-44228"
                    ),
                    ParameterSpec(
                        name: "vendor_only",
                        description: "When true, listed vulnerabilities the vendor marked as won't-fix are skipped.",
                        kind: .bool,
                        example: "true"
                    ),
                ]
            ),
            TriggerSpec(
                name: "kev_list",
                description: "Fires for each vulnerability in the image that is on CISA's Known Exploited Vulnerabilities list.",
                parameters: [vulnerabilityPackageType]
            ),
            TriggerSpec(
                name: "epss",
                description: "Fires for each vulnerability in the image whose EPSS exploit-probability score or percentile reaches the threshold.",
                parameters: [
                    ParameterSpec(
                        name: "score_threshold",
                        description: "EPSS probability, from 0 to 1, at or above which a vulnerability fires.",
                        kind: .float,
                        required: true,
                        example: "0.5"
                    ),
                    ParameterSpec(
                        name: "percentile_threshold",
                        description: "EPSS percentile, from 0 to 1, at or above which a vulnerability fires.",
                        kind: .float,
                        example: "0.95"
                    ),
                    vulnerabilityPackageType,
                ]
            ),
        ]
    )

    // MARK: - licenses

    static let licenses = GateSpec(
        name: "licenses",
        description: "Checks the licenses declared by the packages installed in the image.",
        triggers: [
            TriggerSpec(
                name: "blacklist_exact_match",
                description: "Fires for each package whose license is exactly one of the listed licenses.",
                parameters: [
                    ParameterSpec(
                        name: "licenses",
                        description: "License names that no package may be distributed under.",
                        kind: .csv,
                        required: true,
                        example: "GPLv2+,GPL-3+,BSD-2-clause"
                    ),
                ]
            ),
            TriggerSpec(
                name: "blacklist_partial_match",
                description: "Fires for each package whose license contains one of the listed strings.",
                parameters: [
                    ParameterSpec(
                        name: "licenses",
                        description: "License name fragments that no package license may contain.",
                        kind: .csv,
                        required: true,
                        example: "LGPL,BSD"
                    ),
                ]
            ),
        ]
    )

    // MARK: - ruby_gems

    static let rubyGems = GateSpec(
        name: "ruby_gems",
        description: "Checks the Ruby gems installed in the image.",
        triggers: [
            TriggerSpec(
                name: "newer_version_found_in_feed",
                description: "Fires for each gem older than the newest version in the gems feed (needs the packages feed, which Hawser does not have).",
                state: .deprecated
            ),
            TriggerSpec(
                name: "not_found_in_feed",
                description: "Fires for each gem absent from the official gems feed (needs the packages feed, which Hawser does not have).",
                state: .deprecated
            ),
            TriggerSpec(
                name: "version_not_found_in_feed",
                description: "Fires for each gem whose installed version is not listed in the gems feed (needs the packages feed, which Hawser does not have).",
                state: .deprecated
            ),
            TriggerSpec(
                name: "blacklist",
                description: "Fires when the named gem, optionally at the given version, is installed.",
                parameters: [
                    ParameterSpec(
                        name: "name",
                        description: "Name of the gem that must not be installed.",
                        kind: .string,
                        required: true,
                        example: "time_diff"
                    ),
                    ParameterSpec(
                        name: "version",
                        description: "Only refuse this exact version of the gem (any version when absent).",
                        kind: .string,
                        example: "0.2.9"
                    ),
                ]
            ),
            TriggerSpec(
                name: "feed_data_unavailable",
                description: "Fires when the image has gems but the gems feed is not available (needs the packages feed, which Hawser does not have).",
                state: .deprecated
            ),
        ]
    )

    // MARK: - npms

    static let npms = GateSpec(
        name: "npms",
        description: "Checks the NPM packages installed in the image.",
        triggers: [
            TriggerSpec(
                name: "newer_version_in_feed",
                description: "Fires for each NPM package older than the newest version in the npm feed (needs the packages feed, which Hawser does not have).",
                state: .deprecated
            ),
            TriggerSpec(
                name: "unknown_in_feeds",
                description: "Fires for each NPM package absent from the npm feed (needs the packages feed, which Hawser does not have).",
                state: .deprecated
            ),
            TriggerSpec(
                name: "version_not_in_feeds",
                description: "Fires for each NPM package whose installed version is not listed in the npm feed (needs the packages feed, which Hawser does not have).",
                state: .deprecated
            ),
            TriggerSpec(
                name: "blacklisted_name_version",
                description: "Fires when the named NPM package, optionally at the given version, is installed.",
                parameters: [
                    ParameterSpec(
                        name: "name",
                        description: "Name of the NPM package that must not be installed.",
                        kind: .string,
                        required: true,
                        example: "time_diff"
                    ),
                    ParameterSpec(
                        name: "version",
                        description: "Only refuse this exact version of the package (any version when absent).",
                        kind: .string,
                        example: "0.2.9"
                    ),
                ]
            ),
            TriggerSpec(
                name: "feed_data_unavailable",
                description: "Fires when the image has NPM packages but the npm feed is not available (needs the packages feed, which Hawser does not have).",
                state: .deprecated
            ),
        ]
    )

    // MARK: - secret_scans

    static let secretScans = GateSpec(
        name: "secret_scans",
        description: "Checks the secrets found in image files by the analyzer's named secret_search regexes.",
        triggers: [
            TriggerSpec(
                name: "content_regex_checks",
                description: "Fires for each secret match found, or once when none is found, filtered by regex name and file name.",
                parameters: [
                    ParameterSpec(
                        name: "content_regex_name",
                        description: "Only consider matches of the secret_search regex with this name (defaults: AWS_ACCESS_KEY, AWS_SECRET_KEY, PRIV_KEY, DOCKER_AUTH, API_KEY).",
                        kind: .string,
                        example: "AWS_ACCESS_KEY"
                    ),
                    ParameterSpec(
                        name: "filename_regex",
                        description: "Regular expression; only matches in files whose path matches it are considered.",
                        kind: .regex,
                        example: "/etc/.*"
                    ),
                    ParameterSpec(
                        name: "match_type",
                        description: "Fire when a match is found (the default) or when no match is found.",
                        kind: .oneOf(["notfound", "found"]),
                        example: "found"
                    ),
                ]
            ),
        ]
    )

    // MARK: - retrieved_files

    static let retrievedFilePath = ParameterSpec(
        name: "path",
        description: "Full path of a file the analyzer was configured to retrieve.",
        kind: .string,
        required: true,
        example: "/etc/httpd.conf"
    )

    static let retrievedFiles = GateSpec(
        name: "retrieved_files",
        description: "Checks the presence and content of files the analyzer retrieved from the image.",
        triggers: [
            TriggerSpec(
                name: "content_not_available",
                description: "Fires when the given file was not retrieved and stored during analysis.",
                parameters: [retrievedFilePath]
            ),
            TriggerSpec(
                name: "content_regex",
                description: "Fires when a line of the retrieved file matches, or no line matches, the regex.",
                parameters: [
                    retrievedFilePath,
                    ParameterSpec(
                        name: "check",
                        description: "Fire when some line matches the regex (match) or when none does (no_match).",
                        kind: .oneOf(["match", "no_match"]),
                        required: true,
                        example: "match"
                    ),
                    ParameterSpec(
                        name: "regex",
                        description: "Regular expression matched against each line of the file.",
                        kind: .regex,
                        required: true,
                        example: ".*SSLEnabled.*"
                    ),
                ]
            ),
        ]
    )

    // MARK: - metadata

    static let metadata = GateSpec(
        name: "metadata",
        description: "Checks image metadata gathered during analysis, such as size, architecture and distribution.",
        triggers: [
            TriggerSpec(
                name: "attribute",
                description: "Fires when the named image attribute meets the given check against value.",
                parameters: [
                    ParameterSpec(
                        name: "attribute",
                        description: "The image attribute to check.",
                        kind: .oneOf(imageAttributes),
                        required: true,
                        example: "size"
                    ),
                    ParameterSpec(
                        name: "check",
                        description: "How the attribute is compared with value, or whether it must exist.",
                        kind: .oneOf(attributeChecks),
                        required: true,
                        example: ">"
                    ),
                    ParameterSpec(
                        name: "value",
                        description: "The value the attribute is compared with.",
                        kind: .string,
                        example: "1073741824"
                    ),
                ]
            ),
        ]
    )

    // MARK: - malware

    static let malware = GateSpec(
        name: "malware",
        description: "Checks the results of the malware (ClamAV) scan run during analysis.",
        triggers: [
            TriggerSpec(
                name: "scans",
                description: "Fires for each file the malware scan reported as infected."
            ),
            TriggerSpec(
                name: "scan_not_run",
                description: "Fires when no malware scan was run for the image."
            ),
        ]
    )

    // MARK: - Enterprise additions

    static let distro = GateSpec(
        name: "distro",
        description: "Checks the image's operating system distribution and its version.",
        triggers: [
            TriggerSpec(
                name: "deny",
                description: "Fires when the image's distribution is the named one and its version meets the given comparison.",
                parameters: [
                    ParameterSpec(
                        name: "distro",
                        description: "Distribution name as detected in the image (e.g. debian, ubuntu, alpine, rhel).",
                        kind: .string,
                        required: true,
                        example: "centos"
                    ),
                    ParameterSpec(
                        name: "version",
                        description: "The distribution version the image's version is compared with.",
                        kind: .string,
                        required: true,
                        example: "8"
                    ),
                    ParameterSpec(
                        name: "check",
                        description: "How the image's distribution version is compared with version.",
                        kind: .oneOf(comparisonOperators),
                        required: true,
                        example: "<="
                    ),
                ]
            ),
        ]
    )

    static let tagDriftPackageType = ParameterSpec(
        name: "package_type",
        description: "Only consider OS packages, non-OS packages, or all packages (the default).",
        kind: .oneOf(packageTypes),
        example: "all"
    )

    static let tagDrift = GateSpec(
        name: "tag_drift",
        description: "Compares the image's packages with those of the image the same tag pointed to before.",
        triggers: [
            TriggerSpec(
                name: "packages_added",
                description: "Fires for each package present in the image but not in the tag's previous image.",
                parameters: [tagDriftPackageType]
            ),
            TriggerSpec(
                name: "packages_removed",
                description: "Fires for each package present in the tag's previous image but not in this one.",
                parameters: [tagDriftPackageType]
            ),
            TriggerSpec(
                name: "packages_modified",
                description: "Fires for each package whose version differs from the one in the tag's previous image.",
                parameters: [tagDriftPackageType]
            ),
        ]
    )

    // MARK: - End-of-life gates (anchore-engine `gates/eol`)

    static let eolGates: [GateSpec] = [
        GateSpec(
            name: "anchoresec",
            description: "Former vulnerability checks of distribution packages; end-of-life, use vulnerabilities.",
            state: .eol,
            supersededBy: "vulnerabilities",
            triggers: []
        ),
        GateSpec(
            name: "pkgcheck",
            description: "Former distribution package presence and integrity checks; end-of-life, use packages.",
            state: .eol,
            supersededBy: "packages",
            triggers: []
        ),
        GateSpec(
            name: "dockerfilecheck",
            description: "Former Dockerfile instruction checks; end-of-life, use dockerfile.",
            state: .eol,
            supersededBy: "dockerfile",
            triggers: []
        ),
        GateSpec(
            name: "filecheck",
            description: "Former file name, content and setuid checks; end-of-life, use files.",
            state: .eol,
            supersededBy: "files",
            triggers: []
        ),
        GateSpec(
            name: "fileparse_passwd",
            description: "Former /etc/passwd content checks; end-of-life, use passwd_file.",
            state: .eol,
            supersededBy: "passwd_file",
            triggers: []
        ),
        GateSpec(
            name: "gemcheck",
            description: "Former Ruby gem checks; end-of-life, use ruby_gems.",
            state: .eol,
            supersededBy: "ruby_gems",
            triggers: []
        ),
        GateSpec(
            name: "npmcheck",
            description: "Former NPM package checks; end-of-life, use npms.",
            state: .eol,
            supersededBy: "npms",
            triggers: []
        ),
        GateSpec(
            name: "metadatacheck",
            description: "Former image metadata attribute checks; end-of-life, use metadata.",
            state: .eol,
            supersededBy: "metadata",
            triggers: []
        ),
        GateSpec(
            name: "licblacklist",
            description: "Former package license blacklists; end-of-life, use licenses.",
            state: .eol,
            supersededBy: "licenses",
            triggers: []
        ),
        GateSpec(
            name: "pkgblacklist",
            description: "Former distribution package blacklists; end-of-life, use packages.",
            state: .eol,
            supersededBy: "packages",
            triggers: []
        ),
        GateSpec(
            name: "secretcheck",
            description: "Former secret content and file name checks; end-of-life, use secret_scans.",
            state: .eol,
            supersededBy: "secret_scans",
            triggers: []
        ),
        GateSpec(
            name: "suiddiff",
            description: "Former comparison of setuid files with the base image; end-of-life with no direct replacement.",
            state: .eol,
            triggers: []
        ),
        GateSpec(
            name: "imagecheck",
            description: "Former check that the base image was updated since the build; end-of-life with no direct replacement.",
            state: .eol,
            triggers: []
        ),
        GateSpec(
            name: "pkgdiff",
            description: "Former comparison of distribution packages with the base image; end-of-life with no direct replacement.",
            state: .eol,
            triggers: []
        ),
    ]
}
