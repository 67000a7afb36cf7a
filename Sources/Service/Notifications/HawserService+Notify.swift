import Foundation
import Store

extension HawserService {
    /// Raises a notification of `type` for the subscription `key` when that subscription is active
    /// and a webhook is configured: one outbox row per destination, delivered by `NotificationDeliverer`.
    /// `fields` are the type's payload fields (Anchore's `notification_payload`).
    func notify(account: String, type: String, key: String, fields: [String: Any]) async throws(ServiceError) {
        let destinations = configuration.notifications.destinations(type: type, account: account)
        guard !destinations.isEmpty else { return }
        let id = Subscription.identifier(account: account, key: key, type: type)
        let subscriptions = try await storeCall { () async throws(StoreError) in try await store.subscriptions(account: account) }
        guard subscriptions.contains(where: { $0.id == id && $0.active }) else { return }
        try await enqueue(account: account, type: type, key: key, fields: fields, destinations: destinations)
    }

    /// `POST /system/webhooks/{type}/test`: a test notification of `notificationType` to the `endpoint`
    /// webhook (`general` or a type's); returns the delivery ids queued.
    public func sendTestNotification(account: String, endpoint: String, notificationType: String) async throws(ServiceError) -> [String] {
        guard let url = configuration.notifications.webhookURLs[endpoint] else {
            throw .notFound("no webhook is configured for '\(endpoint)' (configured: \(configuration.notifications.webhookURLs.keys.sorted().joined(separator: ", ")))")
        }
        let destination = url.replacingOccurrences(of: "<userId>", with: account).replacingOccurrences(of: "<notification_type>", with: notificationType)
        return try await enqueue(account: account, type: notificationType, key: "test_tag", fields: [
            "imageDigest": "test_image_digest", "test": true,
            "last_eval": ["imageDigest": "test_image_digest"], "curr_eval": ["imageDigest": "test_image_digest"],
        ], destinations: [destination])
    }

    /// Stores the notification for each destination (no subscription check: `test` notifications).
    @discardableResult
    func enqueue(account: String, type: String, key: String, fields: [String: Any], destinations: [String]) async throws(ServiceError) -> [String] {
        let now = clock()
        var ids: [String] = []
        for destination in destinations {
            let id = UUID().uuidString.lowercased()
            ids.append(id)
            var payload = fields
            payload["userId"] = account
            payload["subscription_key"] = key
            payload["subscription_type"] = type
            payload["notificationId"] = id
            let data: Data
            do { data = try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]) } catch {
                throw .unavailable("cannot encode the \(type) notification: \(error)")
            }
            let notification = StoredNotification(id: id, account: account, type: type, subscriptionKey: key, destination: destination,
                                                  payload: data, createdAt: now, deadline: now.addingTimeInterval(configuration.notifications.retryTimeout))
            try await storeCall { () async throws(StoreError) in try await store.enqueueNotification(notification) }
        }
        return ids
    }
}
