@testable import Catalogers
import Cataloging
import Model
import TestSupport
import Testing

extension Package {
    var gemMetadata: GemMetadata? { if case .gem(let metadata) = metadata { metadata } else { nil } }
}

/// Installed gemspecs (fixtures `ruby/gemspec`, `ruby/trivy-gemspec`, `ruby/glob-paths`).
@Suite struct RubyInstalledGemspecCatalogerTests {
    let cataloger = InstalledGemspecCataloger()

    /// Catalogs bare gemspec fixtures placed in a gem home's `specifications/`.
    func catalog(_ fixtures: [String]) throws -> CatalogResult {
        let root = try TestRoot()
        defer { root.remove() }
        for fixture in fixtures {
            try root.copy(fixture: fixture, to: "/usr/local/bundle/specifications/" + ImagePaths.base(fixture))
        }
        return cataloger.catalog(try root.resolver())
    }

    /// syft: bundler 2.1.4 and formatador 1.1.0.
    @Test func installedGemspecs() throws {
        let result = cataloger.catalog(try Fixtures.tree("ruby/gemspec"))
        #expect(result.nameVersions == ["bundler@2.1.4", "formatador@1.1.0"])
        #expect(result.diagnostics.isEmpty)
        let bundler = try #require(result.package("bundler"))
        #expect(bundler.type == .gem)
        #expect(bundler.foundBy == "ruby-installed-gemspec-cataloger")
        #expect(bundler.language == "ruby")
        #expect(bundler.purl == "pkg:gem/bundler@2.1.4")
        #expect(bundler.licenses == ["MIT"])
        #expect(bundler.locations.map(\.path) == ["/specifications/bundler.gemspec"])
        #expect(bundler.cpes == ["cpe:2.3:a:bundler:bundler:2.1.4:*:*:*:*:ruby:*:*", "cpe:2.3:a:ruby-lang:bundler:2.1.4:*:*:*:*:ruby:*:*"])
        let authors = ["André Arko", "Samuel Giddins", "Colby Swandale", "Hiroshi Shibata", "David Rodríguez", "Grey Baker",
                       "Stephanie Morillo", "Chris Morris", "James Wen", "Tim Moore", "André Medeiros", "Jessica Lynn Suttles",
                       "Terence Lee", "Carl Lerche", "Yehuda Katz"]
        #expect(bundler.supplier == authors.joined(separator: ", "))
        #expect(bundler.gemMetadata == GemMetadata(name: "bundler", version: "2.1.4", authors: authors, licenses: ["MIT"],
                                                   homepage: "https://bundler.io", files: ["exe/bundle", "exe/bundler"]))
    }

    /// `s.homepage = "https://github.com/geemus/#{s.name}"`: the interpolation is resolved, not leaked.
    @Test func interpolatedHomepage() throws {
        let result = cataloger.catalog(try Fixtures.tree("ruby/gemspec"))
        let formatador = try #require(result.package("formatador"))
        #expect(formatador.gemMetadata?.homepage == "https://github.com/geemus/formatador")
        #expect(formatador.supplier == "geemus (Wesley Beary)")
    }

    /// trivy gemspec parser: four good specs (licenses as `license`, `licenses = "…"` and an array),
    /// and two that must fail: attributes set through the wrong block variable, and no version.
    @Test func trivyGemspecs() throws {
        let fixtures = ["normal00", "normal01", "license", "multiple_licenses", "malformed00", "malformed01"].map { "ruby/trivy-gemspec/\($0).gemspec" }
        let result = try catalog(fixtures)
        #expect(result.nameVersions == ["async@1.25.0", "async@1.25.0", "rake@13.0.3", "test-unit@3.3.7"])
        let rake = try #require(result.package("rake"))
        #expect(rake.gemMetadata?.authors == ["Hiroshi SHIBATA", "Eric Hodel", "Jim Weirich"])
        #expect(rake.licenses == ["MIT"])
        let testUnit = try #require(result.package("test-unit"))
        #expect(testUnit.licenses == ["Ruby", "BSDL", "PSFL"])
        #expect(testUnit.gemMetadata?.dependencies == ["power_assert"])
        #expect(result.packages.filter { $0.name == "async" }.map(\.licenses) == [["MIT"], ["MIT"]])
        let directory = "/usr/local/bundle/specifications/"
        #expect(result.diagnostics == [
            CatalogDiagnostic(cataloger: "ruby-installed-gemspec-cataloger", path: directory + "malformed00.gemspec", message: "unusable gemspec: no literal spec.name"),
            CatalogDiagnostic(cataloger: "ruby-installed-gemspec-cataloger", path: directory + "malformed01.gemspec", message: "unusable gemspec: no literal s.version"),
        ])
    }

    /// syft glob-paths: specifications/root.gemspec and specifications/pkg/nested.gemspec are found
    /// (placeholders, so each is reported as unusable).
    @Test func globPaths() throws {
        let result = cataloger.catalog(try Fixtures.tree("ruby/glob-paths"))
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.map(\.path).sorted() == ["/specifications/pkg/nested.gemspec", "/specifications/root.gemspec"])
    }

    @Test func gemspecOutsideSpecificationsIsIgnored() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: "ruby/trivy-gemspec/normal00.gemspec", to: "/src/rake.gemspec")
        #expect(cataloger.catalog(try root.resolver()).packages.isEmpty)
    }
}

@Suite struct RubyGemspecParserTests {
    @Test func literals() throws {
        let spec = try Gemspec.parse("""
            Gem::Specification.new do |g|
              g.name = 'it\\'s'
              g.version = %q{1.0}.freeze
              g.authors = [
                "A \\u{1F600}".freeze, # first
                "B",
              ]
              g.license = "Apache-2.0"
              g.files = %w[lib/a.rb lib/b.rb]
              g.homepage = "https://example.com/#{g.version}/#{other}"
              g.summary = compute_summary
              g.add_runtime_dependency(%q<rack>.freeze, [">= 0"])
              g.add_dependency "json"
              g.add_development_dependency "rspec"
            end
            """).get()
        #expect(spec == Gemspec(name: "it's", version: "1.0", authors: ["A 😀", "B"], licenses: ["Apache-2.0"], homepage: nil,
                                files: ["lib/a.rb", "lib/b.rb"], dependencies: ["rack"]))
    }

    /// Without `add_runtime_dependency`/`add_development_dependency`, `add_dependency` lists the runtime ones.
    @Test func plainDependencies() throws {
        let spec = try Gemspec.parse("Gem::Specification.new do |s|\n  s.name = 'a'\n  s.version = '1'\n  s.add_dependency 'b'\n  s.add_dependency(%q<c>, ['>= 0'])\nend\n").get()
        #expect(spec.dependencies == ["b", "c"])
    }

    @Test func interpolatedNameIsNotUsable() {
        #expect(throws: Gemspec.Problem(message: "no literal s.name")) {
            try Gemspec.parse("Gem::Specification.new do |s|\n  s.name = \"x#{y}\"\n  s.version = \"1\"\nend\n").get()
        }
    }
}

/// Bundler lock files (fixtures `ruby/gemfile-lock`, `ruby/trivy-bundler`, `ruby/glob-paths`).
@Suite struct RubyGemfileLockCatalogerTests {
    let cataloger = GemfileLockCataloger()

    func catalog(_ fixture: String, as name: String = "Gemfile.lock") throws -> CatalogResult {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: fixture, to: "/app/" + name)
        return cataloger.catalog(try root.resolver())
    }

    /// syft TestParseGemfileLockEntries: 52 gems from GEM, GIT and PATH; BAD-SECTION is skipped.
    @Test func gemfileLock() throws {
        let result = cataloger.catalog(try Fixtures.tree("ruby/gemfile-lock"))
        #expect(result.nameVersions == [
            "actionmailer@4.1.1", "actionpack@4.1.1", "actionview@4.1.1", "activemodel@4.1.1", "activerecord@4.1.1", "activesupport@4.1.1",
            "arel@5.0.1.20140414130214", "bootstrap-sass@3.1.1.1", "builder@3.2.2", "coffee-rails@4.0.1", "coffee-script-source@1.7.0",
            "coffee-script@2.2.0", "erubis@2.7.0", "execjs@2.0.2", "google-cloud-errors@1.3.0", "hike@1.2.3", "i18n@0.6.9", "jbuilder@2.0.7",
            "jquery-rails@3.1.0", "json@1.8.1", "kgio@2.9.2", "libv8@3.16.14.3", "mail@2.5.4", "mime-types@1.25.1", "minitest@5.3.4",
            "multi_json@1.10.1", "mysql2@0.3.16", "polyglot@0.3.4", "rack-test@0.6.2", "rack@1.5.2", "rails@4.1.1", "railties@4.1.1",
            "raindrops@0.13.0", "rake@10.3.2", "rdoc@4.1.1", "ref@1.0.5", "sass-rails@4.0.3", "sass@3.2.19", "sdoc@0.4.0", "spring@1.1.3",
            "sprockets-rails@2.1.3", "sprockets@2.11.0", "sqlite3@1.3.9", "therubyracer@0.12.1", "thor@0.19.1", "thread_safe@0.3.3",
            "tilt@1.4.1", "treetop@1.4.15", "turbolinks@3.0.0", "tzinfo@1.2.0", "uglifier@2.5.0", "unicorn@4.8.3",
        ])
        #expect(result.diagnostics.isEmpty)
        #expect(result.package("bad-entry") == nil)
        let rails = try #require(result.package("rails"))
        #expect(rails.type == .gem)
        #expect(rails.foundBy == "ruby-gemfile-cataloger")
        #expect(rails.language == "ruby")
        #expect(rails.purl == "pkg:gem/rails@4.1.1")
        #expect(rails.locations.map(\.path) == ["/Gemfile.lock"])
        #expect(rails.supplier == nil)
        #expect(rails.gemMetadata?.dependencies == ["actionmailer", "actionpack", "actionview", "activemodel", "activerecord", "activesupport",
                                                    "bundler", "railties", "sprockets-rails"])
        // `polyglot` and `polyglot (>= 0.3.1)` under treetop name one dependency.
        #expect(result.package("treetop")?.gemMetadata?.dependencies == ["polyglot"])
    }

    @Test(arguments: [
        ("ruby/trivy-bundler/Gemfile_normal.lock", ["coderay@1.1.2", "concurrent-ruby@1.1.5", "dotenv@2.7.2", "faker@1.9.3", "i18n@1.6.0",
                                                   "method_source@0.9.2", "pry@0.12.2"]),
        ("ruby/trivy-bundler/Gemfile_bundler2.lock", ["coderay@1.1.3", "concurrent-ruby@1.1.10", "dotenv@2.7.6", "faker@2.21.0", "i18n@1.10.0",
                                                     "json@2.6.2", "method_source@1.0.0", "pry@0.14.1"]),
    ])
    func trivyLockFiles(_ fixture: String, _ expected: [String]) throws {
        let result = try catalog(fixture)
        #expect(result.nameVersions == expected)
        #expect(result.diagnostics.isEmpty)
    }

    /// trivy: Gemfile_malformed gives no gems (trivy raises no error; the file is not a lock file at all,
    /// so it gets a diagnostic here).
    @Test func malformedLockFile() throws {
        let result = try catalog("ruby/trivy-bundler/Gemfile_malformed.lock")
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics == [CatalogDiagnostic(cataloger: "ruby-gemfile-cataloger", path: "/app/Gemfile.lock",
                                                         message: "line 1: not a Gemfile.lock: no GEM, GIT, PATH, PLATFORMS or DEPENDENCIES section")])
    }

    /// syft glob-paths: src/Gemfile.lock and src/Gemfile.next.lock are both read.
    @Test func globPaths() throws {
        let result = cataloger.catalog(try Fixtures.tree("ruby/glob-paths"))
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.map(\.path).sorted() == ["/src/Gemfile.lock", "/src/Gemfile.next.lock"])
    }

    /// Bundler writes a platform gem as `name (version-platform)`: the platform is a PURL qualifier,
    /// not part of the version; a spec line that is not `name (version)` is reported and skipped.
    @Test func platformsAndBadLines() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/app/Gemfile.next.lock", """
            GEM
              remote: https://rubygems.org/
              specs:
                nokogiri (1.16.0-x86_64-linux)
                  racc (~> 1.4)
                racc (1.7.3)
                broken-line
            
            PLATFORMS
              x86_64-linux
            """)
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["nokogiri@1.16.0", "racc@1.7.3"])
        #expect(result.package("nokogiri")?.purl == "pkg:gem/nokogiri@1.16.0?platform=x86_64-linux")
        #expect(result.diagnostics == [CatalogDiagnostic(cataloger: "ruby-gemfile-cataloger", path: "/app/Gemfile.next.lock",
                                                         message: "line 7: expected `name (version)` but found `broken-line`")])
    }
}
