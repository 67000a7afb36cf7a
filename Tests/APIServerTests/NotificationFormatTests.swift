import Foundation
import Model
import Store
import Testing
@testable import Service

/// The pure parts of watch mode and notifications: the vulnerability diff (Anchore's keys), where
/// a notification goes, and its Slack/Teams bodies.
struct NotificationFormatTests {
    static func match(_ id: String, package: String = "requests", version: String = "2.19.1", severity: Severity = .high,
                      fixedIn: [String] = ["2.20.0"], path: String = "/usr/lib/python3/dist-packages/requests") -> Match {
        let record = VulnerabilityRecord(id: id, namespace: "pypi", packageName: package, versionFormat: "pep440", constraint: "< 2.20.0",
                                         fixedIn: fixedIn, fixState: fixedIn.isEmpty ? .notFixed : .fixed, severity: severity,
                                         urls: ["https://example.test/\(id)"], source: "osv")
        let pkg = Package(name: package, version: version, type: .python, foundBy: "python", locations: [Location(path: path, layer: nil)])
        return Match(vulnerability: record, package: MatchedPackage(pkg), matchType: .exactDirect, confidence: 1, severity: severity, explanation: "")
    }

    @Test func diffIsKeyedByVulnerabilityPackageVersionAndPath() {
        let old = [Self.match("A"), Self.match("B"), Self.match("C"), Self.match("D", path: "/opt/other")]
        let new = [Self.match("A"), Self.match("B", severity: .critical), Self.match("C", fixedIn: []), Self.match("E"),
                   Self.match("D", path: "/opt/elsewhere"), Self.match("E")]
        let diff = VulnerabilityDiff(old: old, new: new)
        #expect(diff.added.map(\.vulnerability.id) == ["E", "D"])
        #expect(diff.updated.map(\.vulnerability.id) == ["B", "C"])
        #expect(diff.removed.map(\.vulnerability.id) == ["D"])
        #expect(VulnerabilityDiff(old: old, new: old).isEmpty)
        let item = VulnerabilityDiff.item(Self.match("A"))
        #expect(item["CVE_ID"] as? String == "A" && item["Vulnerable_Package"] as? String == "requests-2.19.1")
        #expect(item["Fix_Available"] as? String == "2.20.0" && item["Feed_Group"] as? String == "pypi")
        #expect(VulnerabilityDiff.item(Self.match("F", fixedIn: []))["Fix_Available"] as? String == "None")
    }

    @Test func destinationsFillTemplatesAndAddChatWebhooks() throws {
        let settings = try NotificationSettings.fromEnvironment([
            "ANCHORE_WEBHOOK_DESTINATION_URL": "http://hooks.test/general/<notification_type>/<userId>",
            "HAWSER_WEBHOOK_VULN_UPDATE_URL": "http://hooks.test/vulns", "HAWSER_SLACK_WEBHOOK_URL": "https://slack.test/T/B/X",
            "HAWSER_WEBHOOK_VERIFY_TLS": "false", "HAWSER_NOTIFICATION_RETRY_TIMEOUT": "90",
        ])
        #expect(settings.destinations(type: "vuln_update", account: "team1")
            == ["http://hooks.test/vulns", "http://hooks.test/general/vuln_update/team1", "slack:https://slack.test/T/B/X"])
        #expect(settings.destinations(type: "tag_update", account: "admin") == ["http://hooks.test/general/tag_update/admin", "slack:https://slack.test/T/B/X"])
        #expect(!settings.verifyTLS && settings.retryTimeout == 90)
        #expect(try NotificationSettings.fromEnvironment([:]).isEmpty)
    }

    @Test func emailAndIssueTrackersTakeTheirTypes() throws {
        let settings = try NotificationSettings.fromEnvironment([
            "HAWSER_SMTP_URL": "smtp://bot%40x.test:p%3Ass@127.0.0.1:2525", "HAWSER_SMTP_TO": "sec@x.test, ops@x.test",
            "HAWSER_SMTP_NOTIFY_TYPES": "vuln_update,tag_update", "HAWSER_SMTP_CA_FILE": "/ca.pem",
            "HAWSER_GITHUB_REPOSITORY": "acme/images", "HAWSER_GITHUB_TOKEN": "t", "HAWSER_GITHUB_API_URL": "http://127.0.0.1:9/",
            "HAWSER_JIRA_URL": "http://127.0.0.1:9", "HAWSER_JIRA_PROJECT": "SEC", "HAWSER_JIRA_USER": "u", "HAWSER_JIRA_TOKEN": "k",
            "HAWSER_JIRA_NOTIFY_TYPES": "policy_eval",
        ])
        let email = try #require(settings.email)
        #expect(email.host == "127.0.0.1" && email.port == 2525 && email.username == "bot@x.test" && email.password == "p:ss")
        #expect(email.startTLS && !email.implicitTLS && email.caFile == "/ca.pem" && email.recipients == ["sec@x.test", "ops@x.test"])
        #expect(settings.destinations(type: "vuln_update", account: "a") == ["email:sec@x.test,ops@x.test", "github:acme/images"])
        #expect(settings.destinations(type: "policy_eval", account: "a") == ["github:acme/images", "jira:SEC"])
        #expect(settings.destinations(type: "analysis_update", account: "a") == [])
        #expect(settings.issueTrackers.first?.apiRoot == "http://127.0.0.1:9")
        #expect(NotificationEndpoint(destination: "email:sec@x.test,ops@x.test") == .email(["sec@x.test", "ops@x.test"]))
        #expect(NotificationEndpoint(destination: "jira:SEC") == .jira("SEC"))
        #expect(try SMTPSettings.fromEnvironment(["HAWSER_SMTP_URL": "smtps://mail.x.test", "HAWSER_SMTP_TO": "a@x.test"])?.port == 465)

        // Settings that cannot work are refused, naming the variable.
        for bad in [["HAWSER_SMTP_URL": "http://x"], ["HAWSER_SMTP_URL": "smtp://x"], ["HAWSER_GITHUB_REPOSITORY": "acme"],
                    ["HAWSER_GITHUB_REPOSITORY": "acme/images"], ["HAWSER_JIRA_URL": "http://j"]] {
            #expect(throws: ServiceError.self) { try NotificationSettings.fromEnvironment(bad) }
        }
    }

    @Test func emailsAndIssuesListWhatChanged() throws {
        let payload: [String: Any] = [
            "subscription_key": "r/app:latest", "imageDigest": "sha256:1",
            "diff_vulnerability_result": ["added": [VulnerabilityDiff.item(Self.match("CVE-1"))], "updated": [], "removed": []],
        ]
        let notification = StoredNotification(id: "n-1", account: "admin", type: "vuln_update", subscriptionKey: "r/app:latest", destination: "email:a@x.test",
                                              payload: try JSONSerialization.data(withJSONObject: payload), createdAt: Date(timeIntervalSince1970: 0), deadline: Date())
        let text = try NotificationText(notification)
        #expect(text.title == "Vulnerabilities of r/app:latest (sha256:1) changed: 1 added, 0 updated, 0 removed. Added: CVE-1")
        #expect(text.body.contains("Added (1):\n- CVE-1 in requests-2.19.1, severity High, fix: 2.20.0"))
        let message = String(decoding: text.email(from: "hawser@x.test", to: ["a@x.test"], id: "n-1", date: notification.createdAt), as: UTF8.self)
        #expect(message.hasPrefix("From: hawser@x.test\r\nTo: a@x.test\r\nSubject: [Hawser] Vulnerabilities of r/app:latest"))
        #expect(message.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\nMessage-ID: <n-1@x.test>"))
        let encoded = try #require(message.components(separatedBy: "\r\n\r\n").last)
        #expect(Data(base64Encoded: encoded, options: .ignoreUnknownCharacters).map { String(decoding: $0, as: UTF8.self) } == text.body)
        #expect(String(decoding: SMTPClient.dotStuffed(Data("a\n.b\n..c\n".utf8)), as: UTF8.self) == "a\r\n..b\r\n...c\r\n")
    }

    @Test func chatBodiesSummariseThePayload() throws {
        let payload: [String: Any] = [
            "subscription_key": "r/app:latest", "imageDigest": "sha256:1",
            "diff_vulnerability_result": ["added": [VulnerabilityDiff.item(Self.match("CVE-1"))], "updated": [], "removed": [VulnerabilityDiff.item(Self.match("CVE-2"))]],
        ]
        let notification = StoredNotification(id: "n", account: "admin", type: "vuln_update", subscriptionKey: "r/app:latest", destination: "slack:https://s.test",
                                              payload: try JSONSerialization.data(withJSONObject: payload), createdAt: Date(), deadline: Date())
        let slack = try JSONSerialization.jsonObject(with: NotificationEndpoint.slack("https://s.test").body(notification) { Data() }) as? [String: Any]
        #expect(slack?["text"] as? String == "*Hawser* `vuln_update` — Vulnerabilities of r/app:latest (sha256:1) changed: 1 added, 0 updated, 1 removed. Added: CVE-1")
        let teams = try JSONSerialization.jsonObject(with: NotificationEndpoint.teams("https://t.test").body(notification) { Data() }) as? [String: Any]
        #expect(teams?["@type"] as? String == "MessageCard" && teams?["title"] as? String == "Hawser: vuln_update")
        #expect(NotificationEndpoint(destination: "teams:https://t.test/x").url == "https://t.test/x")
        #expect(NotificationEndpoint(destination: "http://plain.test/hook").url == "http://plain.test/hook")
        #expect(NotificationEndpoint.summary(type: "policy_eval", payload: ["subscription_key": "r/a:1", "last_eval": ["final_action": "go"],
                                                                             "curr_eval": ["final_action": "stop"]])
            == "Policy result of r/a:1 changed from go to stop")
    }
}
