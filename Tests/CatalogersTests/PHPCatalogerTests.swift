@testable import Catalogers
import Cataloging
import Model
import TestSupport
import Testing

extension Package {
    var composerMetadata: ComposerMetadata? { if case .phpComposer(let metadata) = metadata { metadata } else { nil } }
}

/// `composer.lock` (fixtures `php/composer-lock`, `php/trivy-composer`, `php/glob-paths`).
@Suite struct PHPComposerLockCatalogerTests {
    let cataloger = ComposerLockCataloger()

    func catalog(_ fixture: String, cataloger: ComposerLockCataloger = ComposerLockCataloger()) throws -> CatalogResult {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: fixture, to: "/var/www/composer.lock")
        return cataloger.catalog(try root.resolver())
    }

    /// syft TestParseComposerFileLock: the two `packages`; the two `packages-dev` come on top, marked.
    @Test func composerLock() throws {
        let result = cataloger.catalog(try Fixtures.tree("php/composer-lock"))
        #expect(result.nameVersions == ["adoy/fastcgi-client@1.0.2", "alcaeus/mongo-php-adapter@1.1.11", "behat/gherkin@v4.6.2",
                                        "codeception/codeception@4.1.6"])
        #expect(result.diagnostics.isEmpty)
        #expect(result.packages.filter { $0.composerMetadata?.isDevelopment == false }.map(\.name) == ["adoy/fastcgi-client", "alcaeus/mongo-php-adapter"])
        let client = try #require(result.package("adoy/fastcgi-client"))
        #expect(client.type == .phpComposer)
        #expect(client.foundBy == "php-composer-lock-cataloger")
        #expect(client.language == "php")
        #expect(client.purl == "pkg:composer/adoy/fastcgi-client@1.0.2")
        #expect(client.licenses == ["MIT"])
        #expect(client.supplier == "Pierrick Charron")
        #expect(client.locations.map(\.path) == ["/composer.lock"])
        #expect(client.cpes == ["cpe:2.3:a:adoy:fastcgi-client:1.0.2:*:*:*:*:php:*:*", "cpe:2.3:a:fastcgi-client:fastcgi-client:1.0.2:*:*:*:*:php:*:*"])
        #expect(client.composerMetadata == ComposerMetadata(
            name: "adoy/fastcgi-client", version: "1.0.2",
            source: .init(type: "git", url: "https://github.com/adoy/PHP-FastCGI-Client.git", reference: "6d9a552f0206a1db7feb442824540aa6c55e5b27"),
            dist: .init(type: "zip", url: "https://api.github.com/repos/adoy/PHP-FastCGI-Client/zipball/6d9a552f0206a1db7feb442824540aa6c55e5b27",
                        reference: "6d9a552f0206a1db7feb442824540aa6c55e5b27"),
            require: [:], requireDev: [:], licenses: ["MIT"], type: "library", authors: ["Pierrick Charron <pierrick@adoy.net>"],
            description: "Lightweight, single file FastCGI client for PHP.", homepage: nil, time: "2019-12-11T13:49:21+00:00", isDevelopment: false))
        let adapter = try #require(result.package("alcaeus/mongo-php-adapter"))
        #expect(adapter.composerMetadata?.require["mongodb/mongodb"] == "^1.0.1")
        #expect(adapter.composerMetadata?.requireDev["phpunit/phpunit"] == "^5.7.27 || ^6.0 || ^7.0")
    }

    /// Syft's own behaviour, `packages` only: exactly its two.
    @Test func withoutDevelopmentPackages() throws {
        let result = try catalog("php/composer-lock/composer.lock", cataloger: ComposerLockCataloger(includeDevelopmentPackages: false))
        #expect(result.nameVersions == ["adoy/fastcgi-client@1.0.2", "alcaeus/mongo-php-adapter@1.1.11"])
    }

    /// trivy composer_happy.lock: 10 packages (8 + 2 dev); licenses as an array or a plain string.
    @Test func trivyComposerLock() throws {
        let result = try catalog("php/trivy-composer/composer_happy.lock")
        #expect(result.nameVersions == [
            "guzzlehttp/guzzle@6.5.8", "guzzlehttp/promises@1.5.2", "guzzlehttp/psr7@1.9.0", "pear/log@1.13.3", "pear/pear_exception@v1.0.2",
            "psr/http-message@1.0.1", "ralouphie/getallheaders@3.0.3", "symfony/polyfill-intl-idn@v1.27.0",
            "symfony/polyfill-intl-normalizer@v1.27.0", "symfony/polyfill-php72@v1.27.0",
        ])
        #expect(result.package("symfony/polyfill-php72")?.licenses == ["MIT or BSD-2-Clause"])
        #expect(result.package("pear/log")?.composerMetadata?.isDevelopment == true)
        #expect(result.package("guzzlehttp/guzzle")?.supplier == "Graham Campbell")
        #expect(result.diagnostics.isEmpty)
    }

    /// syft glob-paths: src/composer.lock is found; it holds "bogus".
    @Test func corruptLockFile() throws {
        let result = cataloger.catalog(try Fixtures.tree("php/glob-paths"))
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.map(\.path) == ["/src/composer.lock"])
        #expect(result.diagnostics.first?.message.hasPrefix("malformed composer.lock: ") == true)
    }

    /// A broken entry is reported by its index; its neighbours and odd-typed optional fields survive.
    @Test func badEntries() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/app/composer.lock", """
            {"packages": [
              {"name": "a/one", "version": "1.0.0", "license": 5, "authors": [{"name": "Ann"}, "junk"], "require": {"php": 7}},
              {"name": "a/two"},
              "nonsense",
              {"name": "single", "version": "2.0"}
            ], "packages-dev": [{"name": "a/three", "version": 3}]}
            """)
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["a/one@1.0.0", "single@2.0"])
        #expect(result.package("a/one")?.licenses == [])
        #expect(result.package("a/one")?.supplier == "Ann")
        #expect(result.package("single")?.purl == "pkg:composer/single@2.0")
        #expect(result.diagnostics.map(\.message) == [
            "packages[1]: missing \"version\"", "packages[2]: expected an object", "packages-dev[0]: version: expected a string",
        ])
    }
}

/// `vendor/composer/installed.json` (fixtures `php/installed-json-composer{1,2}`, `php/glob-paths`).
@Suite struct PHPComposerInstalledCatalogerTests {
    let cataloger = ComposerInstalledCataloger()

    /// syft: Composer 1 (a top-level array) and Composer 2 (`{"packages": …}`) both give
    /// asm89/stack-cors 1.3.0 and behat/mink v1.8.1.
    @Test(arguments: ["php/installed-json-composer1", "php/installed-json-composer2"])
    func installedJSON(_ fixture: String) throws {
        let result = cataloger.catalog(try Fixtures.tree(fixture))
        #expect(result.nameVersions == ["asm89/stack-cors@1.3.0", "behat/mink@v1.8.1"])
        #expect(result.diagnostics.isEmpty)
        let cors = try #require(result.package("asm89/stack-cors"))
        #expect(cors.foundBy == "php-composer-installed-cataloger")
        #expect(cors.type == .phpComposer)
        #expect(cors.purl == "pkg:composer/asm89/stack-cors@1.3.0")
        #expect(cors.licenses == ["MIT"])
        #expect(cors.supplier == "Alexander")
        #expect(cors.locations.map(\.path) == ["/vendor/composer/installed.json"])
        #expect(cors.composerMetadata?.homepage == "https://github.com/asm89/stack-cors")
        #expect(cors.composerMetadata?.dist?.shasum == nil)
    }

    /// Composer 2 names development packages in `dev-package-names`.
    @Test func developmentPackages() throws {
        let result = cataloger.catalog(try Fixtures.tree("php/installed-json-composer2"))
        #expect(result.package("behat/mink")?.composerMetadata?.isDevelopment == true)
        #expect(result.package("asm89/stack-cors")?.composerMetadata?.isDevelopment == false)
    }

    @Test func corruptInstalledJSON() throws {
        let result = cataloger.catalog(try Fixtures.tree("php/glob-paths"))
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.map(\.path) == ["/src/installed.json"])
        #expect(result.diagnostics.first?.message.hasPrefix("malformed installed.json: ") == true)
    }

    @Test func objectWithoutPackages() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/app/vendor/composer/installed.json", "{\"dev\": true}")
        let result = cataloger.catalog(try root.resolver())
        #expect(result.diagnostics.map(\.message) == ["malformed installed.json: missing \"packages\""])
    }
}
