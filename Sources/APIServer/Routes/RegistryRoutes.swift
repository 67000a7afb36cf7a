import Foundation
import Hummingbird
import Service
import Store

/// `/registries`: credentials per registry host (the password is sealed and never returned).
struct RegistryRoutes {
    let service: HawserService

    struct RegistryBody: Decodable {
        var registry: String
        var registry_user: String
        var registry_pass: String
        var registry_type: String?
        var registry_verify: Bool?
        var registry_name: String?
    }

    struct RegistryReply: Encodable {
        var registry: String
        var registry_name: String
        var registry_user: String
        var registry_type: String
        var registry_verify: Bool
        var created_at: Date
        var last_updated: Date
        var userId: String

        init(_ record: RegistryRecord) {
            registry = record.registry
            registry_name = record.name
            registry_user = record.user
            registry_type = record.type
            registry_verify = record.verifyTLS
            created_at = record.createdAt
            last_updated = record.lastUpdated
            userId = record.account
        }
    }

    func register<Router: RouterMethods<APIContext>>(on router: Router) {
        router.get("registries") { _, context in
            let account = try context.requireAccount()
            return try JSONReply.make(try await call { () async throws(ServiceError) in try await service.registries(account: account) }.map(RegistryReply.init))
        }
        router.post("registries") { request, context in try await put(request, context, replacing: false) }
        router.get("registries/:registry") { _, context in
            let account = try context.requireAccount()
            let name = try name(context)
            let found = try await call { () async throws(ServiceError) in try await service.registries(account: account) }.filter { $0.registry == name }
            guard !found.isEmpty else { throw APIError(status: .notFound, message: "registry \(name) not found") }
            return try JSONReply.make(found.map(RegistryReply.init))
        }
        router.put("registries/:registry") { request, context in try await put(request, context, replacing: true) }
        router.delete("registries/:registry") { _, context in
            let account = try context.requireAccount()
            let name = try name(context)
            try await call { () async throws(ServiceError) in try await service.deleteRegistry(account: account, registry: name) }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "true")))
        }
    }

    func name(_ context: APIContext) throws -> String {
        let raw = try context.parameters.require("registry")
        return raw.removingPercentEncoding ?? raw
    }

    func put(_ request: Request, _ context: APIContext, replacing: Bool) async throws -> Response {
        let account = try context.requireAccount()
        let body = try await JSONReply.decode(RegistryBody.self, from: request, context: context)
        if replacing, try name(context) != body.registry {
            throw APIError(status: .badRequest, message: "the registry in the path (\(try name(context))) and in the body (\(body.registry)) differ")
        }
        let input = RegistryInput(registry: body.registry, name: body.registry_name, user: body.registry_user, password: body.registry_pass,
                                  type: body.registry_type ?? "docker_v2", verifyTLS: body.registry_verify ?? true)
        let validate = try request.flag("validate", default: true)
        let record = try await call { () async throws(ServiceError) in
            try await service.putRegistry(account: account, input, validate: validate, replacing: replacing)
        }
        return try JSONReply.make([RegistryReply(record)])
    }
}
