import Foundation
import ImageSource
import Model
import Store

/// What watching a repository found: its tags now, and the `repo_update` subscription kept for it.
public struct RepositoryWatch: Sendable {
    public var subscription: Subscription
    public var tags: [String]
}

extension HawserService {
    /// `POST /repositories`: lists the repository's tags at its registry and stores a `repo_update`
    /// subscription whose value records them (Anchore's `{autosubscribe, lookuptag, tagcount, repotags}`);
    /// the watch mode adds new tags as they appear. `dryrun` only lists.
    public func watchRepository(account: String, repository: String, autosubscribe: Bool, lookupTag: String?, dryRun: Bool)
        async throws(ServiceError) -> RepositoryWatch {
        let reference: ImageReference
        do { reference = try ImageReference(parsing: repository) } catch { throw .badRequest("invalid repository '\(repository)': \(error)") }
        guard reference.digest == nil, !repository.contains("@") else { throw .badRequest("a repository has no digest: '\(repository)'") }
        let options = try await sourceOptions(account: account, registry: reference.registry)
        let tags: [String]
        do { tags = try await ImageLoader(options: options).listTags(reference) } catch { throw Self.registryError(error, image: reference.name) }
        let valueObject: [String: Any] = ["autosubscribe": autosubscribe, "lookuptag": lookupTag ?? "latest", "tagcount": tags.count, "repotags": tags]
        let value = (try? JSONSerialization.data(withJSONObject: valueObject, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
        let now = clock()
        let key = reference.name
        let subscription = Subscription(id: Subscription.identifier(account: account, key: key, type: "repo_update"), account: account, key: key,
                                        type: "repo_update", value: value, active: true, createdAt: now, lastUpdated: now)
        if !dryRun { try await storeCall { () async throws(StoreError) in try await store.putSubscription(subscription) } }
        return RepositoryWatch(subscription: subscription, tags: tags)
    }
}
