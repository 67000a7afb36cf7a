import Foundation
import ImageSource
import Model
import Store

/// Watch mode's pollers: every `tagPollInterval`, each active `tag_update` subscription's tag is
/// resolved at its registry (`HEAD` on the manifest); a digest no stored image of that tag has is
/// added and analysed, and a `tag_update` notification raised. Every `repoPollInterval`, each
/// active `repo_update` subscription's repository is listed (`tags/list`, following `Link`
/// pagination) and tags without an image are added. Each poll runs on one instance only: it holds
/// the store lease `watcher.tags` / `watcher.repos` while it runs.
public struct RegistryWatcher: Sendable {
    let service: HawserService
    let holder: String

    public init(service: HawserService, holder: String) {
        self.service = service
        self.holder = holder
    }

    public func run() async {
        let watch = service.configuration.watch
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await loop(lease: "watcher.tags", every: watch.tagPollInterval) { await pollTags() } }
            group.addTask { await loop(lease: "watcher.repos", every: watch.repoPollInterval) { await pollRepositories() } }
        }
    }

    /// Runs `body` every `interval` (the first time one interval after start, as Anchore's cycle
    /// timers do) while this instance holds `lease` (taken for twice the interval, renewed each round).
    func loop(lease: String, every interval: Duration, _ body: @Sendable () async -> Void) async {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { break }
            let now = service.clock()
            let store = service.store, holder = self.holder
            if (try? await store.acquireLease(name: lease, holder: holder, until: now.addingTimeInterval(max(2 * seconds, 5)), now: now)) == true {
                await body()
            }
        }
    }

    func pollTags() async {
        guard let subscriptions = try? await service.store.activeSubscriptions(type: "tag_update") else { return }
        for subscription in subscriptions where !Task.isCancelled {
            do { try await service.checkTag(account: subscription.account, fullTag: subscription.key) } catch {
                service.logger.warning("tag watch failed", metadata: ["tag": "\(subscription.key)", "error": "\(error)"])
            }
        }
    }

    func pollRepositories() async {
        guard let subscriptions = try? await service.store.activeSubscriptions(type: "repo_update") else { return }
        for subscription in subscriptions where !Task.isCancelled {
            do { try await service.checkRepository(subscription) } catch {
                service.logger.warning("repository watch failed", metadata: ["repository": "\(subscription.key)", "error": "\(error)"])
            }
        }
    }
}

extension HawserService {
    /// One `tag_update` poll: adds the tag's current digest when no stored image has it, and notifies.
    func checkTag(account: String, fullTag: String) async throws(ServiceError) {
        let reference: ImageReference
        do { reference = try ImageReference(parsing: fullTag) } catch { throw .badRequest("invalid tag \(fullTag): \(error)") }
        let options = try await sourceOptions(account: account, registry: reference.registry)
        let resolved: ResolvedManifest
        do { resolved = try await ImageLoader(options: options).resolveManifest(reference) } catch { throw Self.registryError(error, image: fullTag) }
        let images = try await storeCall { () async throws(StoreError) in try await store.images(account: account) }
        let tagged = images.filter { $0.tags.contains { $0.fullTag == fullTag } }
        guard !tagged.contains(where: { $0.digest == resolved.digest.description }) else { return }
        let previous = tagged.sorted { ($0.tags.first { $0.fullTag == fullTag }?.detectedAt ?? .distantPast) < ($1.tags.first { $0.fullTag == fullTag }?.detectedAt ?? .distantPast) }
        let annotations = previous.last?.annotations ?? [:]
        // Pinned to the digest just seen, so a tag that moves again meanwhile is analysed as seen now.
        let image = try await addImage(account: account, ImageAddition(tag: fullTag, digestPullString: "\(reference.name)@\(resolved.digest)",
                                                                        annotations: annotations))
        logger.info("tag moved", metadata: ["tag": "\(fullTag)", "digest": "\(image.digest)"])
        try await recordEvent(account: account, type: "user.image.tag_update", level: "info",
                              message: "Tag \(fullTag) now points to \(image.digest)", resourceType: "image_tag", resourceID: fullTag)
        try await notify(account: account, type: "tag_update", key: fullTag, fields: [
            "last_eval": previous.map(\.digest), "curr_eval": [image.digest], "annotations": annotations,
        ])
    }

    /// One `repo_update` poll: every tag of the repository without a stored image is added (with its
    /// tag subscriptions; `tag_update` active iff the subscription's `autosubscribe`).
    func checkRepository(_ subscription: Subscription) async throws(ServiceError) {
        let value = subscription.value.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] } ?? [:]
        let autosubscribe = value["autosubscribe"] as? Bool ?? false
        let reference: ImageReference
        do { reference = try ImageReference(parsing: subscription.key) } catch { throw .badRequest("invalid repository \(subscription.key): \(error)") }
        let options = try await sourceOptions(account: subscription.account, registry: reference.registry)
        let tags: [String]
        do { tags = try await ImageLoader(options: options).listTags(reference) } catch { throw Self.registryError(error, image: subscription.key) }
        let account = subscription.account
        let known = Set(try await storeCall { () async throws(StoreError) in try await store.images(account: account) }.flatMap { $0.tags.map(\.fullTag) })
        for tag in tags where !known.contains("\(reference.name):\(tag)") {
            _ = try await addImage(account: account, ImageAddition(tag: "\(reference.name):\(tag)", autosubscribe: autosubscribe))
        }
        var updated = subscription
        var object = value
        object["repotags"] = tags
        object["tagcount"] = tags.count
        updated.value = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
        updated.lastUpdated = clock()
        let record = updated
        try await storeCall { () async throws(StoreError) in try await store.putSubscription(record) }
    }
}
