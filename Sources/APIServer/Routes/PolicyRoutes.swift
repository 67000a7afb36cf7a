import Foundation
import Hummingbird
import Policy
import Service
import Store

/// `/policies`, `/images/{digest}/check`, `/system/policy_spec` and Hawser's `POST /policies/{id}/preview`.
struct PolicyRoutes {
    let service: HawserService
    let images: ImageRoutes

    func register<Router: RouterMethods<APIContext>>(on router: Router) {
        router.get("policies") { request, context in
            let account = try context.requireAccount()
            let detail = try request.flag("detail", default: true)
            return try JSONReply.make(try await call { () async throws(ServiceError) in try await service.policies(account: account) }
                .map { AnchorePolicyRecord($0, detail: detail) })
        }
        router.post("policies") { request, context in
            let account = try context.requireAccount()
            let document = try await body(request, context)
            let policy = try await call { () async throws(ServiceError) in try await service.addPolicy(account: account, document: document) }
            return try JSONReply.make(AnchorePolicyRecord(policy, detail: try request.flag("detail", default: true)))
        }
        router.get("policies/:id") { request, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id")
            let policy = try await call { () async throws(ServiceError) in try await service.policy(account: account, id: id) }
            return try JSONReply.make([AnchorePolicyRecord(policy, detail: try request.flag("detail", default: true))])
        }
        router.put("policies/:id") { request, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id")
            // anchore-cli activates by sending the whole record back with "active": true.
            let data = try await body(request, context)
            guard case .object(let record) = JSONValue(document: data) else {
                throw APIError(status: .badRequest, message: "the request body must be a policy record or bundle (a JSON object)")
            }
            var document: Data?
            if let bundle = record["policybundle"], case .object = bundle { document = try JSONEncoder().encode(bundle) }
            else if record["policies"] != nil || record["rule_sets"] != nil { document = data }
            var active: Bool?
            if case .bool(let flag)? = record["active"] { active = flag } else if try request.flag("active", default: false) { active = true }
            let policy = try await call { () async throws(ServiceError) in
                try await service.updatePolicy(account: account, id: id, document: document, active: active)
            }
            return try JSONReply.make([AnchorePolicyRecord(policy, detail: true)])
        }
        router.delete("policies/:id") { _, context in
            let account = try context.requireAccount()
            let id = try context.parameters.require("id")
            try await call { () async throws(ServiceError) in try await service.deletePolicy(account: account, id: id) }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "true")))
        }
        router.post("policies/:id/preview") { request, context in try await preview(request, context) }
        router.get("images/:digest/check") { request, context in try await check(request, context) }
        router.get("system/policy_spec") { _, _ in try JSONReply.make(PolicySpecReply.all) }
    }

    func body(_ request: Request, _ context: APIContext) async throws -> Data {
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        guard !data.isEmpty else { throw APIError(status: .badRequest, message: "the request needs a policy bundle (JSON) as its body") }
        return data
    }

    func check(_ request: Request, _ context: APIContext) async throws -> Response {
        let account = try context.requireAccount()
        let image = try await images.resolve(context)
        let tag = request.query("tag"), policyID = request.query("policyId")
        let detail = try request.flag("detail", default: false), history = try request.flag("history", default: false)
        let (policy, evaluation) = try await call { () async throws(ServiceError) in
            try await service.evaluate(account: account, digest: image.digest, tag: tag, policyID: policyID)
        }
        var evaluations = [evaluation]
        if history {
            evaluations = try await call { () async throws(ServiceError) in
                try await service.evaluationHistory(account: account, digest: image.digest, tag: evaluation.tag)
            }
        }
        let imageID = image.summary.imageID ?? ""
        let entries = evaluations.map { AnchoreCheck.entry($0, imageID: imageID, policy: policy, detail: detail) }
        return try JSONReply.make([[image.digest: [evaluation.tag: entries]]] as [[String: [String: [JSONValue]]]])
    }

    struct PreviewReply: Encodable {
        struct Change: Encodable {
            var imageDigest: String
            var tag: String
            var current_action: String
            var proposed_action: String
            var added_findings: [String]
            var removed_findings: [String]
        }
        var policyId: String
        var images_checked: Int
        var changes: [Change]
    }

    /// Evaluates the body's bundle (or the stored bundle `id` when the body is empty) against every analysed image without activating it.
    func preview(_ request: Request, _ context: APIContext) async throws -> Response {
        let account = try context.requireAccount()
        let id = try context.parameters.require("id")
        var document = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        if document.isEmpty {
            document = try await call { () async throws(ServiceError) in try await service.policy(account: account, id: id) }.document
        }
        let result = try await call { () async throws(ServiceError) in try await service.previewPolicy(account: account, document: document) }
        let changes = result.changes.map { change in
            let before = Set(change.current.findings.map { "\($0.gate).\($0.trigger) \($0.triggerID)" })
            let after = Set(change.proposed.findings.map { "\($0.gate).\($0.trigger) \($0.triggerID)" })
            return PreviewReply.Change(imageDigest: change.image.digest, tag: change.tag, current_action: change.current.finalAction.rawValue,
                                       proposed_action: change.proposed.finalAction.rawValue, added_findings: after.subtracting(before).sorted(),
                                       removed_findings: before.subtracting(after).sorted())
        }
        return try JSONReply.make(PreviewReply(policyId: id, images_checked: result.checked, changes: changes))
    }
}

/// `GET /system/policy_spec`: every gate, trigger and parameter `GateCatalog` knows.
enum PolicySpecReply {
    static var all: JSONValue {
        .array(GateCatalog.gates.map { gate in
            .object([
                "name": .string(gate.name), "description": .string(gate.description), "state": .string(gate.state.rawValue),
                "superceded_by": gate.supersededBy.map(JSONValue.string) ?? .null,
                "triggers": .array(gate.triggers.map { trigger in
                    .object([
                        "name": .string(trigger.name), "description": .string(trigger.description), "state": .string(trigger.state.rawValue),
                        "superceded_by": .null,
                        "parameters": .array(trigger.parameters.map { parameter in
                            .object([
                                "name": .string(parameter.name), "description": .string(parameter.description), "required": .bool(parameter.required),
                                "example": parameter.example.map(JSONValue.string) ?? .null, "state": .string(parameter.state.rawValue),
                                "validator": validator(parameter.kind),
                            ])
                        }),
                    ])
                }),
            ])
        })
    }

    /// A JSON-schema-like validator, as the engine publishes.
    static func validator(_ kind: ParameterSpec.Kind) -> JSONValue {
        switch kind {
        case .string, .regex, .csv: .object(["type": .string("string")])
        case .bool: .object(["type": .string("boolean")])
        case .int, .csvInt: .object(["type": .string(kind == .int ? "integer" : "string")])
        case .float: .object(["type": .string("number")])
        case .oneOf(let values): .object(["type": .string("string"), "enum": .array(values.map(JSONValue.string))])
        }
    }
}
