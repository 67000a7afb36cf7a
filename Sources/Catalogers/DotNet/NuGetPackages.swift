import Model

/// How a .NET library becomes a package, for both .NET catalogers: `pkg:nuget/<name>@<version>`
/// (Syft's choice: `dotnet` is not a registered PURL type), CPE candidates under the full name and its
/// first dotted component (`Microsoft.Extensions.Logging` → vendor `microsoft`).
enum NuGetPackages {
    static func package(_ metadata: DotNetMetadata, location: Location, foundBy: String) -> Package {
        let firstComponent = metadata.name.split(separator: ".").first.map(String.init) ?? metadata.name
        return Package(
            name: metadata.name, version: metadata.version, type: .dotnet, foundBy: foundBy,
            purl: PURL(type: "nuget", name: metadata.name, version: metadata.version).description,
            // An empty target software is written as `*` (the parameter's default `"*"` is escaped to `\*`).
            cpes: CPE.candidates(vendors: [metadata.name, firstComponent], products: [metadata.name], version: metadata.version, targetSoftware: ""),
            locations: [location], language: "dotnet", metadata: .dotnet(metadata))
    }
}
