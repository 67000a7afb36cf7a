import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOSSL
import Store

/// Delivers the outbox: claims due notifications (a lease, so instances never send the same one at
/// once), POSTs Anchore's envelope to each one's destination, and records the outcome — delivered
/// on a 2xx, else retried with exponential backoff (1 s doubling to 60 s) until its deadline, then
/// failed with a `notification failed` event. A crash between sending and recording means the
/// receiver may see a delivery id twice (at least once), never none.
public struct NotificationDeliverer: Sendable {
    let service: HawserService
    let name: String

    public init(service: HawserService, name: String) {
        self.service = service
        self.name = name
    }

    public func run() async {
        let settings = service.configuration.notifications
        // Nothing is ever queued without a destination.
        guard !settings.isEmpty else { return }
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(5), read: .seconds(10)))
        if !settings.verifyTLS {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            configuration.tlsConfiguration = tls
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        while !Task.isCancelled {
            let delivered = await deliverDue(http: http)
            if delivered == 0 { try? await Task.sleep(for: settings.pollInterval) }
        }
        try? await http.shutdown()
    }

    /// One pass over the due notifications; returns how many were attempted.
    func deliverDue(http: HTTPClient) async -> Int {
        let store = service.store, name = self.name, now = service.clock()
        // Held for three request timeouts: a deliverer that died mid-attempt frees its claims soon.
        let lease = max(10, 3 * Double(service.configuration.notifications.requestTimeout.components.seconds))
        guard let due = try? await store.claimNotifications(worker: name, now: now, leaseSeconds: lease, limit: 20), !due.isEmpty else { return 0 }
        await withTaskGroup(of: Void.self) { group in
            for notification in due {
                group.addTask { await deliver(notification, http: http) }
            }
        }
        return due.count
    }

    func deliver(_ notification: StoredNotification, http: HTTPClient) async {
        let settings = service.configuration.notifications
        let outcome: NotificationOutcome
        do {
            let endpoint = NotificationEndpoint(destination: notification.destination)
            let body = try endpoint.body(notification) { try envelope(notification) }
            var request = HTTPClientRequest(url: endpoint.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "hawser-notifications")
            request.headers.add(name: "X-Hawser-Delivery", value: notification.id)
            request.headers.add(name: "X-Hawser-Notification-Type", value: notification.type)
            if let secret = settings.signingSecret {
                let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
                request.headers.add(name: "X-Hawser-Signature", value: "sha256=" + mac.map { String(format: "%02x", $0) }.joined())
            }
            if let user = settings.username, let password = settings.password {
                request.headers.add(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
            }
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await http.execute(request, timeout: .init(settings.requestTimeout))
            _ = try? await response.body.collect(upTo: 1 << 20)
            guard (200..<300).contains(Int(response.status.code)) else { throw DeliveryError.status(Int(response.status.code)) }
            outcome = .delivered(at: service.clock())
        } catch {
            outcome = failure(notification, error: "\(error)")
        }
        if case .delivered = outcome {
            service.logger.info("notification delivered", metadata: ["id": "\(notification.id)", "type": "\(notification.type)"])
        }
        let store = service.store
        _ = try? await store.finishNotification(id: notification.id, outcome: outcome)
    }

    enum DeliveryError: Error, CustomStringConvertible {
        case status(Int)
        var description: String {
            switch self { case .status(let code): "the receiver answered HTTP \(code)" }
        }
    }

    /// Retry with backoff, or give up past the deadline.
    func failure(_ notification: StoredNotification, error: String) -> NotificationOutcome {
        let now = service.clock()
        let delay = min(60, pow(2, Double(notification.attempts)))
        let next = now.addingTimeInterval(delay)
        guard next <= notification.deadline else {
            let event = StoredEvent(account: notification.account, type: "system.notification.delivery.failed", level: "error",
                                    message: "Notification \(notification.id) (\(notification.type)) could not be delivered to \(notification.destination) "
                                        + "before its deadline: \(error)",
                                    details: AnalysisWorker.details(["notification_id": notification.id, "destination": notification.destination, "error": error]),
                                    resourceType: "notification", resourceID: notification.id, createdAt: now)
            return .failed(error: error, event: event)
        }
        service.logger.warning("notification delivery failed; will retry", metadata: ["id": "\(notification.id)", "error": "\(error)"])
        return .retry(next: next, error: error)
    }

    /// Anchore's webhook envelope around the stored payload.
    func envelope(_ notification: StoredNotification) throws -> Data {
        let payload = try JSONSerialization.jsonObject(with: notification.payload)
        let created = ISO8601DateFormatter().string(from: notification.createdAt)
        let envelope: [String: Any] = [
            "queueId": notification.id, "userId": notification.account, "dataId": notification.id,
            "created_at": created, "last_updated": ISO8601DateFormatter().string(from: service.clock()),
            "record_state_key": "active", "record_state_val": NSNull(), "tries": notification.attempts,
            "max_tries": Int(notification.deadline.timeIntervalSince1970),
            "data": [
                "notification_user": notification.account, "notification_user_email": NSNull(),
                "notification_type": notification.type, "notification_payload": payload,
            ] as [String: Any],
        ]
        return try JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys])
    }
}
