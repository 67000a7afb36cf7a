import Foundation
import Hummingbird
import Service
import VulnDB

/// `/`, `/health`, `/version`, `/status`, `/system`, `/system/feeds`, error codes, `/oauth/token`.
struct SystemRoutes {
    let service: HawserService
    let version: String

    struct ServiceState: Encodable {
        struct Detail: Encodable {
            var up: Bool
            var version: String
            var db_version: String
        }
        var servicename: String
        var hostid: String
        var base_url: String
        var status: Bool
        var status_message: String
        var service_detail: Detail
    }

    struct FeedGroup: Encodable {
        var name: String
        var enabled: Bool
        var last_sync: Date?
        var record_count: Int
        var created_at: Date?
    }

    struct Feed: Encodable {
        var name: String
        var enabled: Bool
        var last_full_sync: Date?
        var created_at: Date?
        var updated_at: Date?
        var groups: [FeedGroup]
    }

    func register<Router: RouterMethods<APIContext>>(on router: Router) {
        router.get("health") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok"))) }
        router.get("version") { _, _ in
            try JSONReply.make(["service": ["version": version], "api": ["version": APIDocument.anchoreAPIVersion], "db": ["schema_version": "1"]])
        }
        router.get("status") { _, _ in
            try JSONReply.make(Status(available: true, busy: false, up: true, message: "all good", version: version, db_version: "1", detail: [:]))
        }
        router.get("system") { _, _ in try JSONReply.make(["service_states": serviceStates()]) }
        router.get("system/services") { _, _ in try JSONReply.make(serviceStates()) }
        router.get("system/feeds") { _, _ in try JSONReply.make(try await feeds()) }
        router.post("system/feeds") { request, context in try await syncFeeds(request, context) }
        router.post("system/webhooks/:type/test") { request, context in try await testWebhook(request, context) }
        router.get("system/error_codes") { _, _ in
            try JSONReply.make(ErrorCodes.all.map { ["name": $0.0, "description": $0.1] })
        }
        router.post("oauth/token") { request, context in try await token(request, context) }
    }

    struct Status: Encodable {
        var available: Bool
        var busy: Bool
        var up: Bool
        var message: String
        var version: String
        var db_version: String
        var detail: [String: String]
    }

    /// Hawser is one process; it reports Anchore's five services as up, so `system wait` and `system status` work.
    func serviceStates() -> [ServiceState] {
        ["analyzer", "apiext", "catalog", "policy_engine", "simplequeue"].map { name in
            ServiceState(servicename: name, hostid: service.configuration.hostID, base_url: "http://\(service.configuration.hostID)",
                         status: true, status_message: "available", service_detail: .init(up: true, version: version, db_version: "1"))
        }
    }

    func feeds() async throws -> [Feed] {
        let status: VulnDBStatus
        do {
            let database = try await service.matchingDatabase.current().database
            status = try database.status()
        } catch {
            return []
        }
        let byFeed = Dictionary(grouping: status.groups, by: \.group.feed)
        return byFeed.keys.sorted().map { feed in
            let groups = (byFeed[feed] ?? []).map {
                FeedGroup(name: $0.group.name, enabled: true, last_sync: $0.lastSync, record_count: $0.recordCount, created_at: status.builtAt)
            }
            let synced = groups.compactMap(\.last_sync)
            return Feed(name: feed, enabled: true, last_full_sync: synced.min(), created_at: status.builtAt, updated_at: synced.max(), groups: groups)
        }
    }

    /// `POST /system/feeds[?flush=true]` (`anchore-cli system feeds sync [--flush]`): syncs now (`flush`:
    /// fetching whole dumps again), re-matches the stored images the new data changes, and answers
    /// with Anchore's sync result, one row per group (admins only).
    func syncFeeds(_ request: Request, _ context: APIContext) async throws -> Response {
        let principal = try context.caller()
        try call { () throws(ServiceError) in try service.requireAdmin(principal) }
        let full = request.uri.queryParameters.get("flush").map { ["true", "1", "yes"].contains($0.lowercased()) } ?? false
        let started = Date()
        let update = try await call { () async throws(ServiceError) in
            try await service.syncFeeds(holder: service.configuration.hostID + "-api", full: full)
        }
        guard update.failures.isEmpty else {
            throw APIError(status: .serviceUnavailable, message: "feed sync finished with failures (the previous data of those groups is kept): "
                + update.failures.joined(separator: "; "))
        }
        let seconds = Date().timeIntervalSince(started)
        let groups = update.updatedGroups.sorted { $0.key < $1.key }.map { SyncedGroup(group: $0.key, status: "success", updated_record_count: $0.value, total_time_seconds: seconds) }
            + update.unchangedGroups.sorted().map { SyncedGroup(group: $0, status: "success", updated_record_count: 0, total_time_seconds: seconds) }
        return try JSONReply.make([SyncedFeed(feed: "vulnerabilities", status: "success", total_time_seconds: seconds, groups: groups)])
    }

    struct SyncedFeed: Encodable {
        var feed: String
        var status: String
        var total_time_seconds: Double
        var groups: [SyncedGroup]
    }

    struct SyncedGroup: Encodable {
        var group: String
        var status: String
        var updated_record_count: Int
        var total_time_seconds: Double
    }

    /// `POST /system/webhooks/{type}/test`: sends a test notification of `type` (or `?notification_type=`)
    /// to the configured webhook(s) through the outbox (admins only).
    func testWebhook(_ request: Request, _ context: APIContext) async throws -> Response {
        let principal = try context.caller()
        try call { () throws(ServiceError) in try service.requireAdmin(principal) }
        let type = try context.parameters.require("type")
        let account = try context.requireAccount()
        let notificationType = request.uri.queryParameters.get("notification_type") ?? (type == "general" ? "tag_update" : type)
        let sent = try await call { () async throws(ServiceError) in
            try await service.sendTestNotification(account: account, endpoint: type, notificationType: notificationType)
        }
        return try JSONReply.make(["queued": sent])
    }

    struct TokenReply: Encodable {
        var access_token: String
        var token_type = "bearer"
        var expires_in: Int
    }

    /// OAuth2 password grant (form-encoded, as Anchore takes it).
    func token(_ request: Request, _ context: APIContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 16)
        var form: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        guard form["grant_type"] == "password" else { throw APIError(status: .badRequest, message: "grant_type must be password") }
        guard let username = form["username"], let password = form["password"] else {
            throw APIError(status: .badRequest, message: "username and password are required")
        }
        let principal = try await call { () async throws(ServiceError) in try await service.authenticator.authenticate(username: username, password: password) }
        let token = await service.authenticator.issueToken(for: principal)
        return try JSONReply.make(TokenReply(access_token: token, expires_in: Int(Authenticator.tokenSeconds)))
    }
}

/// Anchore's error code catalogue (`GET /system/error_codes`), the codes Hawser emits.
enum ErrorCodes {
    static let all: [(String, String)] = [
        ("REGISTRY_PERMISSION_DENIED", "The registry refused the credentials, or has none configured for it"),
        ("REGISTRY_IMAGE_NOT_FOUND", "The registry has no such repository, tag or digest"),
        ("REGISTRY_ERROR", "The registry could not be reached or answered with an error"),
        ("UNKNOWN", "An error without a more specific code"),
    ]
}
