import Crypto
import Foundation
import Logging
import Store
import Testing
@testable import Service

/// Which notifications are queued: `event_log` for the configured event levels, and subscriptions
/// whose value restricts them to some digests.
struct NotificationRoutingTests {
    static func service(_ harness: APITestHarness, eventLogLevels: Set<String>) -> HawserService {
        var configuration = harness.service.configuration
        configuration.notifications = NotificationSettings(webhookURLs: ["general": "http://127.0.0.1:9/<notification_type>/<userId>"])
        configuration.notifications.eventLogLevels = eventLogLevels
        return HawserService(store: harness.store, configuration: configuration, secrets: SecretBox(key: SymmetricKey(size: .bits256)),
                             logger: Logger(label: "routing-tests"))
    }

    func queued(_ harness: APITestHarness) async throws -> [StoredNotification] {
        // Claimed for an hour: a later call sees only what was queued since.
        try await harness.store.claimNotifications(worker: "t", now: Date().addingTimeInterval(60), leaseSeconds: 3600, limit: 100)
    }

    @Test func eventLogTakesTheConfiguredLevels() async throws {
        let harness = try await APITestHarness()
        defer { harness.directory.remove() }
        let service = Self.service(harness, eventLogLevels: ["error"])
        try await service.recordEvent(account: "team1", type: "system.feeds.sync.failed", level: "error", message: "NVD: HTTP 503",
                                      details: "{\"source\":\"nvd\"}", resourceType: "feeds", resourceID: "vulnerabilities")
        try await service.recordEvent(account: "team1", type: "system.feeds.sync.completed", level: "info", message: "ok",
                                      resourceType: "feeds", resourceID: "vulnerabilities")
        let notifications = try await queued(harness)
        #expect(notifications.map(\.type) == ["event_log"])
        #expect(notifications.first?.destination == "http://127.0.0.1:9/event_log/team1")
        let first = try #require(notifications.first)
        let payload = try #require(try JSONSerialization.jsonObject(with: first.payload) as? [String: Any])
        let event = try #require((payload["event"] as? [String: Any])?["event"] as? [String: Any])
        #expect(event["type"] as? String == "system.feeds.sync.failed" && event["level"] as? String == "ERROR")
        #expect((event["details"] as? [String: Any])?["source"] as? String == "nvd")
        #expect((event["resource"] as? [String: Any])?["user_id"] as? String == "team1")

        // Off unless configured.
        try await Self.service(harness, eventLogLevels: []).recordEvent(account: "team1", type: "system.feeds.sync.failed", level: "error",
                                                                         message: "again", resourceType: "feeds", resourceID: "vulnerabilities")
        #expect(try await queued(harness).isEmpty)
    }

    @Test func aSubscriptionValueNamingDigestsCoversOnlyThose() async throws {
        let harness = try await APITestHarness()
        defer { harness.directory.remove() }
        let service = Self.service(harness, eventLogLevels: [])
        let key = "127.0.0.1:5055/fixture/app:latest", wanted = "sha256:" + String(repeating: "a", count: 64)
        _ = try await service.addSubscription(account: "admin", key: key, type: "vuln_update", value: "{\"digests\": [\"\(wanted)\"]}", active: true)
        try await service.notify(account: "admin", type: "vuln_update", key: key, digest: "sha256:" + String(repeating: "b", count: 64), fields: [:])
        #expect(try await queued(harness).isEmpty)
        try await service.notify(account: "admin", type: "vuln_update", key: key, digest: wanted, fields: ["imageDigest": wanted])
        #expect(try await queued(harness).map(\.type) == ["vuln_update"])
        // A value without digests restricts nothing.
        _ = try await service.addSubscription(account: "admin", key: key, type: "policy_eval", value: "{\"other\": 1}", active: true)
        try await service.notify(account: "admin", type: "policy_eval", key: key, digest: "sha256:" + String(repeating: "c", count: 64), fields: [:])
        #expect(try await queued(harness).map(\.type) == ["policy_eval"])
    }
}
