import Foundation
import Model
import Testing
@testable import Feeds

/// Ubuntu's OSV records (security-metadata.canonical.com/osv) through the OSV transformer:
/// `Ubuntu:20.04:LTS` → `ubuntu:20.04`, Pro releases apart, the upstream CVE kept as an alias.
struct UbuntuOSVTests {
    static let folder = DebianFeedFixtures.root + "/samples/ubuntu/vunnel/osv"

    @Test func ubuntuRecordsLandInReleaseNamespacesWithTheirCVE() throws {
        let result = try OSVTransformer().transform(filesAt: Self.folder)
        let wayland = result.records.filter { $0.id == "UBUNTU-CVE-2021-3782" }
        let focal = try #require(wayland.first { $0.namespace == "ubuntu:20.04" })
        #expect(focal.packageName == "wayland")
        #expect(focal.versionFormat == "deb")
        #expect(focal.fixedIn == ["1.18.0-1ubuntu0.1"])
        #expect(focal.aliases == ["CVE-2021-3782"])
        #expect(wayland.contains { $0.namespace == "ubuntu-pro:16.04" && $0.fixedIn == ["1.12.0-1~ubuntu16.04.3+esm1"] })
        #expect(wayland.contains { $0.namespace == "ubuntu:18.04" })
        // The USN record: its CVEs are related vulnerabilities, not itself.
        let usn = try #require(result.records.first { $0.id == "USN-5614-1" })
        #expect(usn.namespace.hasPrefix("ubuntu:"))
        #expect(usn.related == ["UBUNTU-CVE-2021-3782"])
        #expect(usn.aliases.isEmpty)
    }
}
