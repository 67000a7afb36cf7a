import Model

/// How a gem becomes a package, for both Ruby catalogers.
enum RubyGems {
    /// `pkg:gem/<name>@<version>` (`?platform=` for a platform gem), CPE candidates under the gem's
    /// name and `ruby-lang` (as Syft), supplier from the authors.
    static func package(_ metadata: GemMetadata, platform: String? = nil, location: Location, foundBy: String) -> Package {
        Package(
            name: metadata.name, version: metadata.version, type: .gem, foundBy: foundBy,
            purl: PURL(type: "gem", name: metadata.name, version: metadata.version, qualifiers: platform.map { ["platform": $0] } ?? [:]).description,
            cpes: CPE.candidates(vendors: [metadata.name, "ruby-lang"], products: [metadata.name], version: metadata.version, targetSoftware: "ruby"),
            licenses: metadata.licenses, locations: [location], language: "ruby",
            supplier: metadata.authors.isEmpty ? nil : metadata.authors.joined(separator: ", "),
            metadata: .gem(metadata))
    }
}
