import Foundation
import ImageSource
import Store

/// What `registry add|update` sends.
public struct RegistryInput: Sendable, Hashable {
    public var registry: String
    public var name: String?
    public var user: String
    public var password: String
    public var type: String
    public var verifyTLS: Bool

    public init(registry: String, name: String?, user: String, password: String, type: String = "docker_v2", verifyTLS: Bool = true) {
        self.registry = registry
        self.name = name
        self.user = user
        self.password = password
        self.type = type
        self.verifyTLS = verifyTLS
    }
}

extension HawserService {
    /// Stores registry credentials (sealed); with `validate`, logs in first and refuses credentials the registry refuses.
    public func putRegistry(account: String, _ input: RegistryInput, validate: Bool, replacing: Bool) async throws(ServiceError) -> RegistryRecord {
        let host = input.registry.trimmingCharacters(in: .whitespaces)
        guard !host.isEmpty, !host.contains("/") || host.split(separator: "/").count == 2 else {
            throw .badRequest("invalid registry '\(input.registry)': give a host[:port], e.g. registry.example.com:5000")
        }
        guard ["docker_v2", "awsecr"].contains(input.type) else {
            throw .badRequest("unsupported registry_type '\(input.type)' (supported: docker_v2)")
        }
        let existing = try await storeCall { () async throws(StoreError) in try await store.registries(account: account) }.first { $0.registry == host }
        if replacing && existing == nil { throw .notFound("registry \(host) not found") }
        if !replacing && existing != nil { throw .conflict("registry \(host) already exists; update it instead") }
        if validate {
            let options = SourceOptions(cacheDirectory: configuration.cacheDirectory,
                                        insecureHTTP: configuration.insecureRegistries || !input.verifyTLS || Self.isLoopback(host),
                                        credentials: StoredCredentials(byRegistry: [host: .basic(username: input.user, password: input.password)]),
                                        retry: RetryPolicy(maxAttempts: 2))
            do { try await ImageLoader(options: options).checkAccess(registry: host) } catch {
                throw Self.registryError(error, image: "registry \(host)")
            }
        }
        let now = clock()
        let record = RegistryRecord(account: account, registry: host, name: input.name ?? host, user: input.user,
                                    secret: try secrets.seal(input.password), type: input.type, verifyTLS: input.verifyTLS,
                                    createdAt: existing?.createdAt ?? now, lastUpdated: now)
        try await storeCall { () async throws(StoreError) in try await store.putRegistry(record) }
        return record
    }

    public func registries(account: String) async throws(ServiceError) -> [RegistryRecord] {
        try await storeCall { () async throws(StoreError) in try await store.registries(account: account) }
    }

    public func deleteRegistry(account: String, registry: String) async throws(ServiceError) {
        guard try await storeCall({ () async throws(StoreError) in try await store.deleteRegistry(account: account, registry: registry) }) else {
            throw .notFound("registry \(registry) not found")
        }
    }
}
