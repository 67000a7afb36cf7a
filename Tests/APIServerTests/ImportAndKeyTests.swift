import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SBOMFormats
import Testing
@testable import APIServer

@Suite struct ImportAndKeyTests {
    typealias H = APITestHarness

    /// A CI-made SBOM imported through the operation flow is matched and served like an analysed image.
    @Test func importOperationFlowMatchesTheSBOM() async throws {
        let harness = try await H(withVulnerabilityDatabase: true)
        let syftJSON = try SBOMFormat.syftJSON.encode(H.sbom, timestamp: "2026-01-01T00:00:00Z", serial: "x")
        let digest = "sha256:" + String(repeating: "e", count: 64)
        try await harness.application.test(.router) { client in
            let operation = try await client.execute(uri: "/v1/imports/images", method: .post, headers: H.admin) { response in
                try #require((try H.json(response) as? [String: Any])?["uuid"] as? String)
            }
            try await client.execute(uri: "/v1/imports/images/\(operation)/packages", method: .post, headers: H.admin,
                                     body: ByteBuffer(string: "not an sbom")) { response in
                #expect(response.status == .badRequest)
            }
            let packages = try await client.execute(uri: "/v1/imports/images/\(operation)/packages", method: .post, headers: H.admin,
                                                    body: ByteBuffer(bytes: syftJSON)) { response in
                try #require((try H.json(response) as? [String: Any])?["digest"] as? String)
            }
            let body = """
                {"source": {"import": {"operation_uuid": "\(operation)", "digest": "\(digest)", "tags": ["registry.example/team/app:ci"],
                "contents": {"packages": "\(packages)"}}}}
                """
            try await client.execute(uri: "/v1/images", method: .post, headers: H.admin, body: ByteBuffer(string: body)) { response in
                let image = try #require((try H.json(response) as? [[String: Any]])?.first)
                #expect(image["analysis_status"] as? String == "analyzed")
            }
            try await client.execute(uri: "/v1/images/\(digest)/vuln/all", method: .get, headers: H.admin) { response in
                let rows = try #require((try H.json(response) as? [String: Any])?["vulnerabilities"] as? [[String: Any]])
                #expect(rows.map { $0["vuln"] as? String } == ["PYSEC-2018-28"])
                #expect((rows.first?["nvd_data"] as? [[String: Any]])?.map { $0["id"] as? String } == ["CVE-2018-18074"])
                #expect(rows.first?["fix"] as? String == "2.20.0" && rows.first?["package"] as? String == "requests-2.19.1")
            }
            // The operation is spent.
            try await client.execute(uri: "/v1/imports/images/\(operation)", method: .get, headers: H.admin) { response in
                let json = try H.json(response) as? [String: Any]
                #expect(json?["status"] as? String == "complete")
            }
            try await client.execute(uri: "/v1/imports/images/\(operation)/dockerfile", method: .post, headers: H.admin,
                                     body: ByteBuffer(string: "FROM x")) { #expect($0.status == .conflict) }
            // The simple form: a CycloneDX document in the body.
            let cyclonedx = try SBOMFormat.cyclonedxJSON.encode(H.sbom, timestamp: "2026-01-01T00:00:00Z", serial: "00000000-0000-0000-0000-000000000000")
            try await client.execute(uri: "/v1/images?source=sbom&tag=registry.example/team/app:cdx", method: .post, headers: H.bob,
                                     body: ByteBuffer(bytes: cyclonedx)) { response in
                let image = try #require((try H.json(response) as? [[String: Any]])?.first)
                #expect((image["image_detail"] as? [[String: Any]])?.first?["fulltag"] as? String == "registry.example/team/app:cdx")
            }
            try await client.execute(uri: "/v1/query/images/by_vulnerability?vulnerability_id=CVE-2018-18074", method: .get, headers: H.bob) { response in
                let images = try #require((try H.json(response) as? [String: Any])?["images"] as? [[String: Any]])
                #expect(images.count == 2)  // bob's seeded image and the imported one
            }
        }
    }

    @Test func apiKeysAuthenticateUntilRevoked() async throws {
        let harness = try await H()
        try await harness.application.test(.router) { client in
            let value = try await client.execute(uri: "/v1/user/api-keys", method: .post, headers: H.bob,
                                                 body: ByteBuffer(string: "{\"name\": \"ci\"}")) { response in
                try #require((try H.json(response) as? [String: Any])?["value"] as? String)
            }
            let key = H.basic("_api_key", value)
            try await client.execute(uri: "/v1/images", method: .get, headers: key) { response in
                let json = try H.json(response) as? [[String: Any]]
                #expect(json?.map { $0["imageDigest"] as? String } == [H.teamImage])
            }
            try await client.execute(uri: "/v1/user/api-keys", method: .get, headers: H.bob) { response in
                let keys = try #require(try H.json(response) as? [[String: Any]])
                #expect(keys.count == 1 && keys[0]["value"] is NSNull)  // the value is never shown again
            }
            try await client.execute(uri: "/v1/user/api-keys", method: .post, headers: H.bob,
                                     body: ByteBuffer(string: "{\"name\": \"old\", \"expires_at\": \"2001-01-01T00:00:00Z\"}")) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/v1/user/api-keys/ci", method: .delete, headers: H.bob) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/v1/images", method: .get, headers: key) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/images", method: .get, headers: H.basic("_api_key", "made-up")) { #expect($0.status == .unauthorized) }
        }
    }
}
