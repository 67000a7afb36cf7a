import Foundation
import Model
import Store

/// An image and what of it a query found.
public struct ImageQueryHit<Found: Sendable>: Sendable {
    public var image: StoredImage
    public var found: [Found]
}

extension HawserService {
    /// Images of the account with a match for `vulnerabilityID` (or one of its aliases), optionally
    /// narrowed to a namespace, package name and severity.
    public func imagesAffected(account: String, vulnerabilityID: String, namespace: String? = nil, package: String? = nil,
                               severity: Severity? = nil, vendorOnly: Bool = true) async throws(ServiceError) -> [ImageQueryHit<Match>] {
        let wanted = vulnerabilityID.uppercased()
        var hits: [ImageQueryHit<Match>] = []
        for image in try await storeCall({ () async throws(StoreError) in try await store.analyzedImages(account: account) }) {
            let report = try await vulnerabilities(account: account, digest: image.digest)
            let found = report.matches.filter { match in
                (match.vulnerability.id.uppercased() == wanted || match.vulnerability.aliases.contains { $0.uppercased() == wanted })
                    && (namespace == nil || match.vulnerability.namespace == namespace)
                    && (package == nil || match.package.name == package)
                    && (severity == nil || match.severity == severity)
                    && (!vendorOnly || match.vulnerability.fixState != .wontFix)
            }
            if !found.isEmpty { hits.append(ImageQueryHit(image: image, found: found)) }
        }
        return hits
    }

    /// Images of the account holding a package named `name` (optionally of a type and version).
    public func imagesWithPackage(account: String, name: String, type: String? = nil, version: String? = nil)
        async throws(ServiceError) -> [ImageQueryHit<Package>] {
        var hits: [ImageQueryHit<Package>] = []
        for image in try await storeCall({ () async throws(StoreError) in try await store.analyzedImages(account: account) }) {
            let sbom = try await sbom(account: account, digest: image.digest)
            let found = sbom.packages.filter { package in
                package.name == name && (version == nil || package.version == version)
                    && (type == nil || package.type.rawValue == type || Self.anchoreType(package.type) == type?.lowercased())
            }
            if !found.isEmpty { hits.append(ImageQueryHit(image: image, found: found)) }
        }
        return hits
    }

    /// Anchore's package type words (`dpkg`, `rpm`, `apkg`, `python`, `npm`, `gem`, `java`, `go`, `binary`, `nuget`).
    public static func anchoreType(_ type: PackageType) -> String {
        switch type.rawValue {
        case "deb": "dpkg"
        case "apk": "apkg"
        case "java-archive", "jenkins-plugin": "java"
        case "go-module": "go"
        case "dotnet": "nuget"
        case "php-composer": "composer"
        case "rust-crate": "rust"
        default: type.rawValue
        }
    }

    // MARK: subscriptions and events

    public func subscriptions(account: String) async throws(ServiceError) -> [Subscription] {
        try await storeCall { () async throws(StoreError) in try await store.subscriptions(account: account) }
    }

    static let subscriptionTypes = ["tag_update", "policy_eval", "vuln_update", "analysis_update", "repo_update"]

    public func addSubscription(account: String, key: String, type: String, value: String?, active: Bool) async throws(ServiceError) -> Subscription {
        guard Self.subscriptionTypes.contains(type) else {
            throw .badRequest("unknown subscription_type '\(type)' (one of \(Self.subscriptionTypes.joined(separator: ", ")))")
        }
        guard !key.isEmpty else { throw .badRequest("subscription_key must not be empty") }
        let id = Subscription.identifier(account: account, key: key, type: type)
        if try await subscriptions(account: account).contains(where: { $0.id == id }) {
            throw .conflict("subscription \(type) for \(key) already exists")
        }
        let now = clock()
        let subscription = Subscription(id: id, account: account, key: key, type: type, value: value, active: active, createdAt: now, lastUpdated: now)
        try await storeCall { () async throws(StoreError) in try await store.putSubscription(subscription) }
        return subscription
    }

    public func updateSubscription(account: String, id: String, active: Bool?, value: String?) async throws(ServiceError) -> Subscription {
        guard var subscription = try await subscriptions(account: account).first(where: { $0.id == id }) else {
            throw .notFound("subscription \(id) not found")
        }
        if let active { subscription.active = active }
        if let value { subscription.value = value }
        subscription.lastUpdated = clock()
        let updated = subscription
        try await storeCall { () async throws(StoreError) in try await store.putSubscription(updated) }
        return updated
    }

    public func deleteSubscription(account: String, id: String) async throws(ServiceError) {
        guard try await storeCall({ () async throws(StoreError) in try await store.deleteSubscription(account: account, id: id) }) else {
            throw .notFound("subscription \(id) not found")
        }
    }

    public func events(account: String, filter: EventFilter, page: Int, limit: Int) async throws(ServiceError) -> (events: [StoredEvent], more: Bool) {
        let rows = try await storeCall { () async throws(StoreError) in
            try await store.events(account: account, filter: filter, offset: max(0, page - 1) * limit, limit: limit + 1)
        }
        return (Array(rows.prefix(limit)), rows.count > limit)
    }

    public func event(account: String, id: String) async throws(ServiceError) -> StoredEvent {
        guard let event = try await storeCall({ () async throws(StoreError) in try await store.event(account: account, id: id) }) else {
            throw .notFound("event \(id) not found")
        }
        return event
    }

    public func deleteEvents(account: String, filter: EventFilter, id: String? = nil) async throws(ServiceError) -> [String] {
        try await storeCall { () async throws(StoreError) in try await store.deleteEvents(account: account, filter: filter, id: id) }
    }
}
