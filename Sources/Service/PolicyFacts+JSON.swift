import Foundation
import Model

extension PolicyFacts {
    /// The document as `JSONEncoder` writes it, with its thousands of small entries (packages,
    /// matches) written by `JSONWriter`; the few SBOM parts copied as they are keep `JSONEncoder`.
    func jsonData() throws(ServiceError) -> Data {
        var writer = JSONWriter(capacity: 1024 + 128 * packages.count + 512 * matches.count)
        writer.beginObject()
        writer.key("schemaVersion"); writer.number(schemaVersion)
        writer.key("database"); writer.string(database)
        writer.key("source"); writer.raw(try HawserService.encode(source))
        if let distro { writer.key("distro"); writer.raw(try HawserService.encode(distro)) }
        writer.key("packages"); writer.beginArray()
        for package in packages {
            writer.beginObject()
            writer.key("n"); writer.string(package.n)
            writer.key("v"); writer.string(package.v)
            writer.key("t"); writer.string(package.t.rawValue)
            writer.key("l"); writer.strings(package.l)
            writer.field("p", package.p)
            writer.endObject()
        }
        writer.endArray()
        writer.key("secrets"); writer.raw(try HawserService.encode(secrets))
        if let contentMatches { writer.key("contentMatches"); writer.raw(try HawserService.encode(contentMatches)) }
        if let packageVerification { writer.key("packageVerification"); writer.raw(try HawserService.encode(packageVerification)) }
        writer.key("retrievedFiles"); writer.raw(try HawserService.encode(retrievedFiles))
        if let dockerfile { writer.key("dockerfile"); writer.raw(try HawserService.encode(dockerfile)) }
        writer.key("matchedPackages"); writer.beginArray()
        for package in matchedPackages { writer.write(package) }
        writer.endArray()
        writer.key("matches"); writer.beginArray()
        for match in matches {
            writer.beginObject()
            writer.key("pk"); writer.number(match.pk)
            writer.key("id"); writer.string(match.id)
            writer.key("severity"); writer.string(match.severity.rawValue)
            writer.key("fs"); writer.string(match.fs.rawValue)
            writer.key("fx"); writer.strings(match.fx)
            writer.key("cv"); writer.beginArray()
            for score in match.cv { writer.write(score) }
            writer.endArray()
            writer.field("pub", match.pub)
            writer.field("fo", match.fo)
            writer.field("u", match.u)
            writer.key("al"); writer.strings(match.al)
            writer.key("kev"); writer.bool(match.kev)
            writer.field("es", match.es)
            writer.field("ep", match.ep)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return Data(writer.bytes)
    }
}
