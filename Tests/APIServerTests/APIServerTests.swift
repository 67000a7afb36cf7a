import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import APIServer

@Suite struct APIServerTests {
    typealias H = APITestHarness

    @Test func openRoutesAndAPIDocuments() async throws {
        let harness = try await H()
        try await harness.application.test(.router) { client in
            try await client.execute(uri: "/v1", method: .get) { #expect(String(buffer: $0.body) == "\"v1\"") }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/swagger.json", method: .get) { response in
                let document = try #require(try H.json(response) as? [String: Any])
                #expect((document["info"] as? [String: Any])?["version"] as? String == "0.1.20")
            }
            try await client.execute(uri: "/v1/openapi.json", method: .get) { response in
                let document = try #require(try H.json(response) as? [String: Any])
                #expect(document["openapi"] as? String == "3.0.3")
                #expect((document["paths"] as? [String: Any])?.count == Set(APIDocument.routes.map(\.1)).count)
            }
        }
    }

    /// Every documented route: without credentials 401 with Anchore's error body and a basic challenge;
    /// with a wrong password 401; as bob (not an admin) the admin-only routes are 403.
    @Test func authorizationMatrix() async throws {
        let harness = try await H()
        let open: Set<String> = ["/", "/health", "/version", "/oauth/token"]
        let adminOnly: Set<String> = ["/accounts", "/accounts/{accountname}", "/accounts/{accountname}/state", "/accounts/{accountname}/users/{username}"]
        try await harness.application.test(.router) { client in
            for (method, path, _) in APIDocument.routes where !open.contains(path) {
                let uri = "/v1" + path.replacingOccurrences(of: "{digest}", with: H.adminImage).replacingOccurrences(of: "{accountname}", with: "admin")
                    .replacingOccurrences(of: "{username}", with: "admin").replacingOccurrences(of: "{", with: "x").replacingOccurrences(of: "}", with: "")
                let httpMethod = HTTPRequest.Method(rawValue: method.uppercased())!
                try await client.execute(uri: uri, method: httpMethod) { response in
                    #expect(response.status == .unauthorized, "\(method) \(uri) without credentials")
                    #expect(response.headers[.wwwAuthenticate] == "basic realm=\"Authentication required\"")
                    let body = try #require(try H.json(response) as? [String: Any], "\(method) \(uri)")
                    #expect(body["httpcode"] as? Int == 401 && body["message"] is String)
                }
                try await client.execute(uri: uri, method: httpMethod, headers: H.basic("admin", "wrong")) { response in
                    #expect(response.status == .unauthorized, "\(method) \(uri) with a wrong password")
                }
                if adminOnly.contains(path) && method != "get" || path == "/accounts" {
                    let body = method == "post" ? ByteBuffer(string: "{\"name\":\"x\",\"username\":\"x\",\"password\":\"xxxxxxx\"}") : nil
                    try await client.execute(uri: uri, method: httpMethod, headers: H.bob, body: body) { response in
                        #expect(response.status == .forbidden, "\(method) \(uri) as a non-admin")
                    }
                }
            }
        }
    }

    /// Accounts see only their own images; an admin sees another's only through x-anchore-account.
    @Test func accountsAreIsolated() async throws {
        let harness = try await H()
        try await harness.application.test(.router) { client in
            try await client.execute(uri: "/v1/images", method: .get, headers: H.bob) { response in
                let images = try #require(try H.json(response) as? [[String: Any]])
                #expect(images.map { $0["imageDigest"] as? String } == [H.teamImage])
            }
            for path in ["", "/content/os", "/content/files", "/metadata/manifest", "/vuln/all", "/sboms/cyclonedx-json"] {
                try await client.execute(uri: "/v1/images/\(H.adminImage)\(path)", method: .get, headers: H.bob) { response in
                    #expect(response.status == .notFound, "bob reading the admin's image\(path)")
                }
            }
            var asTeam = H.admin
            asTeam[HTTPField.Name("x-anchore-account")!] = "team1"
            try await client.execute(uri: "/v1/images", method: .get, headers: asTeam) { response in
                let json = try H.json(response) as? [[String: Any]]
                #expect(json?.first?["imageDigest"] as? String == H.teamImage)
            }
            var bobAsAdmin = H.bob
            bobAsAdmin[HTTPField.Name("x-anchore-account")!] = "admin"
            try await client.execute(uri: "/v1/images", method: .get, headers: bobAsAdmin) { #expect($0.status == .forbidden) }
        }
    }

    /// Bad input gets a 4xx naming what was wrong, and nothing stored changes.
    @Test func badInputIsRefusedAndChangesNothing() async throws {
        let harness = try await H()
        let before = try await harness.store.images(account: "admin")
        try await harness.application.test(.router) { client in
            let cases: [(HTTPRequest.Method, String, String?, HTTPResponse.Status, String)] = [
                (.post, "/v1/images", "{\"tag\": ", .badRequest, "malformed"),
                (.post, "/v1/images", "{\"tagg\": \"alpine\"}", .badRequest, "tagg"),
                (.post, "/v1/images", "{}", .badRequest, "names no image"),
                (.post, "/v1/images", "{\"tag\": \"UPPER/Case:x\"}", .badRequest, "invalid image reference"),
                (.post, "/v1/images", "{\"source\": {\"archive\": {\"digest\": \"x\"}}}", .badRequest, "not supported"),
                (.post, "/v1/images", "{\"source\": {\"digest\": {\"pullstring\": \"a/b:c\"}}}", .badRequest, "pullstring"),
                (.get, "/v1/images/sha256:zzz", nil, .badRequest, "invalid image digest"),
                (.get, "/v1/images/sha256:\(String(repeating: "0", count: 64))", nil, .notFound, "not found"),
                (.get, "/v1/images/\(H.adminImage)/content/nonsense", nil, .notFound, "unknown content type"),
                (.get, "/v1/images/\(H.adminImage)/vuln/nonsense", nil, .notFound, "unknown vulnerability type"),
                (.get, "/v1/images?analysis_status=analyzed&force=maybe", nil, .ok, ""),
                (.delete, "/v1/images/\(H.adminImage)?force=perhaps", nil, .ok, ""),
                (.post, "/v1/accounts", "{\"name\": \"bad name!\"}", .badRequest, "invalid account name"),
                (.post, "/v1/accounts", "{\"name\": 5}", .badRequest, "wrong type"),
                (.post, "/v1/accounts/team1/users", "{\"username\": \"x\"}", .badRequest, "password"),
                (.put, "/v1/accounts/team1/state", "{\"state\": \"deleting\"}", .badRequest, "Invalid account state"),
                (.delete, "/v1/accounts/team1", nil, .conflict, "must be disabled"),
                (.post, "/v1/registries", "{\"registry\": \"\", \"registry_user\": \"u\", \"registry_pass\": \"p\"}", .badRequest, "invalid registry"),
                (.post, "/v1/subscriptions", "{\"subscription_key\": \"k\", \"subscription_type\": \"nope\"}", .badRequest, "unknown subscription_type"),
                (.get, "/v1/query/images/by_vulnerability", nil, .badRequest, "vulnerability_id"),
                (.get, "/v1/events?since=yesterday", nil, .badRequest, "ISO-8601"),
            ]
            for (method, uri, body, status, needle) in cases where status != .ok {
                try await client.execute(uri: uri, method: method, headers: H.admin, body: body.map { ByteBuffer(string: $0) }) { response in
                    #expect(response.status == status, "\(method) \(uri) \(body ?? "")")
                    let error = try #require(try H.json(response) as? [String: Any], "\(method) \(uri): error body is a JSON object")
                    #expect((error["message"] as? String ?? "").contains(needle), "\(method) \(uri): \(error["message"] ?? "")")
                    #expect(error["httpcode"] as? Int == Int(status.code))
                }
            }
        }
        #expect(try await harness.store.images(account: "admin") == before)
        #expect(try await harness.store.accounts().map(\.name) == ["admin", "team1"])
    }

    /// The analysed image in Anchore's shapes, as anchore-cli reads them.
    @Test func imageDocumentsInAnchoreShapes() async throws {
        let harness = try await H()
        try await harness.application.test(.router) { client in
            try await client.execute(uri: "/v1/images?fulltag=127.0.0.1:5055/fixture/app", method: .get, headers: H.admin) { response in
                let image = try #require((try H.json(response) as? [[String: Any]])?.first)
                #expect(image["analysis_status"] as? String == "analyzed")
                #expect(image["analyzed_at"] as? String == "2027-01-15T08:00:00Z")
                let detail = try #require((image["image_detail"] as? [[String: Any]])?.first)
                #expect(detail["fulltag"] as? String == "127.0.0.1:5055/fixture/app:latest")
                #expect(detail["imageId"] as? String == String(repeating: "d", count: 64))
                let metadata = try #require((image["image_content"] as? [String: Any])?["metadata"] as? [String: Any])
                #expect(metadata["layer_count"] as? Int == 1 && metadata["distro"] as? String == "debian")
            }
            // A not-yet-analysed image: every key present, analyzed_at null (anchore-cli indexes it).
            _ = try await harness.store.addImage(.init(account: "admin", digest: "sha256:" + String(repeating: "9", count: 64), tag: nil,
                                                       pullString: "x", now: H.now))
            try await client.execute(uri: "/v1/images/sha256:\(String(repeating: "9", count: 64))", method: .get, headers: H.admin) { response in
                let image = try #require((try H.json(response) as? [[String: Any]])?.first)
                #expect(image.keys.contains("analyzed_at") && image["analyzed_at"] is NSNull)
                #expect((image["image_content"] as? [String: Any])?["metadata"].map { ($0 as? [String: Any])?.keys.contains("arch") } == true)
            }
            try await client.execute(uri: "/v1/images/sha256:\(String(repeating: "9", count: 64))/content/os", method: .get, headers: H.admin) { response in
                #expect(response.status == .notFound)
                let json = try H.json(response) as? [String: Any]
                #expect(json?["message"] as? String == "image is not analyzed - analysis_status: not_analyzed")
            }
            try await client.execute(uri: "/v1/images/\(H.adminImage)/content/os", method: .get, headers: H.admin) { response in
                let reply = try #require(try H.json(response) as? [String: Any])
                let content = try #require(reply["content"] as? [[String: Any]])
                #expect(content.count == 1 && content[0]["package"] as? String == "libc6" && content[0]["type"] as? String == "dpkg")
                #expect(content[0]["licenses"] as? [String] == ["LGPL-2.1"])
            }
            try await client.execute(uri: "/v1/images/\(H.adminImage)/content/python", method: .get, headers: H.admin) { response in
                let content = try #require((try H.json(response) as? [String: Any])?["content"] as? [[String: Any]])
                #expect(content.map { $0["package"] as? String } == ["requests"] && content[0]["type"] as? String == "PYTHON")
            }
            // percent-encoded digest, as anchore-cli sends one the user typed
            try await client.execute(uri: "/v1/images/sha256%3A\(String(repeating: "1", count: 64))/metadata/dockerfile", method: .get, headers: H.admin) { response in
                let reply = try #require(try H.json(response) as? [String: Any])
                let text = String(decoding: try #require(Data(base64Encoded: reply["metadata"] as? String ?? "")), as: UTF8.self)
                #expect(text.hasPrefix("FROM scratch"))
            }
            try await client.execute(uri: "/v1/images/\(H.adminImage)/sboms/cyclonedx-json", method: .get, headers: H.admin) { response in
                let bom = try #require(try H.json(response) as? [String: Any])
                let names = Set((bom["components"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
                #expect(bom["bomFormat"] as? String == "CycloneDX" && names.isSuperset(of: ["libc6", "requests"]))
            }
            // No vulnerability DB on this service: a 503 that says how to get one.
            try await client.execute(uri: "/v1/images/\(H.adminImage)/vuln/all", method: .get, headers: H.admin) { response in
                #expect(response.status == .serviceUnavailable)
                let json = try H.json(response) as? [String: Any]
                #expect((json?["message"] as? String ?? "").contains("hawser db build"))
            }
            try await client.execute(uri: "/v1/events", method: .get, headers: H.admin) { response in
                let page = try #require(try H.json(response) as? [String: Any])
                #expect(page["next_page"] as? Bool == false)
                #expect(((page["results"] as? [[String: Any]])?.first?["event"] as? [String: Any])?["type"] as? String == "user.image.analysis.completed")
            }
            try await client.execute(uri: "/v1/query/images/by_package?name=requests", method: .get, headers: H.admin) { response in
                let images = try #require((try H.json(response) as? [String: Any])?["images"] as? [[String: Any]])
                #expect(images.count == 1 && (images[0]["packages"] as? [[String: Any]])?.first?["type"] as? String == "python")
            }
            try await client.execute(uri: "/v1/images/\(H.adminImage)", method: .delete, headers: H.admin) { response in
                let json = try H.json(response) as? [String: Any]
                #expect(json?["status"] as? String == "deleting")
            }
            try await client.execute(uri: "/v1/images/\(H.adminImage)", method: .get, headers: H.admin) { #expect($0.status == .notFound) }
        }
    }

    @Test func bearerTokensAndAccountLifecycle() async throws {
        let harness = try await H()
        try await harness.application.test(.router) { client in
            let token = try await client.execute(uri: "/v1/oauth/token", method: .post,
                                                 headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "grant_type=password&client_id=anonymous&username=bob&password=bobpassword")) { response in
                try #require((try H.json(response) as? [String: Any])?["access_token"] as? String)
            }
            try await client.execute(uri: "/v1/user", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                let json = try H.json(response) as? [String: Any]
                #expect(json?["username"] as? String == "bob")
            }
            try await client.execute(uri: "/v1/user", method: .get, headers: [.authorization: "Bearer not-a-token"]) { #expect($0.status == .unauthorized) }
            // Disable → bob can no longer log in; delete removes the account and its images.
            try await client.execute(uri: "/v1/accounts/team1/state", method: .put, headers: H.admin, body: ByteBuffer(string: "{\"state\":\"disabled\"}")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/images", method: .get, headers: H.bob) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/accounts/team1", method: .delete, headers: H.admin) { #expect($0.status == .noContent) }
        }
        #expect(try await harness.store.images(account: "team1").isEmpty)
        #expect(try await harness.store.user(named: "bob") == nil)
    }
}
