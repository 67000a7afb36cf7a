import Foundation
import Hummingbird
import Service
import Store

/// `/events`: paged, newest first, with Anchore's envelope.
struct EventRoutes {
    let service: HawserService

    struct EventEnvelope: Encodable {
        struct Resource: Encodable {
            var id: String
            var type: String
            var user_id: String
        }
        struct Source: Encodable {
            var servicename: String
            var hostid: String
            var base_url: String
            @Nullable var request_id: String?
        }
        struct Event: Encodable {
            var type: String
            var level: String
            var message: String
            var details: JSONText
            var timestamp: Date
            var resource: Resource
            var source: Source
        }
        var generated_uuid: String
        var created_at: Date
        var event: Event
    }

    /// A stored JSON object written through as JSON.
    struct JSONText: Encodable {
        var text: String
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            let object = (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
            try container.encode(object)
        }
    }

    struct EventPage: Encodable {
        var results: [EventEnvelope]
        var next_page: Bool
        var item_count: Int
        var page: Int
    }

    func envelope(_ event: StoredEvent) -> EventEnvelope {
        EventEnvelope(generated_uuid: event.id, created_at: event.createdAt, event: .init(
            type: event.type, level: event.level.uppercased(), message: event.message, details: JSONText(text: event.details),
            timestamp: event.createdAt, resource: .init(id: event.resourceID, type: event.resourceType, user_id: event.account),
            source: .init(servicename: "catalog", hostid: service.configuration.hostID, base_url: "http://\(service.configuration.hostID)", request_id: nil)))
    }

    func filter(_ request: Request) throws -> EventFilter {
        func date(_ name: String) throws -> Date? {
            guard let text = request.query(name) else { return nil }
            let formatter = ISO8601DateFormatter()
            for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime], [.withFullDate]] {
                formatter.formatOptions = options
                if let date = formatter.date(from: text) { return date }
            }
            throw APIError(status: .badRequest, message: "query parameter \(name) must be an ISO-8601 time, not '\(text)'")
        }
        return EventFilter(type: request.query("event_type"), level: request.query("level"), resourceType: request.query("resource_type"),
                           resourceID: request.query("resource_id"), since: try date("since"), before: try date("before"))
    }

    func register<Router: RouterMethods<APIContext>>(on router: Router) {
        router.get("events") { request, context in
            let account = try context.requireAccount()
            let page = max(1, Int(request.query("page") ?? "1") ?? 1)
            let limit = min(1000, max(1, Int(request.query("limit") ?? "100") ?? 100))
            let filter = try filter(request)
            let (events, more) = try await call { () async throws(ServiceError) in
                try await service.events(account: account, filter: filter, page: page, limit: limit)
            }
            return try JSONReply.make(EventPage(results: events.map(envelope), next_page: more, item_count: events.count, page: page))
        }
        router.delete("events") { request, context in
            let account = try context.requireAccount()
            let filter = try filter(request)
            return try JSONReply.make(try await call { () async throws(ServiceError) in try await service.deleteEvents(account: account, filter: filter) })
        }
        router.get("events/:id") { _, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id")
            return try JSONReply.make(envelope(try await call { () async throws(ServiceError) in try await service.event(account: account, id: id) }))
        }
        router.delete("events/:id") { _, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id")
            let deleted = try await call { () async throws(ServiceError) in try await service.deleteEvents(account: account, filter: EventFilter(), id: id) }
            guard !deleted.isEmpty else { throw APIError(status: .notFound, message: "event \(id) not found") }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "true")))
        }
    }
}
