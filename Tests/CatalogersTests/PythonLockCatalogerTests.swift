import Catalogers
import Cataloging
import Foundation
import Model
import Testing

/// Python requirement and lock files on the shared fixtures `python/*`: Syft's expectations for its
/// cases, trivy's for the `trivy-*` ones (copied under the file names the cataloger looks for).
@Suite struct PythonLockCatalogerTests {
    let cataloger = PythonLockCataloger()

    func catalog(_ fixture: String, at imagePath: String, _ cataloger: PythonLockCataloger? = nil) throws -> CatalogResult {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: fixture, to: imagePath)
        return (cataloger ?? self.cataloger).catalog(try root.resolver())
    }

    func catalogTree(_ folder: String, _ cataloger: PythonLockCataloger? = nil) throws -> CatalogResult {
        (cataloger ?? self.cataloger).catalog(try Fixtures.tree(folder))
    }

    // MARK: requirements.txt

    /// Syft TestParseRequirementsTxt (pinned only): 11 packages, PEP 503-normalized names; ranges,
    /// wildcards, bare names, `-e`/`-r` options and markers-only lines are skipped.
    @Test func requirements() throws {
        let result = try catalogTree("python/requires")
        #expect(result.nameVersions == [
            "argh@0.26.2", "argh@0.26.3", "celery@4.4.7", "dots-allowed@1.0.0", "flask@4.0.0", "foo@1.0.0", "friendly-bard@1.0.0",
            "githubsampleproject@3.7.1", "local-version@1.2.3+gcr.2", "someproject@5.4", "urllib3@1.26.20",
        ])
        let flask = try #require(result.package("flask"))
        #expect(flask.type == .python)
        #expect(flask.foundBy == "python-package-cataloger")
        #expect(flask.language == "python")
        #expect(flask.purl == "pkg:pypi/flask@4.0.0")
        #expect(flask.locations.map(\.path) == ["/requirements.txt"])
        #expect(flask.metadata == nil)
        #expect(result.package("dots-allowed")?.purl == "pkg:pypi/dots-allowed@1.0.0")
        #expect(result.package("local-version")?.purl == "pkg:pypi/local-version@1.2.3%2Bgcr.2")
        // `==2.3.4` has no name: reported, the rest of the file still counts.
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("line 23") == true)
    }

    /// trivy's pip cases: exact pins only (trivy also guesses from ranges in `_compatible` and
    /// `_operator`; Syft does not, so `_operator` has just its two `==` pins here).
    @Test(arguments: [
        ("requirements_flask.txt", ["click@8.0.0", "flask@2.0.0", "itsdangerous@2.0.0", "jinja2@3.0.0", "markupsafe@2.0.0", "werkzeug@2.0.0"]),
        ("requirements_comments.txt", ["click@8.0.0", "flask@2.0.0", "jinja2@3.0.0", "markupsafe@2.0.0"]),
        ("requirements_spaces.txt", ["click@8.0.0", "flask@2.0.0", "itsdangerous@2.0.0", "jinja2@3.0.0"]),
        ("requirements_hash.txt", ["fooproject@1.2", "jinja2@3.0.0"]),
        ("requirement_exstras.txt", ["celery@4.4.7", "pyjwt@2.1.0"]),
        ("requirements_utf16le.txt", ["attrs@20.3.0"]),
        ("requirements_hyphens.txt", ["oauth2-client@4.0.0", "python-gitlab@2.0.0"]),
        ("requirements_operator.txt", ["django@2.3.4", "someproject@5.4"]),
        ("requirements_no_version.txt", ["flask@2.0.0"]),
        ("requirements_with_templating_engine.txt", []),
    ])
    func trivyRequirements(file: String, expected: [String]) throws {
        #expect(try catalog("python/trivy-pip/\(file)", at: "/app/requirements.txt").nameVersions == expected)
    }

    @Test func requirementsFileNames() throws {
        let root = try TestRoot()
        defer { root.remove() }
        for name in ["requirements.txt", "requirements-dev.txt", "dev-requirements.txt", "requirements.in", "constraints.txt"] {
            try root.write("/src/\(name)", "flask==2.0.0\n")
        }
        let result = cataloger.catalog(try root.resolver())
        #expect(Set(result.packages.map { $0.locations[0].path }) == ["/src/requirements.txt", "/src/requirements-dev.txt", "/src/dev-requirements.txt"])
    }

    // MARK: Pipfile.lock

    /// Syft TestParsePipFileLock: `default` only; `develop` on request.
    @Test func pipfileLock() throws {
        let result = try catalogTree("python/pipfile-lock")
        #expect(result.nameVersions == ["aio-pika@6.8.0", "aiodns@2.0.0", "aiohttp-jinja2@1.4.2", "aiohttp@3.7.4.post0"])
        #expect(result.package("aiohttp")?.purl == "pkg:pypi/aiohttp@3.7.4.post0")
        let withDevelop = try catalogTree("python/pipfile-lock", PythonLockCataloger(includeDevDependencies: true))
        #expect(withDevelop.nameVersions == ["aio-pika@6.8.0", "aiodns@2.0.0", "aiohttp-jinja2@1.4.2", "aiohttp@3.7.4.post0", "astroid@2.5.2", "autopep8@1.5.6"])
    }

    @Test(arguments: [("Pipfile_normal.lock", 6), ("Pipfile_django.lock", 10), ("Pipfile_many.lock", 24)])
    func trivyPipfileLocks(file: String, count: Int) throws {
        let result = try catalog("python/trivy-pipenv/\(file)", at: "/app/Pipfile.lock")
        #expect(result.packages.count == count)
        #expect(result.diagnostics.isEmpty)
    }

    // MARK: poetry.lock

    /// Syft: every `[[package]]` of the six poetry locks (87, as Syft 1.18.1 scans the folder).
    @Test func poetryLocks() throws {
        let result = try catalogTree("python/poetry")
        #expect(result.packages.count == 87)
        #expect(result.diagnostics.isEmpty)
        var counts: [String: Int] = [:]
        for package in result.packages { counts[package.locations[0].path, default: 0] += 1 }
        #expect(counts == ["/case-sensitivity/poetry.lock": 3, "/conflicting-with-extras/poetry.lock": 21, "/dev-deps/poetry.lock": 4,
                           "/multiple-extras/poetry.lock": 15, "/nested-extras/poetry.lock": 39, "/simple-deps/poetry.lock": 5])
    }

    /// Syft simple-deps: requests 2.32.2 and what it depends on, with `dependency-of` edges.
    @Test func poetrySimpleDependencies() throws {
        let result = try catalogTree("python/poetry/simple-deps")
        #expect(result.nameVersions == ["certifi@2024.2.2", "charset-normalizer@3.3.2", "idna@3.7", "requests@2.32.2", "urllib3@2.2.1"])
        let byID = Dictionary(result.packages.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let edges = Set(result.relationships.map { "\(byID[$0.parent] ?? "?") -> \(byID[$0.child] ?? "?")" })
        #expect(edges == ["certifi -> requests", "charset-normalizer -> requests", "idna -> requests", "urllib3 -> requests"])
        let dev = try catalogTree("python/poetry/dev-deps")
        #expect(dev.nameVersions == ["added-value@0.14.2", "alabaster@0.7.12", "appnope@0.1.0", "asciitree@0.3.3"])
    }

    @Test(arguments: [("poetry_normal.lock", ["pypi@2.1"]), ("poetry_flask.lock", nil), ("poetry_v2_flask.lock", nil)])
    func trivyPoetryLocks(file: String, expected: [String]?) throws {
        let result = try catalog("python/trivy-poetry/\(file)", at: "/app/poetry.lock")
        if let expected { #expect(result.nameVersions == expected) } else { #expect(result.packages.count == 15) }
        #expect(result.diagnostics.isEmpty)
    }

    // MARK: uv.lock and pdm.lock

    /// Syft: every `[[package]]`, the project itself (`source = { virtual = "." }`) included.
    @Test func uvLock() throws {
        let result = try catalogTree("python/uv/simple-deps")
        #expect(result.nameVersions == ["certifi@2025.1.31", "charset-normalizer@3.4.1", "idna@3.10", "requests@2.32.3", "testpkg@0.1.0", "urllib3@2.3.0"])
        let byID = Dictionary(result.packages.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let edges = Set(result.relationships.map { "\(byID[$0.parent] ?? "?") -> \(byID[$0.child] ?? "?")" })
        #expect(edges.contains("requests -> testpkg"))
        #expect(edges.contains("urllib3 -> requests"))
        #expect(try catalogTree("python/uv").packages.count == 22 + 17 + 42 + 6)
        // trivy uv_normal: 21 packages (trivy's count includes the project `normal`, as here).
        #expect(try catalog("python/trivy-uv/uv_normal.lock", at: "/uv.lock").packages.count == 21)
    }

    @Test func pdmLock() throws {
        #expect(try catalogTree("python/pdm-lock").nameVersions == [
            "certifi@2025.1.31", "chardet@3.0.4", "charset-normalizer@2.0.12", "colorama@0.3.9", "idna@2.7", "py@1.4.34", "pytest@3.2.5",
            "requests@2.27.1", "setuptools@39.2.0", "urllib3@1.26.20",
        ])
        // Entries repeated per extra collapse into one package.
        #expect(try catalogTree("python/pdm-lock-extras").nameVersions == ["coverage@7.4.1", "pytest-cov@4.1.0", "pytest@8.0.1", "tomli@2.0.1", "uvloop@0.19.0"])
        let separate = try catalogTree("python/pdm-lock-separate-files")
        #expect(separate.packages.filter { $0.name == "rfc3986" }.map(\.version) == ["1.5.0"])
    }

    // MARK: Problems

    /// Syft Test_corrupt*: placeholder lock files each get a diagnostic naming them; no packages.
    @Test func corruptFiles() throws {
        let result = try catalogTree("python/glob-paths")
        #expect(result.packages.isEmpty)
        #expect(Set(result.diagnostics.map(\.path)) == [
            "/src/1-requirements-dev.txt", "/src/Pipfile.lock", "/src/extra-requirements.txt", "/src/pdm.lock", "/src/poetry.lock",
            "/src/requirements-dev.txt", "/src/requirements.txt", "/src/uv.lock",
        ])
        #expect(result.diagnostics.allSatisfy { $0.cataloger == "python-package-cataloger" })
    }

    /// A damaged `[[package]]` table is reported; the tables after it still count.
    @Test func damagedTOMLKeepsTheRest() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/app/poetry.lock", """
            [[package]]
            name = "broken"
            version = 1.0 = 2

            [[package]]
            name = "requests"
            version = "2.31.0"

            [package.dependencies]
            idna = ">=2.5,<4"

            [[package]]
            name = 'idna'
            version = '''3.6'''
            files = [
                {file = "idna-3.6.tar.gz", hash = "sha256:9ecdbbd083b06798ae1e86adcbfe8ab1479cf864e4ee30fe4e46a003d12491ca"}, # comment
            ]

            [metadata]
            lock-version = "2.0"
            content-hash = "abc"
            """)
        try root.copy(fixture: "python/glob-paths/src/uv.lock", to: "/other/uv.lock")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["idna@3.6", "requests@2.31.0"])
        #expect(result.relationships.count == 1)
        #expect(result.diagnostics(for: "/app/poetry.lock").first?.message.hasPrefix("line 3:") == true)
        #expect(result.diagnostics(for: "/other/uv.lock").count == 1)
    }
}
