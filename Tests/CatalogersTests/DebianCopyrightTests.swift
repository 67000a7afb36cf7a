import Catalogers
import Foundation
import Model
import TestSupport
import Testing

/// Licenses read from `/usr/share/doc/<package>/copyright` (syft TestParseLicensesFromCopyright, fixtures `dpkg/copyright`).
@Suite struct DebianCopyrightTests {
    static let packages = ["cuda", "dev-kit", "libaudit-common", "libc6", "liblzma5", "microsoft", "python", "trilicense"]

    /// A status file listing one package per copyright fixture, with every copyright file at its canonical path.
    static func catalog() throws -> [String: [String]] {
        let root = try TestRoot()
        defer { root.remove() }
        var status = ""
        for name in packages {
            status += "Package: \(name)\nStatus: install ok installed\nArchitecture: all\nVersion: 1.0\n\n"
            try root.copy(fixture: "dpkg/copyright/usr/share/doc/\(name)/copyright", to: "/usr/share/doc/\(name)/copyright")
        }
        try root.write("/var/lib/dpkg/status", status)
        let result = DpkgCataloger().catalog(try root.resolver())
        return Dictionary(uniqueKeysWithValues: result.packages.map { ($0.name, $0.licenses) })
    }

    @Test func everyPackageRecordsItsCopyrightFile() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/var/lib/dpkg/status", "Package: liblzma5\nStatus: install ok installed\nVersion: 5.4.1-0.2\n")
        try root.copy(fixture: "dpkg/copyright/usr/share/doc/liblzma5/copyright", to: "/usr/share/doc/liblzma5/copyright")
        let package = try #require(DpkgCataloger().catalog(try root.resolver()).package("liblzma5"))
        #expect(package.locations.map(\.path) == ["/var/lib/dpkg/status", "/usr/share/doc/liblzma5/copyright"])
    }

    /// Machine-readable (DEP-5) files: every `License:` short name and every `/usr/share/common-licenses/<name>`
    /// reference, without `none` (Syft's expected sets).
    @Test(arguments: [
        ("liblzma5", ["Autoconf", "GPL-2", "GPL-2+", "GPL-3", "LGPL-2", "LGPL-2.1", "LGPL-2.1+", "PD", "PD-debian", "config-h",
                      "noderivs", "permissive-fsf", "permissive-nowarranty", "probably-PD"]),
        ("libaudit-common", ["GPL-1", "GPL-2", "LGPL-2.1"]),
    ])
    func machineReadableCopyright(_ name: String, _ expected: [String]) throws {
        let licenses = try Self.catalog()[name]
        #expect(licenses?.sorted() == expected)
    }

    /// Proprietary license texts with no `License:` field and no common-licenses reference give nothing.
    @Test(arguments: ["cuda", "dev-kit", "microsoft"])
    func proprietaryTextGivesNoLicense(_ name: String) throws {
        #expect(try Self.catalog()[name] == [])
    }

    /// Hawser's documented fallback for files that are not DEP-5: the common-licenses files they point to.
    /// (Syft reads only DEP-5 files and reports nothing for libc6.)
    @Test func freeFormCopyrightFallsBackToCommonLicenses() throws {
        #expect(try Self.catalog()["libc6"]?.sorted() == ["GPL-2", "LGPL-2.1"])
    }

    /// `License: MPL-1.1 or GPL-2 or LGPL-2.1` is split into its names. (Syft ignores this non-DEP-5 file.)
    @Test func alternativesAreSplit() throws {
        #expect(try Self.catalog()["trilicense"]?.sorted() == ["GPL-2", "LGPL-2.1", "MPL-1.1"])
    }

    /// python's copyright is free text with `License:` lines holding sentences (`License: # Licensed to PSF …`,
    /// `License: This software is provided 'as-is' …`). Syft reports nothing for it; no sentence may become a license.
    @Test func freeTextLicenseLinesAreNotLicenses() throws {
        let licenses = try #require(try Self.catalog()["python"])
        let sentences = licenses.filter { $0.contains(" ") || $0.hasPrefix("#") }
        #expect(sentences == [])
    }
}
