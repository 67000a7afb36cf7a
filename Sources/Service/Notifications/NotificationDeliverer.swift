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
        // Deliveries run side by side and the outbox is polled meanwhile: a slow destination (an
        // SMTP conversation, a receiver that times out) never holds back the notifications behind it.
        let inFlight = InFlight(limit: 32)
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let claimed = await claimDue(limit: await inFlight.free)
                for notification in claimed {
                    await inFlight.start()
                    group.addTask {
                        await deliver(notification, http: http)
                        await inFlight.finish()
                    }
                }
                if claimed.isEmpty { await service.notificationDoorbell.wait(upTo: settings.pollInterval) }
            }
        }
        try? await http.shutdown()
    }

    /// How many deliveries are under way, so no more than `limit` run at once.
    actor InFlight {
        let limit: Int
        private var running = 0
        init(limit: Int) { self.limit = limit }
        var free: Int { max(0, limit - running) }
        func start() { running += 1 }
        func finish() { running -= 1 }
    }

    /// Claims up to `limit` due notifications.
    func claimDue(limit: Int) async -> [StoredNotification] {
        guard limit > 0 else { return [] }
        let store = service.store, name = self.name, now = service.clock()
        // Held for three request timeouts: a deliverer that died mid-attempt frees its claims soon.
        let lease = max(10, 3 * Double(service.configuration.notifications.requestTimeout.components.seconds))
        return (try? await store.claimNotifications(worker: name, now: now, leaseSeconds: lease, limit: limit)) ?? []
    }

    func deliver(_ notification: StoredNotification, http: HTTPClient) async {
        let outcome: NotificationOutcome
        do {
            let endpoint = NotificationEndpoint(destination: notification.destination)
            if case .email(let recipients) = endpoint {
                try await sendEmail(notification, to: recipients)
            } else {
                try await post(notification, to: endpoint, http: http)
            }
            outcome = .delivered(at: service.clock())
        } catch {
            outcome = failure(notification, error: "\(error)")
        }
        if case .delivered = outcome {
            service.logger.info("notification delivered", metadata: ["id": "\(notification.id)", "type": "\(notification.type)"])
        }
        let store = service.store
        _ = try? await store.finishNotification(id: notification.id, outcome: outcome)
        // A lost event_log notification is not itself notified: that could go on for ever.
        if case .failed(_, let event) = outcome, notification.type != NotificationSettings.eventLog {
            await service.notifyEventLog(event)
        }
    }

    /// A webhook, chat message or new issue: one POST that must answer 2xx.
    func post(_ notification: StoredNotification, to endpoint: NotificationEndpoint, http: HTTPClient) async throws {
        let settings = service.configuration.notifications
        var request: HTTPClientRequest
        let body: Data
        switch endpoint {
        case .github(let repository):
            guard let tracker = settings.issueTrackers.first(where: { $0.kind == .github && $0.target == repository }) else {
                throw DeliveryError.unconfigured(notification.destination)
            }
            let text = try NotificationText(notification)
            body = try JSONSerialization.data(withJSONObject: ["title": "[Hawser] " + text.title, "body": text.body,
                                                               "labels": tracker.labels], options: [.sortedKeys])
            request = HTTPClientRequest(url: tracker.apiRoot + "/repos/\(repository)/issues")
            request.headers.add(name: "Authorization", value: "Bearer \(tracker.token)")
            request.headers.add(name: "Accept", value: "application/vnd.github+json")
            request.headers.add(name: "X-GitHub-Api-Version", value: "2022-11-28")
        case .jira(let project):
            guard let tracker = settings.issueTrackers.first(where: { $0.kind == .jira && $0.target == project }) else {
                throw DeliveryError.unconfigured(notification.destination)
            }
            let text = try NotificationText(notification)
            let fields: [String: Any] = ["project": ["key": project], "summary": "[Hawser] " + text.title, "description": text.body,
                                         "issuetype": ["name": tracker.issueType], "labels": tracker.labels]
            body = try JSONSerialization.data(withJSONObject: ["fields": fields], options: [.sortedKeys])
            request = HTTPClientRequest(url: tracker.apiRoot + "/rest/api/2/issue")
            request.headers.add(name: "Authorization", value: "Basic " + Data("\(tracker.username ?? ""):\(tracker.token)".utf8).base64EncodedString())
        case .webhook(let url), .slack(let url), .teams(let url):
            body = try endpoint.body(notification) { try envelope(notification) }
            request = HTTPClientRequest(url: url)
            if case .webhook = endpoint, let user = settings.username, let password = settings.password {
                request.headers.add(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
            }
        case .email:
            return
        }
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "hawser-notifications")
        request.headers.add(name: "X-Hawser-Delivery", value: notification.id)
        request.headers.add(name: "X-Hawser-Notification-Type", value: notification.type)
        if let secret = settings.signingSecret {
            let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
            request.headers.add(name: "X-Hawser-Signature", value: "sha256=" + mac.map { String(format: "%02x", $0) }.joined())
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await http.execute(request, timeout: .init(settings.requestTimeout))
        let answer = try? await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw DeliveryError.status(Int(response.status.code), answer.map { String(buffer: $0).prefix(300) }.map(String.init) ?? "")
        }
    }

    /// An e-mail to `recipients` through the configured SMTP server.
    func sendEmail(_ notification: StoredNotification, to recipients: [String]) async throws {
        guard let smtp = service.configuration.notifications.email else { throw DeliveryError.unconfigured(notification.destination) }
        let message = try NotificationText(notification).email(from: smtp.from, to: recipients, id: notification.id, date: notification.createdAt)
        let timeout = service.configuration.notifications.requestTimeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await SMTPClient(settings: smtp).send(from: smtp.from, to: recipients, message: message) }
            group.addTask {
                try await Task.sleep(for: timeout * 3)
                throw DeliveryError.timedOut
            }
            try await group.next()
            group.cancelAll()
        }
    }

    enum DeliveryError: Error, CustomStringConvertible {
        case status(Int, String)
        case unconfigured(String)
        case timedOut
        var description: String {
            switch self {
            case .status(let code, let body): "the receiver answered HTTP \(code)" + (body.isEmpty ? "" : ": \(body)")
            case .unconfigured(let destination): "\(destination) is no longer configured"
            case .timedOut: "the SMTP conversation timed out"
            }
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
