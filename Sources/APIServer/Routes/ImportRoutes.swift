import Foundation
import Hummingbird
import Service
import Store

/// `/imports/images`: SBOM import operations (the client analyzes, Hawser stores and matches).
struct ImportRoutes {
    let service: HawserService

    struct OperationReply: Encodable {
        var uuid: String
        var status: String
        var created_at: Date
        var expires_at: Date

        init(_ operation: ImportOperation) {
            uuid = operation.uuid
            status = operation.status
            created_at = operation.createdAt
            expires_at = operation.expiresAt
        }
    }

    struct ContentReply: Encodable {
        var digest: String
        var created_at: Date
    }

    func register<Router: RouterMethods<APIContext>>(on router: Router) {
        router.post("imports/images") { _, context in
            let account = try context.requireAccount()
            return try JSONReply.make(OperationReply(try await call { () async throws(ServiceError) in try await service.createImport(account: account) }))
        }
        router.get("imports/images") { _, context in
            let account = try context.requireAccount()
            return try JSONReply.make(try await call { () async throws(ServiceError) in try await service.importOperations(account: account) }.map(OperationReply.init))
        }
        router.get("imports/images/:uuid") { _, context in
            let account = try context.requireAccount()
            let uuid = try context.parameters.require("uuid")
            return try JSONReply.make(OperationReply(try await call { () async throws(ServiceError) in try await service.importOperation(account: account, uuid: uuid) }))
        }
        router.post("imports/images/:uuid/:kind") { request, context in
            let account = try context.requireAccount()
            let uuid = try context.parameters.require("uuid")
            // Anchore's paths spell some kinds with dashes (image-config, parent-manifest).
            let kind = try context.parameters.require("kind").replacingOccurrences(of: "-", with: "_")
            let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
            let digest = try await call { () async throws(ServiceError) in
                try await service.uploadImportContent(account: account, uuid: uuid, kind: kind, data: data)
            }
            return try JSONReply.make(ContentReply(digest: digest, created_at: Date()))
        }
    }
}

/// `/user/api-keys`: the caller's API keys (use them as basic auth with user `_api_key`).
struct APIKeyRoutes {
    let service: HawserService

    struct KeyBody: Decodable {
        var name: String
        var expires_at: String?
    }

    struct KeyReply: Encodable {
        var name: String
        var status: String
        var created_at: Date
        var expires_at: Date
        @Nullable var value: String?

        init(_ key: APIKey, value: String? = nil) {
            name = key.name
            status = key.status == "active" && key.expiresAt <= Date() ? "expired" : key.status
            created_at = key.createdAt
            expires_at = key.expiresAt
            self.value = value
        }
    }

    func register<Router: RouterMethods<APIContext>>(on router: Router) {
        router.post("user/api-keys") { request, context in
            let principal = try context.caller()
            let body = try await JSONReply.decode(KeyBody.self, from: request, context: context)
            var expiry: Date?
            if let text = body.expires_at {
                let formatter = ISO8601DateFormatter()
                guard let date = formatter.date(from: text) else {
                    throw APIError(status: .badRequest, message: "expires_at must be an ISO-8601 time such as 2027-01-01T00:00:00Z, not '\(text)'")
                }
                expiry = date
            }
            let (key, value) = try await call { () async throws(ServiceError) in
                try await service.createAPIKey(by: principal, name: body.name, expiresAt: expiry)
            }
            return try JSONReply.make(KeyReply(key, value: value))
        }
        router.get("user/api-keys") { _, context in
            let principal = try context.caller()
            return try JSONReply.make(try await call { () async throws(ServiceError) in try await service.apiKeys(by: principal) }.map { KeyReply($0) })
        }
        router.delete("user/api-keys/:name") { _, context in
            let principal = try context.caller()
            let name = try context.parameters.require("name")
            try await call { () async throws(ServiceError) in try await service.revokeAPIKey(by: principal, name: name) }
            return Response(status: .noContent)
        }
    }
}
