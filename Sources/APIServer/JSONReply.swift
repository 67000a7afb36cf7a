import Foundation
import Hummingbird

/// JSON responses with Anchore's conventions: ISO-8601 UTC timestamps with a trailing `Z`.
enum JSONReply {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(date))
        }
        return encoder
    }()

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func raw(_ bytes: some Sequence<UInt8>, contentType: String = "application/json") -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Decodes a JSON request body, naming what was wrong with it.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: APIContext) async throws -> T {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: context.maxUploadSize) } catch {
            throw APIError(status: .contentTooLarge, message: "request body too large (limit \(context.maxUploadSize) bytes)")
        }
        guard buffer.readableBytes > 0 else { throw APIError(status: .badRequest, message: "the request needs a JSON body") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let DecodingError.dataCorrupted(context) {
            throw APIError(status: .badRequest, message: "malformed JSON body: \(context.debugDescription) \(context.underlyingError.map { "\($0)" } ?? "")")
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError(status: .badRequest, message: "missing field '\(path(context.codingPath + [key]))' in the request body")
        } catch let DecodingError.typeMismatch(_, context) {
            throw APIError(status: .badRequest, message: "field '\(path(context.codingPath))' has the wrong type: \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw APIError(status: .badRequest, message: "field '\(path(context.codingPath))' must not be null")
        } catch {
            throw APIError(status: .badRequest, message: "malformed JSON body: \(error)")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
}

/// Query parameter helpers with Anchore's spellings of booleans (`True`/`False`).
extension Request {
    func flag(_ name: String, default value: Bool) throws -> Bool {
        guard let text = uri.queryParameters.get(name) else { return value }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError(status: .badRequest, message: "query parameter \(name) must be true or false, not '\(text)'")
        }
    }

    func query(_ name: String) -> String? {
        uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }
}
