import Foundation
import Model
import Testing
@testable import Policy

struct BundleTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try Data(contentsOf: url)
    }

    static var badBundles: [String] {
        let directory = Bundle.module.url(forResource: "Fixtures/bad-bundles", withExtension: nil)!
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0 != "expected.json" }.sorted()
    }

    /// Each malformed bundle is refused with every problem it has named at its JSON path.
    @Test func malformedBundlesAreRefusedNamingEveryProblem() throws {
        let expected = try #require(try JSONSerialization.jsonObject(with: Self.fixture("bad-bundles/expected.json")) as? [String: [String]])
        #expect(Self.badBundles.count >= 30)
        #expect(Set(expected.keys) == Set(Self.badBundles))
        for file in Self.badBundles {
            let data = try Self.fixture("bad-bundles/\(file)")
            do {
                _ = try BundleParser().parse(data)
                Issue.record("\(file) was accepted")
            } catch {
                let text = error.problems.map(\.description).joined(separator: "\n")
                for needle in expected[file] ?? [] { #expect(text.contains(needle), "\(file): '\(needle)' not in:\n\(text)") }
            }
        }
    }

    /// The same policy written as v1 and as v2 gives the same result.
    @Test func v1AndV2FormsEvaluateAlike() throws {
        let v1 = try BundleParser().parse(Self.fixture("same-bundle-v1.json"))
        let v2 = try BundleParser().parse(Self.fixture("same-bundle-v2.json"))
        #expect(v1.format == .v1 && v2.format == .v2)
        for input in [PolicyFixtures.input(), PolicyFixtures.input(image: ImageIdentity(registry: "docker.io", repository: "library/alpine", tag: "3.20",
                                                                                      digest: "sha256:" + String(repeating: "3", count: 64), imageID: nil))] {
            let one = PolicyEvaluator().evaluate(v1, input: input), two = PolicyEvaluator().evaluate(v2, input: input)
            #expect(one.finalAction == two.finalAction)
            #expect(one.findings.map(\.triggerID) == two.findings.map(\.triggerID))
            #expect(one.findings.map { $0.allowlistedBy != nil } == two.findings.map { $0.allowlistedBy != nil })
            #expect(one.matchedMappingID == two.matchedMappingID)
        }
        // The fixture image maps to the first mapping: port 22 STOPs; requests' (now High) vulnerability is allowlisted.
        var matches = PolicyFixtures.matches
        matches[0].severity = .high
        let evaluation = PolicyEvaluator().evaluate(v1, input: PolicyFixtures.input(matches: matches))
        #expect(evaluation.matchedMappingID == "mapping-fixture")
        #expect(evaluation.finalAction == .stop)
        #expect(evaluation.findings.first { $0.triggerID == "PYSEC-2018-28+requests" }?.allowlistedBy != nil)
    }

    @Test func defaultBundleParsesAndStopsOnPort22() throws {
        let bundle = try BundleParser().parse(Data(DefaultBundle.json.utf8))
        #expect(bundle.id == "2c53a13c-1765-11e8-82ef-23527761d060")
        let evaluation = PolicyEvaluator().evaluate(bundle, input: PolicyFixtures.input())
        #expect(evaluation.finalAction == .stop)
        #expect(Set(evaluation.findings.map(\.gate)) == ["dockerfile", "vulnerabilities"])
        #expect(evaluation.findings.contains { $0.trigger == "instruction" && $0.action == .warn })
    }

    /// Mappings: first match wins, `*` and `regexp:` patterns; no mapping → GO with no findings.
    @Test func mappingPrecedence() throws {
        func bundle(_ mappings: [[String: Any]]) throws -> PolicyBundle {
            let rules: [[String: Any]] = [["id": "r1", "gate": "always", "trigger": "always", "action": "STOP", "params": []]]
            let go: [[String: Any]] = [["id": "r2", "gate": "always", "trigger": "always", "action": "WARN", "params": []]]
            return try BundleParser().parse(JSONSerialization.data(withJSONObject: [
                "id": "b", "version": "1_0", "policies": [["id": "stop", "rules": rules], ["id": "warn", "rules": go]], "mappings": mappings,
            ] as [String: Any]))
        }
        func mapping(_ registry: String, _ repository: String, _ tag: String, _ policy: String) -> [String: Any] {
            ["id": policy + registry, "registry": registry, "repository": repository, "image": ["type": "tag", "value": tag], "policy_id": policy]
        }
        let input = PolicyFixtures.input()
        #expect(PolicyEvaluator().evaluate(try bundle([mapping("*", "*", "*", "warn"), mapping("*", "*", "*", "stop")]), input: input).finalAction == .warn)
        #expect(PolicyEvaluator().evaluate(try bundle([mapping("docker.io", "*", "*", "warn"), mapping("*", "*", "*", "stop")]), input: input).finalAction == .stop)
        #expect(PolicyEvaluator().evaluate(try bundle([mapping("127.0.0.1:*", "fixture/*", "lat*", "warn")]), input: input).finalAction == .warn)
        #expect(PolicyEvaluator().evaluate(try bundle([mapping("*", "regexp:^fix.*/app$", "*", "warn")]), input: input).finalAction == .warn)
        let none = PolicyEvaluator().evaluate(try bundle([mapping("*", "other/*", "*", "stop")]), input: input)
        #expect(none.finalAction == .go && none.findings.isEmpty && none.matchedMappingID == nil)
    }

    /// Allowlist items stop counting at `expires_on`; allowed/denied images override the rules.
    @Test func allowlistExpiryAndImageLists() throws {
        func bundle(expires: String?, allowed: Bool = false, denied: Bool = false) throws -> PolicyBundle {
            var item: [String: Any] = ["id": "i1", "gate": "always", "trigger_id": "alw*"]
            if let expires { item["expires_on"] = expires }
            let selector: [String: Any] = ["registry": "127.0.0.1:5055", "repository": "fixture/app", "image": ["type": "tag", "value": "latest"]]
            return try BundleParser().parse(JSONSerialization.data(withJSONObject: [
                "id": "b", "version": "1_0",
                "policies": [["id": "p", "rules": [["id": "r", "gate": "always", "trigger": "always", "action": "STOP", "params": []]]]],
                "whitelists": [["id": "w", "name": "allow always", "items": [item]]],
                "mappings": [["id": "m", "registry": "*", "repository": "*", "image": ["type": "tag", "value": "*"], "policy_id": "p", "whitelist_ids": ["w"]]],
                "whitelisted_images": allowed ? [selector] : [], "blacklisted_images": denied ? [selector] : [],
            ] as [String: Any]))
        }
        let input = PolicyFixtures.input()  // now = 2026-06-01
        #expect(PolicyEvaluator().evaluate(try bundle(expires: nil), input: input).finalAction == .go)
        #expect(PolicyEvaluator().evaluate(try bundle(expires: "2026-07-01T00:00:00Z"), input: input).finalAction == .go)
        let expired = PolicyEvaluator().evaluate(try bundle(expires: "2026-05-01T00:00:00Z"), input: input)
        #expect(expired.finalAction == .stop && expired.findings[0].allowlistedBy == nil)
        let denied = PolicyEvaluator().evaluate(try bundle(expires: nil, denied: true), input: input)
        #expect(denied.finalAction == .stop && denied.reason == .denylisted)
        let allowed = PolicyEvaluator().evaluate(try bundle(expires: "2026-05-01T00:00:00Z", allowed: true), input: input)
        #expect(allowed.finalAction == .go && allowed.reason == .allowlisted && allowed.status == "pass")
    }
}
