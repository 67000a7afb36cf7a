import Catalogers
import Cataloging
import Foundation
import Model
import Testing

/// `pom.xml` files on the shared fixtures `java/*` (Syft's Test_parsePomXML,
/// Test_parseCommonsTextPomXMLProject "no resolution", the local maven-resolution poms and
/// Test_corruptPomXml).
@Suite struct JavaPomCatalogerTests {
    let cataloger = JavaPomCataloger()

    func catalogTree(_ folder: String) throws -> CatalogResult {
        cataloger.catalog(try Fixtures.tree(folder))
    }

    func packages(_ result: CatalogResult, in path: String) -> [String] {
        result.packages.filter { $0.locations.first?.path == path }.map { "\($0.name)@\($0.version)" }.sorted()
    }

    func edges(_ result: CatalogResult) -> Set<String> {
        let byID = Dictionary(result.packages.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return Set(result.relationships.map { "\(byID[$0.parent] ?? "?") -> \(byID[$0.child] ?? "?")" })
    }

    /// Syft Test_parsePomXML: the project and its dependencies (test scope too), each a dependency of it.
    @Test func exampleJavaApp() throws {
        let result = try catalogTree("java/pom/example-java-app-maven")
        #expect(result.nameVersions == ["example-java-app-maven@0.1.0", "joda-time@2.9.2", "junit@4.12"])
        #expect(result.diagnostics.isEmpty)
        let project = try #require(result.package("example-java-app-maven"))
        #expect(project.purl == "pkg:maven/org.anchore/example-java-app-maven@0.1.0")
        #expect(project.type == .javaArchive)
        #expect(project.foundBy == "java-pom-cataloger")
        #expect(project.language == "java")
        #expect(project.locations.map(\.path) == ["/pom.xml"])
        #expect(project.metadata == nil)
        #expect(result.package("joda-time")?.purl == "pkg:maven/com.joda/joda-time@2.9.2")
        #expect(result.package("junit")?.purl == "pkg:maven/junit/junit@4.12")
        #expect(edges(result) == ["joda-time -> example-java-app-maven", "junit -> example-java-app-maven"])
    }

    /// Syft "no resolution": the group comes from `<parent>`, `${…}` versions from `<properties>`;
    /// `junit-jupiter` is managed by a BOM the parent imports (not on disk), so it is reported, not
    /// listed (Syft lists it without a version).
    @Test func commonsText() throws {
        let result = try catalogTree("java/pom/commons-text-1.10.0")
        #expect(result.nameVersions == [
            "assertj-core@3.23.1", "commons-io@2.11.0", "commons-lang3@3.12.0", "commons-rng-simple@1.4", "commons-text@1.10.0",
            "jmh-core@1.35", "jmh-generator-annprocess@1.35", "js-scriptengine@22.0.0.2", "js@22.0.0.2", "mockito-inline@4.8.0",
        ])
        #expect(result.package("commons-text")?.purl == "pkg:maven/org.apache.commons/commons-text@1.10.0")
        #expect(result.package("mockito-inline")?.purl == "pkg:maven/org.mockito/mockito-inline@4.8.0")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("org.junit.jupiter:junit-jupiter") == true)
        #expect(result.relationships.count == 9)
    }

    /// `<dependencyManagement>` in the same POM versions a dependency declared without one.
    @Test func managedVersion() throws {
        let result = try catalogTree("java/pom/transitive-top-level")
        #expect(result.nameVersions == ["child-one@1.3.6", "child-two@2.1.90", "transitive-top-level@99"])
        #expect(result.package("transitive-top-level")?.purl == "pkg:maven/my.other.group/transitive-top-level@99")
    }

    /// The whole `java/pom` folder: only files named `pom.xml` are read (16 packages; Syft 1.18.1 has
    /// 17 with the unversioned junit-jupiter).
    @Test func pomFolder() throws {
        let result = try catalogTree("java/pom")
        #expect(result.packages.count == 16)
        #expect(Set(result.packages.map { $0.locations[0].path }) == [
            "/commons-text-1.10.0/pom.xml", "/example-java-app-maven/pom.xml", "/transitive-top-level/pom.xml",
        ])
    }

    /// Syft's local maven-resolution poms: properties and managed versions come from parents found by
    /// `<relativePath>` (child-one's `${project.one}.3.6` is defined two parents up).
    @Test func localParents() throws {
        let result = try catalogTree("java/maven-resolution/local")
        #expect(packages(result, in: "/child-1/pom.xml") == ["child-one@1.3.6", "commons-lang3@3.12.0"])
        #expect(packages(result, in: "/child-2/pom.xml") == ["child-two@3.3.3"])
        #expect(packages(result, in: "/parent-1/pom.xml") == ["commons-collections4@4.3", "commons-text@1.12.0", "junit@4.13.2", "parent-one@3.11.0"])
        #expect(packages(result, in: "/contains-child-1/pom.xml") == ["child-one@1.3.6", "contains-child-one@5"])
        #expect(result.packages.first { $0.name == "child-one" }?.purl == "pkg:maven/my.org/child-one@1.3.6")
        // child-3's parent is not where its relativePath points, and circular-* reference undefined values.
        #expect(Set(result.diagnostics.map(\.path)) == ["/child-3/pom.xml", "/circular-1/pom.xml", "/circular-2/pom.xml"])
    }

    /// BOM-managed dependencies (Jenkins, Spring Boot parents from a repository) are reported together.
    @Test func unresolvedVersionsAreReported() throws {
        let jenkins = try catalogTree("java/example-jenkins-plugin")
        #expect(jenkins.nameVersions == ["example-jenkins-plugin@1.0-SNAPSHOT"])
        #expect(jenkins.diagnostics.count == 1)
        #expect(jenkins.diagnostics.first?.message.hasPrefix("5 versions could not be resolved") == true)
        let spring = try catalogTree("java/example-sb-app")
        #expect(spring.nameVersions == ["spring-boot@0.0.1-SNAPSHOT"])
        #expect(spring.diagnostics.first?.message.contains("org.springframework.boot:spring-boot-starter-web") == true)
    }

    /// Syft Test_corruptPomXml: not XML → a diagnostic naming the file; other POMs still count.
    @Test func corruptPom() throws {
        let result = try catalogTree("java/corrupt")
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.path == "/pom.xml")
        #expect(result.diagnostics.first?.message.hasPrefix("malformed pom.xml") == true)

        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "java/corrupt/pom.xml", to: "/a/pom.xml")
        try root.copy(fixture: "java/pom/example-java-app-maven/pom.xml", to: "/b/pom.xml")
        try root.write("/c/pom.xml", "<?xml version=\"1.0\"?><settings><localRepository>/m2</localRepository></settings>")
        let mixed = cataloger.catalog(try root.resolver())
        #expect(mixed.packages.count == 3)
        #expect(Set(mixed.diagnostics.map(\.path)) == ["/a/pom.xml", "/c/pom.xml"])
        #expect(mixed.diagnostics(for: "/c/pom.xml").first?.message == "not a Maven POM: the root element is <settings>")
    }

    /// Only the project's own `<dependencies>` count: not plugins, profiles or dependency management.
    @Test func onlyProjectDependencies() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/app/pom.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <groupId>com.example</groupId>
              <artifactId>app</artifactId>
              <version>${revision}</version>
              <properties><revision>2.0.0</revision><log4j.version>2.14.1</log4j.version></properties>
              <licenses><license><name>Apache-2.0</name></license></licenses>
              <dependencyManagement><dependencies>
                <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>1.7.36</version></dependency>
              </dependencies></dependencyManagement>
              <dependencies>
                <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>${log4j.version}</version></dependency>
                <dependency><groupId>${project.groupId}</groupId><artifactId>app-common</artifactId><version>${project.version}</version></dependency>
              </dependencies>
              <build><plugins><plugin><artifactId>maven-shade-plugin</artifactId><version>3.5.0</version>
                <dependencies><dependency><groupId>x</groupId><artifactId>plugin-dep</artifactId><version>1</version></dependency></dependencies>
              </plugin></plugins></build>
              <profiles><profile><id>p</id><dependencies>
                <dependency><groupId>y</groupId><artifactId>profile-dep</artifactId><version>1</version></dependency>
              </dependencies></profile></profiles>
            </project>
            """)
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["app-common@2.0.0", "app@2.0.0", "log4j-core@2.14.1"])
        #expect(result.package("app")?.licenses == ["Apache-2.0"])
        #expect(result.package("app-common")?.purl == "pkg:maven/com.example/app-common@2.0.0")
        #expect(result.diagnostics.isEmpty)
    }
}
