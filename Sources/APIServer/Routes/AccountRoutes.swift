import Foundation
import Hummingbird
import Service
import Store

/// `/accounts`, `/accounts/{a}/users`, `/account`, `/user`.
struct AccountRoutes {
    let service: HawserService

    struct AccountReply: Encodable {
        var name: String
        @Nullable var email: String?
        var type: String
        var state: String
        var created_at: Date
        var last_updated: Date

        init(_ account: Account) {
            name = account.name
            email = account.email
            type = account.type.rawValue
            state = account.state.rawValue
            created_at = account.createdAt
            last_updated = account.lastUpdated
        }
    }

    struct UserReply: Encodable {
        var username: String
        var type: String
        @Nullable var source: String?
        var created_at: Date
        var last_updated: Date

        init(_ user: User) {
            username = user.username
            type = user.type
            source = nil
            created_at = user.createdAt
            last_updated = user.lastUpdated
        }
    }

    struct AccountBody: Decodable {
        var name: String
        var email: String?
    }

    struct StateBody: Decodable {
        var state: String
    }

    struct UserBody: Decodable {
        var username: String
        var password: String
    }

    struct CredentialBody: Decodable {
        var type: String
        var value: String
    }

    func register<Router: RouterMethods<APIContext>>(on router: Router) {
        router.get("accounts") { _, context in
            let principal = try context.caller()
            let accounts = try await call { () async throws(ServiceError) in try await service.accounts(by: principal) }
            return try JSONReply.make(accounts.map(AccountReply.init))
        }
        router.post("accounts") { request, context in
            let principal = try context.caller()
            try call { () throws(ServiceError) in try service.requireAdmin(principal) }
            let body = try await JSONReply.decode(AccountBody.self, from: request, context: context)
            let account = try await call { () async throws(ServiceError) in try await service.createAccount(by: principal, name: body.name, email: body.email) }
            return try JSONReply.make(AccountReply(account))
        }
        router.get("accounts/:account") { _, context in
            let principal = try context.caller()
            let name = try context.parameters.require("account")
            return try JSONReply.make(AccountReply(try await call { () async throws(ServiceError) in try await service.account(by: principal, name: name) }))
        }
        router.delete("accounts/:account") { _, context in
            let principal = try context.caller()
            let name = try context.parameters.require("account")
            try await call { () async throws(ServiceError) in try await service.deleteAccount(by: principal, name: name) }
            return Response(status: .noContent)
        }
        router.put("accounts/:account/state") { request, context in
            let principal = try context.caller()
            try call { () throws(ServiceError) in try service.requireAdmin(principal) }
            let name = try context.parameters.require("account")
            let body = try await JSONReply.decode(StateBody.self, from: request, context: context)
            guard let state = Account.State(rawValue: body.state), state != .deleting else {
                throw APIError(status: .badRequest, message: "Invalid account state change requested: state must be enabled or disabled, not '\(body.state)'")
            }
            let account = try await call { () async throws(ServiceError) in try await service.setAccountState(by: principal, name: name, state: state) }
            return try JSONReply.make(["state": account.state.rawValue])
        }
        router.get("accounts/:account/users") { _, context in
            let principal = try context.caller()
            let name = try context.parameters.require("account")
            let users = try await call { () async throws(ServiceError) in try await service.users(by: principal, account: name) }
            return try JSONReply.make(users.map(UserReply.init))
        }
        router.post("accounts/:account/users") { request, context in
            let principal = try context.caller()
            try call { () throws(ServiceError) in try service.requireAdmin(principal) }
            let name = try context.parameters.require("account")
            let body = try await JSONReply.decode(UserBody.self, from: request, context: context)
            let user = try await call { () async throws(ServiceError) in
                try await service.createUser(by: principal, account: name, username: body.username, password: body.password)
            }
            return try JSONReply.make(UserReply(user))
        }
        router.get("accounts/:account/users/:user") { _, context in
            let principal = try context.caller()
            let name = try context.parameters.require("account"), username = try context.parameters.require("user")
            return try JSONReply.make(UserReply(try await call { () async throws(ServiceError) in
                try await service.user(by: principal, account: name, username: username)
            }))
        }
        router.delete("accounts/:account/users/:user") { _, context in
            let principal = try context.caller()
            let name = try context.parameters.require("account"), username = try context.parameters.require("user")
            try await call { () async throws(ServiceError) in try await service.deleteUser(by: principal, account: name, username: username) }
            return Response(status: .noContent)
        }
        router.post("accounts/:account/users/:user/credentials") { request, context in
            let principal = try context.caller()
            let name = try context.parameters.require("account"), username = try context.parameters.require("user")
            let body = try await JSONReply.decode(CredentialBody.self, from: request, context: context)
            guard body.type == "password" else { throw APIError(status: .badRequest, message: "credential type must be password") }
            let user = try await call { () async throws(ServiceError) in
                try await service.setPassword(by: principal, account: name, username: username, password: body.value)
            }
            return try JSONReply.make(UserReply(user))
        }
        router.get("account") { _, context in
            let principal = try context.caller()
            let name = try context.requireAccount()
            return try JSONReply.make(AccountReply(try await call { () async throws(ServiceError) in try await service.account(by: principal, name: name) }))
        }
        router.get("user") { _, context in
            let principal = try context.caller()
            return try JSONReply.make(UserReply(try await call { () async throws(ServiceError) in
                try await service.user(by: principal, account: principal.account, username: principal.username)
            }))
        }
    }
}
