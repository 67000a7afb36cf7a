import Model

/// One package entry as Composer writes it in `composer.lock` and `installed.json`
/// (https://getcomposer.org/doc/04-schema.md). `name` and `version` are required; every other field
/// is read if it has the expected shape and ignored otherwise.
struct ComposerPackage: Decodable {
    struct Author: Decodable {
        var name: String?
        var email: String?
    }

    var name: String
    var version: String
    var source: ComposerMetadata.Reference?
    var dist: ComposerMetadata.Reference?
    var require: [String: String]
    var requireDev: [String: String]
    /// A string (`"MIT"`) or an array of them.
    var licenses: [String]
    var type: String?
    var authors: [Author]
    var description: String?
    var homepage: String?
    var time: String?

    enum CodingKeys: String, CodingKey {
        case name, version, source, dist, require, license, type, authors, description, homepage, time
        case requireDev = "require-dev"
    }

    struct Reference: Decodable {
        var type: String?
        var url: String?
        var reference: String?
        var shasum: String?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decode(String.self, forKey: .version)
        func reference(_ key: CodingKeys) -> ComposerMetadata.Reference? {
            container.tolerant(Reference.self, forKey: key).map {
                ComposerMetadata.Reference(type: $0.type, url: $0.url, reference: $0.reference, shasum: $0.shasum.flatMap { $0.isEmpty ? nil : $0 })
            }
        }
        source = reference(.source)
        dist = reference(.dist)
        require = container.tolerant([String: String].self, forKey: .require) ?? [:]
        requireDev = container.tolerant([String: String].self, forKey: .requireDev) ?? [:]
        if let list = container.tolerant([String].self, forKey: .license) {
            licenses = list.filter { !$0.isEmpty }
        } else if let single = container.tolerant(String.self, forKey: .license), !single.isEmpty {
            licenses = [single]
        } else {
            licenses = []
        }
        type = container.tolerant(String.self, forKey: .type)
        authors = (container.tolerant([Tolerant<Author>].self, forKey: .authors) ?? []).compactMap(\.value)
        description = container.tolerant(String.self, forKey: .description)
        homepage = container.tolerant(String.self, forKey: .homepage)
        time = container.tolerant(String.self, forKey: .time)
    }

    /// `vendor/package` → `pkg:composer/vendor/package@version`, CPE candidates from both halves,
    /// supplier from the first author's name.
    func package(isDevelopment: Bool, location: Location, foundBy: String) -> Package {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let vendor = parts.count > 1 ? parts[0] : nil
        let project = parts.count > 1 ? parts.dropFirst().joined(separator: "-") : name
        let authorNames = authors.compactMap { author -> String? in
            guard let name = author.name, !name.isEmpty else { return nil }
            return author.email.map { "\(name) <\($0)>" } ?? name
        }
        let metadata = ComposerMetadata(name: name, version: version, source: source, dist: dist, require: require, requireDev: requireDev,
                                        licenses: licenses, type: type, authors: authorNames, description: description,
                                        homepage: homepage, time: time, isDevelopment: isDevelopment)
        return Package(
            name: name, version: version, type: .phpComposer, foundBy: foundBy,
            purl: PURL(type: "composer", namespace: vendor, name: project, version: version).description,
            cpes: CPE.candidates(vendors: [vendor ?? project, project], products: [project], version: version, targetSoftware: "php"),
            licenses: licenses, locations: [location], language: "php",
            supplier: authors.first?.name.flatMap { $0.isEmpty ? nil : $0 },
            metadata: .phpComposer(metadata))
    }
}
