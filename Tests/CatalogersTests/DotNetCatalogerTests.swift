@testable import Catalogers
import Cataloging
import Model
import TestSupport
import Testing

extension Package {
    var dotNetMetadata: DotNetMetadata? { if case .dotnet(let metadata) = metadata { metadata } else { nil } }
}

extension CatalogResult {
    /// `name@version` of the packages found in one file, sorted.
    func nameVersions(in path: String) -> [String] {
        packages.filter { $0.locations.first?.path == path }.map { "\($0.name)@\($0.version)" }.sorted()
    }
}

/// `*.deps.json` (fixtures `dotnet/dir-example-1`, `dotnet/deps-with-referenceassembly`,
/// `dotnet/trivy-core-deps`, `dotnet/glob-paths`).
@Suite struct DotNetDepsCatalogerTests {
    let cataloger = DotNetDepsCataloger()

    /// syft TestParseDotnetDeps: 14 libraries, the two projects (TestLibrary, TestCommon) included.
    @Test func depsJSON() throws {
        let result = cataloger.catalog(try Fixtures.tree("dotnet/dir-example-1"))
        #expect(result.nameVersions == [
            "AWSSDK.Core@3.7.10.6", "Microsoft.Extensions.DependencyInjection.Abstractions@6.0.0", "Microsoft.Extensions.DependencyInjection@6.0.0",
            "Microsoft.Extensions.Logging.Abstractions@6.0.0", "Microsoft.Extensions.Logging@6.0.0", "Microsoft.Extensions.Options@6.0.0",
            "Microsoft.Extensions.Primitives@6.0.0", "Newtonsoft.Json@13.0.1", "Serilog.Sinks.Console@4.0.1", "Serilog@2.10.0",
            "System.Diagnostics.DiagnosticSource@6.0.0", "System.Runtime.CompilerServices.Unsafe@6.0.0", "TestCommon@1.0.0", "TestLibrary@1.0.0",
        ])
        #expect(result.diagnostics.isEmpty)
        let json = try #require(result.package("Newtonsoft.Json"))
        #expect(json.type == .dotnet)
        #expect(json.foundBy == "dotnet-deps-cataloger")
        #expect(json.language == "dotnet")
        #expect(json.purl == "pkg:nuget/Newtonsoft.Json@13.0.1")
        #expect(json.locations.map(\.path) == ["/TestLibrary.deps.json"])
        #expect(json.cpes == ["cpe:2.3:a:newtonsoft.json:newtonsoft.json:13.0.1:*:*:*:*:*:*:*", "cpe:2.3:a:newtonsoft:newtonsoft.json:13.0.1:*:*:*:*:*:*:*"])
        #expect(json.dotNetMetadata == DotNetMetadata(
            name: "Newtonsoft.Json", version: "13.0.1", type: "package", path: "newtonsoft.json/13.0.1",
            sha512: "sha512-ppPFpBcvxdsfUonNcvITKqLl3bqxWbDCZIzDWHzjpdAHRFfZe0Dw9HmA0+za13IdyrgJwpkDTDA9fHaxOrt20A==",
            hashPath: "newtonsoft.json.13.0.1.nupkg.sha512"))
        #expect(result.package("TestLibrary")?.dotNetMetadata == DotNetMetadata(name: "TestLibrary", version: "1.0.0", type: "project"))
    }

    /// syft: 4 packages, the reference assemblies among them.
    @Test func referenceAssemblies() throws {
        let result = cataloger.catalog(try Fixtures.tree("dotnet/deps-with-referenceassembly"))
        #expect(result.nameVersions == ["Microsoft.AspNetCore.DataProtection.Abstractions@10.0.0.0", "Microsoft.AspNetCore.DataProtection@10.0.0.0",
                                        "MyApp@1.0.0", "Newtonsoft.Json@13.0.3"])
        #expect(result.package("Microsoft.AspNetCore.DataProtection")?.dotNetMetadata?.type == "referenceassembly")
    }

    /// trivy core_deps cases, all read in one scan. Every `libraries` entry is reported (Syft's rule), so
    /// without-runtime gives all 8 where trivy keeps 4 (it drops packages that ship no runtime assets).
    @Test func trivyDepsFiles() throws {
        let result = cataloger.catalog(try Fixtures.tree("dotnet/trivy-core-deps"))
        #expect(result.nameVersions(in: "/happy.deps.json") == ["ExampleApp1@1.0.0", "Newtonsoft.Json@13.0.1"])
        #expect(result.nameVersions(in: "/missing-target.deps.json") == ["ExampleApp1@1.0.0", "Newtonsoft.Json@13.0.1"])
        #expect(result.nameVersions(in: "/multi-project.deps.json") == ["Api@1.0.0", "Data@1.0.0", "Newtonsoft.Json@13.0.3", "Web@1.0.0"])
        #expect(result.nameVersions(in: "/ambiguous-root.deps.json") == ["Newtonsoft.Json@13.0.3", "Web@1.0.0", "Worker@1.0.0"])
        #expect(result.nameVersions(in: "/self-contained.deps.json") == [
            "ExampleApp1@1.0.0", "Newtonsoft.Json@13.0.1", "runtimepack.Microsoft.AspNetCore.App.Runtime.linux-x64@8.0.0",
            "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64@8.0.0",
        ])
        #expect(result.nameVersions(in: "/without-runtime.deps.json") == [
            "JsonDiffPatch@2.0.61", "Libuv@1.9.1", "Microsoft.NETCore.App@1.1.2", "Microsoft.NETCore.Platforms@1.1.0", "NETStandard.Library@1.6.0",
            "System.Collections.Immutable@1.3.0", "System.Net.Http@4.1.0", "hello2@1.0.0",
        ])
        #expect(result.nameVersions(in: "/no-libraries.deps.json") == [])
        #expect(result.packages.count == 2 + 2 + 4 + 3 + 4 + 8)
        // invalid.deps.json must fail.
        #expect(result.diagnostics.map(\.path) == ["/invalid.deps.json"])
        #expect(result.diagnostics.first?.message.hasPrefix("malformed deps.json: ") == true)
    }

    @Test func globPathsPlaceholder() throws {
        let result = cataloger.catalog(try Fixtures.tree("dotnet/glob-paths"))
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.map(\.path) == ["/src/something.deps.json"])
    }

    @Test func badLibraryEntries() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/app/App.deps.json", #"{"libraries": {"NoVersion": {"type": "package"}, "Bad/1.0": 7, "Good/2.0": {"type": "package", "sha512": ""}}}"#)
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["Good@2.0"])
        #expect(result.package("Good")?.dotNetMetadata?.sha512 == nil)
        #expect(result.diagnostics.map(\.message) == ["libraries.Bad/1.0: expected an object", "libraries: \"NoVersion\" is not Name/Version"])
    }
}

/// NuGet `packages.lock.json` (fixtures `dotnet/packages-lock`, `dotnet/net8-app-packages-lock`,
/// `dotnet/trivy-nuget-lock`, `dotnet/glob-paths`).
@Suite struct DotNetPackagesLockCatalogerTests {
    let cataloger = DotNetPackagesLockCataloger()

    func catalog(_ fixture: String) throws -> CatalogResult {
        let root = try TestRoot()
        defer { root.remove() }
        try root.copy(fixture: fixture, to: "/src/app/packages.lock.json")
        return cataloger.catalog(try root.resolver())
    }

    /// syft TestParseDotnetPackagesLock: direct and transitive packages of two target frameworks; log4net
    /// is resolved differently in each, bootstrap identically (one package).
    @Test func packagesLock() throws {
        let result = cataloger.catalog(try Fixtures.tree("dotnet/packages-lock"))
        #expect(result.nameVersions == [
            "AutoMapper@13.0.1", "Microsoft.Extensions.DependencyInjection.Abstractions@9.0.0", "Microsoft.Extensions.Logging@9.0.0",
            "Microsoft.Extensions.Options@9.0.0", "Microsoft.Extensions.Primitives@9.0.0", "System.Runtime.CompilerServices.Unsafe@9.0.0",
            "bootstrap@5.0.0", "log4net@1.2.15", "log4net@2.0.5",
        ])
        #expect(result.diagnostics.isEmpty)
        let autoMapper = try #require(result.package("AutoMapper"))
        #expect(autoMapper.foundBy == "dotnet-packages-lock-cataloger")
        #expect(autoMapper.type == .dotnet)
        #expect(autoMapper.language == "dotnet")
        #expect(autoMapper.purl == "pkg:nuget/AutoMapper@13.0.1")
        #expect(autoMapper.locations.map(\.path) == ["/packages.lock.json"])
        #expect(autoMapper.dotNetMetadata == DotNetMetadata(
            name: "AutoMapper", version: "13.0.1", type: "Direct",
            contentHash: "/Fx1SbJ16qS7dU4i604Sle+U9VLX+WSNVJggk6MupKVkYvvBm4XqYaeFuf67diHefHKHs50uQIS2YEDFhPCakQ==", requested: "[13.0.1, )"))
        #expect(result.package("Microsoft.Extensions.Options")?.dotNetMetadata?.type == "Transitive")
    }

    /// syft's .NET 8 image fixtures: net8.0 and net8.0/win-x64 list the same 51 packages.
    @Test func net8App() throws {
        let result = cataloger.catalog(try Fixtures.tree("dotnet/net8-app-packages-lock"))
        #expect(result.packages.count == 51)
        #expect(result.nameVersions.contains("Humanizer@2.14.1"))
        #expect(result.nameVersions.contains("Newtonsoft.Json@13.0.3"))
        #expect(result.package("Humanizer")?.dotNetMetadata?.type == "Direct")
    }

    /// trivy nuget lock parser: simple 2, subdependencies 8, multi-target 40, legacy 2 (its Project entry
    /// has no version and is not a package).
    @Test(arguments: [
        ("packages_lock_simple.json", 2, ["Newtonsoft.Json@12.0.3", "NuGet.Frameworks@5.7.0"]),
        ("packages_lock_subdependencies.json", 8, ["Microsoft.Extensions.ApiDescription.Server@3.0.0", "Microsoft.OpenApi@1.1.4", "Newtonsoft.Json@12.0.3",
                                                    "NuGet.Frameworks@5.7.0", "Swashbuckle.AspNetCore.Swagger@5.5.1", "Swashbuckle.AspNetCore.SwaggerGen@5.5.1",
                                                    "Swashbuckle.AspNetCore.SwaggerUI@5.5.1", "Swashbuckle.AspNetCore@5.5.1"]),
        ("packages_lock_multi.json", 40, ["AWSSDK.Core@3.5.1.30", "NETStandard.Library@1.6.1", "NETStandard.Library@2.0.3"]),
        ("packages_lock_legacy.json", 2, ["AWSSDK.Core@3.5.1.30", "Newtonsoft.Json@12.0.3"]),
    ])
    func trivyLockFiles(_ file: String, _ count: Int, _ expected: [String]) throws {
        let result = try catalog("dotnet/trivy-nuget-lock/" + file)
        #expect(result.packages.count == count)
        #expect(Set(expected).isSubset(of: Set(result.nameVersions)))
        if count == expected.count { #expect(result.nameVersions == expected) }
        #expect(result.diagnostics.isEmpty)
    }

    @Test func globPathsPlaceholder() throws {
        let result = cataloger.catalog(try Fixtures.tree("dotnet/glob-paths"))
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.map(\.path) == ["/src/packages.lock.json"])
        #expect(result.diagnostics.first?.message.hasPrefix("malformed packages.lock.json: ") == true)
    }

    /// Case-insensitive merge keeps the most direct entry; a bad entry is reported by its path.
    @Test func mergeAndBadEntries() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.write("/app/packages.lock.json", """
            {"version": 1, "dependencies": {
              "net6.0": {"serilog": {"type": "Transitive", "resolved": "2.0.0"}, "Broken": "x"},
              "net8.0": {"Serilog": {"type": "Direct", "requested": "[2.0.0, )", "resolved": "2.0.0"}, "Lib": {"type": "Project"}}
            }}
            """)
        let result = cataloger.catalog(try root.resolver())
        #expect(result.nameVersions == ["Serilog@2.0.0"])
        #expect(result.package("Serilog")?.dotNetMetadata?.type == "Direct")
        #expect(result.diagnostics.map(\.message) == ["dependencies.net6.0.Broken: expected an object"])
    }
}
