import Foundation
import Store

extension HawserService {
    /// Raises a notification of `type` for the subscription `key` when that subscription is active
    /// and a webhook is configured: one outbox row per destination, delivered by `NotificationDeliverer`.
    /// `fields` are the type's payload fields (Anchore's `notification_payload`). A subscription
    /// whose value names digests (`{"digests": [...]}`) covers only those: `digest` must be one.
    func notify(account: String, type: String, key: String, digest: String? = nil, fields: [String: Any]) async throws(ServiceError) {
        let destinations = configuration.notifications.destinations(type: type, account: account)
        guard !destinations.isEmpty, try await subscribed(account: account, type: type, key: key, digest: digest) else { return }
        try await enqueue(account: account, type: type, key: key, fields: fields, destinations: destinations)
    }

    /// Whether the `type` subscription on `key` is active and, when its value restricts digests, covers `digest`.
    func subscribed(account: String, type: String, key: String, digest: String?) async throws(ServiceError) -> Bool {
        let id = Subscription.identifier(account: account, key: key, type: type)
        guard let subscription = try await storeCall({ () async throws(StoreError) in try await store.subscription(account: account, id: id) }),
              subscription.active else { return false }
        guard let digest, let digests = Self.digestFilter(subscription.value) else { return true }
        return digests.contains(digest)
    }

    /// The digests a subscription value `{"digests": [...]}` restricts it to; nil when it does not.
    static func digestFilter(_ value: String?) -> Set<String>? {
        guard let value, let object = try? JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String: Any],
              let digests = object["digests"] as? [String] else { return nil }
        return Set(digests)
    }

    /// Raises `event_log` for a stored event when its level is configured for it (no subscription:
    /// Anchore enables it in configuration). The payload carries the event as `/events` lists it.
    /// Best effort: an event is stored whether or not its notification can be queued.
    func notifyEventLog(_ event: StoredEvent) async {
        guard configuration.notifications.eventLogLevels.contains(event.level.lowercased()) else { return }
        let type = NotificationSettings.eventLog
        let destinations = configuration.notifications.destinations(type: type, account: event.account)
        guard !destinations.isEmpty else { return }
        let details = (try? JSONSerialization.jsonObject(with: Data(event.details.utf8))) ?? [:]
        let timestamp = ISO8601DateFormatter().string(from: event.createdAt)
        let record: [String: Any] = [
            "generated_uuid": event.id, "created_at": timestamp,
            "event": [
                "type": event.type, "level": event.level.uppercased(), "message": event.message, "details": details, "timestamp": timestamp,
                "resource": ["id": event.resourceID, "type": event.resourceType, "user_id": event.account],
                "source": ["servicename": "catalog", "hostid": configuration.hostID],
            ] as [String: Any],
        ]
        do { try await enqueue(account: event.account, type: type, key: event.type, fields: ["event": record], destinations: destinations) } catch {
            logger.warning("cannot queue the event_log notification", metadata: ["event": "\(event.id)", "error": "\(error)"])
        }
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
        await notificationDoorbell.ring()
        return ids
    }
}
