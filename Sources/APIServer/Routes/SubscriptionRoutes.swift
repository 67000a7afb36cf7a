import Foundation
import Hummingbird
import Service
import Store

/// `/subscriptions`: stored and listed here; the watch mode acts on them.
struct SubscriptionRoutes {
    let service: HawserService

    struct SubscriptionBody: Decodable {
        var subscription_key: String?
        var subscription_type: String?
        var subscription_value: String?
        var active: Bool?
    }

    struct SubscriptionReply: Encodable {
        var subscription_id: String
        var subscription_key: String
        var subscription_type: String
        @Nullable var subscription_value: String?
        var active: Bool
        var userId: String
        var created_at: Date
        var last_updated: Date

        init(_ subscription: Subscription) {
            subscription_id = subscription.id
            subscription_key = subscription.key
            subscription_type = subscription.type
            subscription_value = subscription.value
            active = subscription.active
            userId = subscription.account
            created_at = subscription.createdAt
            last_updated = subscription.lastUpdated
        }
    }

    func register<Router: RouterMethods<APIContext>>(on router: Router) {
        router.get("subscriptions") { request, context in
            let account = try context.requireAccount()
            var found = try await call { () async throws(ServiceError) in try await service.subscriptions(account: account) }
            if let key = request.query("subscription_key") { found = found.filter { $0.key == key } }
            if let type = request.query("subscription_type") { found = found.filter { $0.type == type } }
            return try JSONReply.make(found.map(SubscriptionReply.init))
        }
        router.post("repositories") { request, context in
            let account = try context.requireAccount()
            guard let repository = request.query("repository") else {
                throw APIError(status: .badRequest, message: "query parameter repository (registry/repository) is required")
            }
            let autosubscribe = try request.flag("autosubscribe", default: false)
            let dryRun = try request.flag("dryrun", default: false)
            let lookupTag = request.query("lookuptag")
            let watch = try await call { () async throws(ServiceError) in
                try await service.watchRepository(account: account, repository: repository, autosubscribe: autosubscribe, lookupTag: lookupTag,
                                                  dryRun: dryRun)
            }
            return try JSONReply.make([SubscriptionReply(watch.subscription)])
        }
        router.get("subscriptions/types") { _, _ in
            try JSONReply.make(["tag_update", "policy_eval", "vuln_update", "analysis_update", "repo_update"])
        }
        router.post("subscriptions") { request, context in
            let account = try context.requireAccount()
            let body = try await JSONReply.decode(SubscriptionBody.self, from: request, context: context)
            guard let key = body.subscription_key, let type = body.subscription_type else {
                throw APIError(status: .badRequest, message: "subscription_key and subscription_type are required")
            }
            let created = try await call { () async throws(ServiceError) in
                try await service.addSubscription(account: account, key: key, type: type, value: body.subscription_value, active: body.active ?? true)
            }
            return try JSONReply.make([SubscriptionReply(created)])
        }
        router.get("subscriptions/:id") { _, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id")
            let found = try await call { () async throws(ServiceError) in try await service.subscriptions(account: account) }.filter { $0.id == id }
            guard !found.isEmpty else { throw APIError(status: .notFound, message: "subscription \(id) not found") }
            return try JSONReply.make(found.map(SubscriptionReply.init))
        }
        router.put("subscriptions/:id") { request, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id")
            let body = try await JSONReply.decode(SubscriptionBody.self, from: request, context: context)
            let updated = try await call { () async throws(ServiceError) in
                try await service.updateSubscription(account: account, id: id, active: body.active, value: body.subscription_value)
            }
            return try JSONReply.make([SubscriptionReply(updated)])
        }
        router.delete("subscriptions/:id") { _, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id")
            try await call { () async throws(ServiceError) in try await service.deleteSubscription(account: account, id: id) }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "true")))
        }
    }
}
