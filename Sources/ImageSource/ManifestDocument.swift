import Foundation
import Model

/// A manifest-like JSON document: an image manifest or an index, told apart by the declared
/// media type and, when that is missing (it is optional in OCI), by shape.
enum ManifestDocument {
    case manifest(ImageManifest)
    case index(ImageIndex)

    private struct Probe: Decodable {
        var schemaVersion: Int?
        var mediaType: String?
        var manifests: [EmptyObject]?
        var layers: [EmptyObject]?
    }

    static func parse(_ bytes: [UInt8], declaredType: String?, what: String) throws(ImageSourceError) -> ManifestDocument {
        let data = Data(bytes)
        let probe: Probe
        do { probe = try JSONDecoder().decode(Probe.self, from: data) } catch {
            throw .malformed(what: what, reason: "not a JSON manifest: \(JSONErrors.describe(error))")
        }
        let type = probe.mediaType ?? declaredType.flatMap { $0.split(separator: ";").first.map { String($0).trimmingCharacters(in: .whitespaces) } }
        if probe.schemaVersion == 1 || MediaType.isSchema1(type) {
            throw .unsupportedManifest(what: what, mediaType: type ?? MediaType.dockerSchema1,
                                       reason: "Docker image manifest v2 schema 1 is deprecated and not supported; re-push the image with a current client (schema 2 or OCI)")
        }
        do {
            if MediaType.isIndex(type) || (type == nil && probe.manifests != nil) {
                return .index(try JSONDecoder().decode(ImageIndex.self, from: data))
            }
            if MediaType.isManifest(type) || (type == nil || type == "application/json") && probe.layers != nil {
                return .manifest(try JSONDecoder().decode(ImageManifest.self, from: data))
            }
        } catch {
            throw .malformed(what: what, reason: JSONErrors.describe(error))
        }
        throw .unsupportedManifest(what: what, mediaType: type ?? "none", reason: "not an image manifest or index")
    }
}

enum JSONErrors {
    /// A one-line reason naming the JSON path, instead of DecodingError's dump.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)'\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(context.debugDescription)\(path(context))"
        case .dataCorrupted(let context): return "\(context.debugDescription)\(path(context))"
        @unknown default: return "\(error)"
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], what: String) throws(ImageSourceError) -> T {
        do { return try JSONDecoder().decode(type, from: Data(bytes)) } catch {
            throw .malformed(what: what, reason: JSONErrors.describe(error))
        }
    }
}
