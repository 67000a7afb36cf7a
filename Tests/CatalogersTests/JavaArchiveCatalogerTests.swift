@testable import Catalogers
import Cataloging
import Foundation
import Model
import TestSupport
import Testing

/// Java archives built from `fixtures/java/jar-metadata/*` (syft Test_parseJavaArchive_regressions and
/// Test_deterministicMatchingPomProperties), the corrupt jar, nested archives and manifest parsing.
@Suite struct JavaArchiveCatalogerTests {
    let cataloger = JavaArchiveCataloger()

    /// Zips a jar-metadata fixture to `/opt/app/lib/<fileName>` in a temporary root and catalogs the root.
    func catalogJar(_ fixture: String, named fileName: String) throws -> JarCatalog {
        let root = try TestRoot()
        defer { root.remove() }
        let path = "/opt/app/lib/" + fileName
        try JarBuilder.jar(metadata: fixture, at: path, in: root)
        return JarCatalog(result: cataloger.catalog(try root.resolver()), path: path)
    }

    /// What the cataloger found in one jar, and where the jar was.
    struct JarCatalog {
        var result: CatalogResult
        var path: String
    }

    /// syft issue #2130: jackson-core 2.15.2 appears once, with its Maven coordinates, whatever the jar is called.
    @Test(.enabled(if: JarBuilder.isAvailable, "needs the zip tool"),
          arguments: [("jackson-core-2.15.2", "jackson-core-2.15.2.jar"),
                      ("com.fasterxml.jackson.core.jackson-core-2.15.2", "com.fasterxml.jackson.core.jackson-core-2.15.2.jar")])
    func jacksonCoreOnce(_ fixture: String, _ fileName: String) throws {
        let catalog = try catalogJar(fixture, named: fileName)
        #expect(catalog.result.nameVersions == ["jackson-core@2.15.2"])
        let jackson = try #require(catalog.result.packages.first)
        #expect(jackson.purl == "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.15.2")
        #expect(jackson.licenses == ["https://www.apache.org/licenses/LICENSE-2.0.txt"])
    }

    /// The same jar's manifest fields, as read (name-independent).
    @Test(.enabled(if: JarBuilder.isAvailable, "needs the zip tool"))
    func jacksonCoreManifestAndLocation() throws {
        let catalog = try catalogJar("jackson-core-2.15.2", named: "jackson-core-2.15.2.jar")
        let jackson = try #require(catalog.result.packages.first)
        #expect(jackson.type == .javaArchive)
        #expect(jackson.foundBy == "java-archive-cataloger")
        #expect(jackson.language == "java")
        #expect(jackson.version == "2.15.2")
        #expect(jackson.supplier == "FasterXML")
        #expect(jackson.locations.map(\.path) == [catalog.path])
        let metadata = try #require(jackson.javaArchive)
        #expect(metadata.virtualPath == catalog.path)
        #expect(metadata.manifest["Bundle-SymbolicName"] == "com.fasterxml.jackson.core.jackson-core")
        #expect(metadata.manifest["Implementation-Version"] == "2.15.2")
        #expect(metadata.manifest["Require-Capability"] == #"osgi.ee;filter:="(&(osgi.ee=JavaSE)(version=1.8))""#)
        #expect(metadata.manifest.count == 25)
    }

    /// syft PR 2231: the pom.properties matching the file name describes the jar; the other is a shaded dependency.
    @Test(.enabled(if: JarBuilder.isAvailable, "needs the zip tool"))
    func multiplePomPropertiesPickTheOwnOne() throws {
        let catalog = try catalogJar("api-all-2.0.0-sources", named: "api-all-2.0.0-sources.jar")
        #expect(catalog.result.nameVersions == ["api-all@2.0.0", "api-asn1-api@2.0.0"])
        #expect(catalog.result.package("api-all")?.purl == "pkg:maven/org.apache.directory.api/api-all@2.0.0")
        #expect(catalog.result.package("api-all")?.javaArchive?.groupID == "org.apache.directory.api")
        let asn1 = try #require(catalog.result.package("api-asn1-api"))
        #expect(asn1.purl == "pkg:maven/org.apache.directory.api/api-asn1-api@2.0.0")
        #expect(asn1.javaArchive?.virtualPath == catalog.path + ":org.apache.directory.api/api-asn1-api")
        #expect(asn1.locations.map(\.path) == [catalog.path])
    }

    @Test(.enabled(if: JarBuilder.isAvailable, "needs the zip tool"))
    func opensamlFromPomProperties() throws {
        let catalog = try catalogJar("opensaml-core-3.4.6", named: "opensaml-core-3.4.6.jar")
        #expect(catalog.result.nameVersions == ["opensaml-core@3.4.6"])
        #expect(catalog.result.package("opensaml-core")?.purl == "pkg:maven/org.opensaml/opensaml-core@3.4.6")
    }

    @Test(.enabled(if: JarBuilder.isAvailable, "needs the zip tool"))
    func micronautFromManifestVersionAndFileName() throws {
        let catalog = try catalogJar("micronaut-aop-4.9.11", named: "micronaut-aop-4.9.11.jar")
        #expect(catalog.result.nameVersions == ["micronaut-aop@4.9.11"])
    }

    @Test(.enabled(if: JarBuilder.isAvailable, "needs the zip tool"))
    func fileNameGivesNameAndVersionWhenNothingElseDoes() throws {
        let catalog = try catalogJar("commons-lang3-3.12.0", named: "commons-lang3-3.12.0.jar")
        #expect(catalog.result.nameVersions == ["commons-lang3@3.12.0"])
    }

    /// syft: gradle.hpi is the Jenkins plugin org.jenkins-ci.plugins:gradle 2.11 (Short-Name, Plugin-Version, Group-Id).
    @Test(.enabled(if: JarBuilder.isAvailable, "needs the zip tool"))
    func jenkinsPluginManifest() throws {
        let catalog = try catalogJar("jenkins-plugins/gradle/2.11", named: "gradle.hpi")
        #expect(catalog.result.nameVersions == ["gradle@2.11"])
        #expect(catalog.result.package("gradle")?.purl == "pkg:maven/org.jenkins-ci.plugins/gradle@2.11")
    }

    /// syft: New Relic instrumentation jars (`Weave-Classes` in the manifest) are not packages.
    @Test(.enabled(if: JarBuilder.isAvailable, "needs the zip tool"))
    func instrumentationJarIsNotAPackage() throws {
        let catalog = try catalogJar("spring-instrumentation-4.3.0-1.0", named: "spring-instrumentation-4.3.0-1.0.jar")
        #expect(catalog.result.packages.isEmpty)
    }

    /// syft Test_deterministicMatchingPomProperties: with three pom.properties and no name match, the jar is
    /// org.multiple:multiple-matching-1 (the others are its contents) — no package is invented from the file name.
    @Test(.enabled(if: JarBuilder.isAvailable, "needs the zip tool"))
    func multipleMatchingPomProperties() throws {
        let catalog = try catalogJar("multiple-matching-2.11.5", named: "multiple-matching-2.11.5.jar")
        #expect(catalog.result.nameVersions == ["multiple-matching-1@2.11.5", "multiple-matching-2@2.11.5", "multiple-matching-3@2.11.5"])
        #expect(catalog.result.packages.allSatisfy { $0.javaArchive?.groupID == "org.multiple" })
    }

    /// A war holding a jar: the inner package's virtual path names both, its location is the outer file.
    @Test(.enabled(if: JarBuilder.isAvailable, "needs the zip tool"))
    func nestedArchive() throws {
        let root = try TestRoot()
        defer { root.remove() }
        let staging = try TemporaryDirectory("hawser-war")
        defer { staging.remove() }
        try staging.write("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Title: shop\nImplementation-Version: 1.4.0\n")
        try JarBuilder.zip(directory: Fixtures.path("java/jar-metadata/opensaml-core-3.4.6"),
                           to: staging.path + "/WEB-INF/lib/opensaml-core-3.4.6.jar")
        try JarBuilder.zip(directory: staging.path, to: root.host("/srv/shop-1.4.0.war"))
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["opensaml-core@3.4.6", "shop@1.4.0"])
        let inner = try #require(result.package("opensaml-core"))
        #expect(inner.javaArchive?.virtualPath == "/srv/shop-1.4.0.war:WEB-INF/lib/opensaml-core-3.4.6.jar")
        #expect(inner.locations.map(\.path) == ["/srv/shop-1.4.0.war"])
        #expect(inner.purl == "pkg:maven/org.opensaml/opensaml-core@3.4.6")
    }

    /// syft Test_corruptJarArchive: a text file named .jar gives a diagnostic, not a crash.
    @Test func corruptJarGivesDiagnostic() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "java/corrupt/example.jar", to: "/opt/app/example.jar")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics(for: "/opt/app/example.jar").count == 1)
        #expect(result.diagnostics.first?.cataloger == "java-archive-cataloger")
    }

    @Test func nonArchiveExtensionsAreIgnored() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "java/corrupt/example.tar", to: "/opt/app/example.tar")
        try root.copy(fixture: "java/corrupt/pom.xml", to: "/opt/app/pom.xml")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    // MARK: Manifest and file-name parsing (syft java/manifest fixtures)

    @Test func manifestContinuationLine() throws {
        let manifest = JavaArchiveCataloger.parseManifest(try Fixtures.text("java/manifest/continuation"))
        #expect(manifest == ["Manifest-Version": "1.0", "Plugin-ScmUrl": "https://github.com/jenkinsci/plugin-pom/example-jenkins-plugin"])
    }

    @Test func manifestStandardInfo() throws {
        let manifest = JavaArchiveCataloger.parseManifest(try Fixtures.text("java/manifest/standard-info"))
        #expect(manifest == [
            "Manifest-Version": "1.0", "Name": "the-best-name",
            "Specification-Title": "the-spec-title", "Specification-Vendor": "the-spec-vendor", "Specification-Version": "the-spec-version",
            "Implementation-Title": "the-impl-title", "Implementation-Vendor": "the-impl-vendor", "Implementation-Version": "the-impl-version",
        ])
    }

    /// Only the main section counts; per-entry sections after the first blank line do not.
    @Test(arguments: ["java/manifest/extra-info", "java/manifest/extra-empty-lines"])
    func manifestMainSectionOnly(_ fixture: String) throws {
        let manifest = JavaArchiveCataloger.parseManifest(try Fixtures.text(fixture))
        #expect(manifest == ["Manifest-Version": "1.0", "Archiver-Version": "Plexus Archiver", "Created-By": "Apache Maven 3.6.3"])
    }

    @Test func manifestSmallAndVersionWithDate() throws {
        #expect(JavaArchiveCataloger.parseManifest(try Fixtures.text("java/manifest/small")) == ["Manifest-Version": "1.0"])
        #expect(JavaArchiveCataloger.parseManifest(try Fixtures.text("java/manifest/version-with-date"))["Implementation-Version"]
            == "1.3 2244 October 5 2005")
    }

    @Test(arguments: [
        ("log4j-core-2.14.1.jar", "log4j-core", "2.14.1"),
        ("api-all-2.0.0-sources.jar", "api-all", "2.0.0-sources"),
        ("spring-boot-3.2.0-SNAPSHOT.jar", "spring-boot", "3.2.0-SNAPSHOT"),
        ("gradle.hpi", "gradle", nil),
    ] as [(String, String, String?)])
    func nameAndVersionFromFileName(_ fileName: String, _ name: String, _ version: String?) {
        let parsed = JavaArchiveCataloger.nameAndVersion(fromFileName: fileName)
        #expect(parsed.name == name)
        #expect(parsed.version == version)
    }
}
