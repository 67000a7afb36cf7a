/// Maps license names found in package metadata to SPDX identifiers (https://spdx.org/licenses/),
/// only where the mapping is unambiguous; anything else stays a plain name.
enum SPDXLicenses {
    static let known: [String: String] = [
        "mit": "MIT", "mit license": "MIT", "expat": "MIT",
        "apache-2.0": "Apache-2.0", "apache 2.0": "Apache-2.0", "apache license 2.0": "Apache-2.0", "apache software license": "Apache-2.0",
        "apache license, version 2.0": "Apache-2.0", "apache-2": "Apache-2.0", "apache 2": "Apache-2.0",
        "bsd": "BSD-3-Clause", "bsd-3-clause": "BSD-3-Clause", "bsd license": "BSD-3-Clause", "new bsd license": "BSD-3-Clause",
        "bsd-2-clause": "BSD-2-Clause", "isc": "ISC", "isc license": "ISC", "isc license (iscl)": "ISC",
        "mpl-2.0": "MPL-2.0", "mozilla public license 2.0 (mpl 2.0)": "MPL-2.0",
        "gpl-2": "GPL-2.0-only", "gpl-2+": "GPL-2.0-or-later", "gpl-3": "GPL-3.0-only", "gpl-3+": "GPL-3.0-or-later",
        "lgpl-2.1": "LGPL-2.1-only", "lgpl-2.1+": "LGPL-2.1-or-later", "lgpl-3": "LGPL-3.0-only", "lgpl-3+": "LGPL-3.0-or-later",
        "zlib": "Zlib", "psf": "PSF-2.0", "python software foundation license": "PSF-2.0", "hpnd": "HPND",
        "public-domain": "LicenseRef-public-domain", "cc0-1.0": "CC0-1.0", "unlicense": "Unlicense", "0bsd": "0BSD",
        "artistic": "Artistic-1.0-Perl", "curl": "curl", "openssl": "OpenSSL",
    ]

    static func identifier(_ name: String) -> String? {
        let id = known[name.lowercased().trimmingSpaces]
        return id?.hasPrefix("LicenseRef-") == true ? nil : id
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
