import Foundation
import Store

extension HawserService {
    /// The account a request acts in: the caller's own, or (admins only) the one named by `x-anchore-account`.
    public func effectiveAccount(_ principal: Principal, requested: String?) async throws(ServiceError) -> String {
        guard let requested, !requested.isEmpty, requested != principal.account else { return principal.account }
        guard principal.isAdmin else { throw .forbidden("only admin users may act as another account (x-anchore-account: \(requested))") }
        guard try await storeCall({ () async throws(StoreError) in try await store.account(named: requested) }) != nil else {
            throw .notFound("account \(requested) not found")
        }
        return requested
    }

    public func requireAdmin(_ principal: Principal) throws(ServiceError) {
        guard principal.isAdmin else { throw .forbidden("user \(principal.username) is not an admin; account and user management needs an admin") }
    }

    static func validateName(_ name: String, what: String) throws(ServiceError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.@+")
        guard !name.isEmpty, name.count <= 128, name.allSatisfy({ allowed.contains($0) }) else {
            throw .badRequest("invalid \(what) '\(name)': use 1–128 letters, digits and _ - . @ +")
        }
    }

    public func createAccount(by principal: Principal, name: String, email: String?) async throws(ServiceError) -> Account {
        try requireAdmin(principal)
        try Self.validateName(name, what: "account name")
        let now = clock()
        let account = Account(name: name, email: email, type: .user, createdAt: now, lastUpdated: now)
        try await storeCall { () async throws(StoreError) in try await store.createAccount(account) }
        return account
    }

    public func accounts(by principal: Principal) async throws(ServiceError) -> [Account] {
        try requireAdmin(principal)
        return try await storeCall { () async throws(StoreError) in try await store.accounts() }
    }

    public func account(by principal: Principal, name: String) async throws(ServiceError) -> Account {
        guard principal.isAdmin || principal.account == name else { throw .forbidden("not allowed to read account \(name)") }
        guard let account = try await storeCall({ () async throws(StoreError) in try await store.account(named: name) }) else {
            throw .notFound("account \(name) not found")
        }
        return account
    }

    public func setAccountState(by principal: Principal, name: String, state: Account.State) async throws(ServiceError) -> Account {
        try requireAdmin(principal)
        let account = try await account(by: principal, name: name)
        guard account.type != .admin || state == .enabled else { throw .badRequest("the admin account cannot be disabled") }
        guard state != .deleting else { throw .badRequest("Invalid account state change requested: use DELETE to delete an account") }
        let updated = try await storeCall { () async throws(StoreError) in try await store.setAccountState(name, to: state, at: clock()) }
        for user in try await storeCall({ () async throws(StoreError) in try await store.users(account: name) }) {
            await authenticator.forget(username: user.username)
        }
        return updated
    }

    /// Deletes an account and everything it owns; as in Anchore, it must be disabled first.
    public func deleteAccount(by principal: Principal, name: String) async throws(ServiceError) {
        try requireAdmin(principal)
        let account = try await account(by: principal, name: name)
        guard account.type != .admin else { throw .badRequest("the admin account cannot be deleted") }
        guard account.state == .disabled else {
            throw .conflict("Invalid account state change requested: account \(name) must be disabled before it is deleted")
        }
        try await storeCall { () async throws(StoreError) in try await store.deleteAccount(name) }
    }

    public func createUser(by principal: Principal, account: String, username: String, password: String) async throws(ServiceError) -> User {
        try requireAdmin(principal)
        try Self.validateName(username, what: "username")
        guard !password.isEmpty else { throw .badRequest("the password must not be empty") }
        _ = try await self.account(by: principal, name: account)
        let now = clock()
        let user = User(username: username, account: account, passwordHash: PasswordHasher(rounds: configuration.passwordRounds).hash(password),
                        createdAt: now, lastUpdated: now)
        try await storeCall { () async throws(StoreError) in try await store.createUser(user) }
        return user
    }

    public func users(by principal: Principal, account: String) async throws(ServiceError) -> [User] {
        _ = try await self.account(by: principal, name: account)
        guard principal.isAdmin || principal.account == account else { throw .forbidden("not allowed to list users of \(account)") }
        return try await storeCall { () async throws(StoreError) in try await store.users(account: account) }
    }

    public func user(by principal: Principal, account: String, username: String) async throws(ServiceError) -> User {
        guard let user = try await users(by: principal, account: account).first(where: { $0.username == username }) else {
            throw .notFound("user \(username) not found in account \(account)")
        }
        return user
    }

    public func deleteUser(by principal: Principal, account: String, username: String) async throws(ServiceError) {
        try requireAdmin(principal)
        _ = try await user(by: principal, account: account, username: username)
        guard username != principal.username else { throw .badRequest("a user cannot delete itself") }
        try await storeCall { () async throws(StoreError) in try await store.deleteUser(username) }
        await authenticator.forget(username: username)
    }

    public func setPassword(by principal: Principal, account: String, username: String, password: String) async throws(ServiceError) -> User {
        guard principal.isAdmin || principal.username == username else { throw .forbidden("not allowed to change the password of \(username)") }
        guard !password.isEmpty else { throw .badRequest("the password must not be empty") }
        _ = try await user(by: principal, account: account, username: username)
        let hash = PasswordHasher(rounds: configuration.passwordRounds).hash(password)
        try await storeCall { () async throws(StoreError) in try await store.setPasswordHash(username: username, hash: hash, at: clock()) }
        await authenticator.forget(username: username)
        return try await user(by: principal, account: account, username: username)
    }
}
