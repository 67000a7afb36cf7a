import Foundation
import Store
import Testing

/// One contract every store backend must keep; each test runs on SQLite and on PostgreSQL.
@Suite struct StoreContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let digest = "sha256:" + String(repeating: "a", count: 64)
    static let other = "sha256:" + String(repeating: "b", count: 64)

    static func prepare(_ store: any ServiceStore, accounts: [String] = ["admin"]) async throws {
        for name in accounts {
            try await store.createAccount(Account(name: name, email: "\(name)@example.com", type: name == "admin" ? .admin : .user,
                                                  createdAt: t0, lastUpdated: t0))
        }
    }

    static func add(_ store: any ServiceStore, account: String = "admin", digest: String = digest, tag: String = "latest",
                    force: Bool = false, at offset: Double = 0) async throws -> ImageAddOutcome {
        try await store.addImage(ImageAddRequest(
            account: account, digest: digest,
            tag: ImageTag(registry: "127.0.0.1:5055", repository: "fixture/app", tag: tag, detectedAt: t0.addingTimeInterval(offset)),
            pullString: "127.0.0.1:5055/fixture/app@\(digest)", force: force, annotations: ["team": "a"], now: t0.addingTimeInterval(offset)))
    }

    static func result(_ job: AnalysisJob, packages: Int = 3) -> AnalysisResult {
        AnalysisResult(summary: ImageSummary(arch: "amd64", distro: "debian", distroVersion: "12", dockerfileMode: "Guessed",
                                             imageSize: 1234, layerCount: 6, imageID: "c0ffee"),
                       documents: [.sbom: Data("{\"packages\":\(packages)}".utf8), .manifest: Data([0, 1, 2, 255])],
                       event: StoredEvent(account: job.account, type: "user.image.analysis.completed", level: "info", message: "done",
                                          resourceType: "image_digest", resourceID: job.digest, createdAt: t0))
    }

    @Test(arguments: StoreBackend.allCases)
    func accountsAndUsers(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.migrate()  // a second migration is a no-op
            try await Self.prepare(store, accounts: ["admin", "team1"])
            await #expect(throws: StoreError.conflict("account 'team1'")) {
                try await store.createAccount(Account(name: "team1", email: nil, type: .user, createdAt: Self.t0, lastUpdated: Self.t0))
            }
            #expect(try await store.accounts().map(\.name) == ["admin", "team1"])
            let disabled = try await store.setAccountState("team1", to: .disabled, at: Self.t0.addingTimeInterval(5))
            #expect(disabled.state == .disabled && disabled.lastUpdated == Self.t0.addingTimeInterval(5))
            try await store.createUser(User(username: "bob", account: "team1", passwordHash: "h1", createdAt: Self.t0, lastUpdated: Self.t0))
            await #expect(throws: StoreError.conflict("user 'bob'")) {
                try await store.createUser(User(username: "bob", account: "admin", passwordHash: "h", createdAt: Self.t0, lastUpdated: Self.t0))
            }
            await #expect(throws: StoreError.notFound("account 'nobody'")) {
                try await store.createUser(User(username: "eve", account: "nobody", passwordHash: "h", createdAt: Self.t0, lastUpdated: Self.t0))
            }
            try await store.setPasswordHash(username: "bob", hash: "h2", at: Self.t0)
            #expect(try await store.user(named: "bob")?.passwordHash == "h2")
            #expect(try await store.users(account: "team1").map(\.username) == ["bob"])
            // Deleting an account removes what it owns.
            _ = try await Self.add(store, account: "team1")
            try await store.deleteAccount("team1")
            #expect(try await store.account(named: "team1") == nil)
            #expect(try await store.user(named: "bob") == nil)
            #expect(try await store.images(account: "team1").isEmpty)
            #expect(try await store.queuedJobCount() == 0)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func sameDigestIsAnalyzedOnce(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.prepare(store, accounts: ["admin", "team1"])
            let first = try await Self.add(store)
            #expect(first.queued && first.image.analysisStatus == .notAnalyzed)
            let second = try await Self.add(store, tag: "v1", at: 10)
            #expect(!second.queued)
            #expect(second.image.tags.map(\.tag) == ["latest", "v1"])
            #expect(second.image.recordVersion == 2)
            #expect(try await store.queuedJobCount() == 1)
            // Another account's image of the same digest is its own record and its own job.
            let theirs = try await Self.add(store, account: "team1")
            #expect(theirs.queued)
            #expect(try await store.images(account: "admin").map(\.digest) == [Self.digest])
            #expect(try await store.images(account: "team1").count == 1)
            #expect(try await store.image(account: "team1", digest: Self.other) == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func analysisLifecycleWithLeases(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.prepare(store)
            _ = try await Self.add(store)
            let job = try #require(try await store.claimJob(worker: "w1", leaseSeconds: 30, now: Self.t0))
            #expect(job.attempts == 1 && job.leaseOwner == "w1")
            #expect(try await store.image(account: "admin", digest: Self.digest)?.analysisStatus == .analyzing)
            // Held: nobody else gets it.
            #expect(try await store.claimJob(worker: "w2", leaseSeconds: 30, now: Self.t0.addingTimeInterval(10)) == nil)
            #expect(try await store.renewLease(jobID: job.id, worker: "w1", until: Self.t0.addingTimeInterval(40)))
            #expect(try await store.claimJob(worker: "w2", leaseSeconds: 30, now: Self.t0.addingTimeInterval(35)) == nil)
            // w1 died: after its lease, w2 takes the job over.
            let retaken = try #require(try await store.claimJob(worker: "w2", leaseSeconds: 30, now: Self.t0.addingTimeInterval(41)))
            #expect(retaken.id == job.id && retaken.attempts == 2 && retaken.leaseOwner == "w2")
            // The dead worker's late result is refused and changes nothing.
            #expect(try await !store.completeJob(job, worker: "w1", result: Self.result(job, packages: 99), now: Self.t0.addingTimeInterval(42)))
            #expect(try await store.document(.sbom, account: "admin", digest: Self.digest) == nil)
            #expect(try await store.renewLease(jobID: job.id, worker: "w1", until: Self.t0.addingTimeInterval(99)) == false)
            #expect(try await store.completeJob(retaken, worker: "w2", result: Self.result(retaken), now: Self.t0.addingTimeInterval(50)))
            let image = try #require(try await store.image(account: "admin", digest: Self.digest))
            #expect(image.analysisStatus == .analyzed && image.analyzedAt == Self.t0.addingTimeInterval(50))
            #expect(image.summary.layerCount == 6 && image.summary.imageID == "c0ffee")
            #expect(try await store.document(.sbom, account: "admin", digest: Self.digest) == Data("{\"packages\":3}".utf8))
            #expect(try await store.document(.manifest, account: "admin", digest: Self.digest) == Data([0, 1, 2, 255]))
            #expect(try await store.queuedJobCount() == 0)
            #expect(try await store.transitions(account: "admin", digest: Self.digest).map(\.to)
                    == [.notAnalyzed, .analyzing, .analyzing, .analyzed])
            #expect(try await store.events(account: "admin", filter: EventFilter(type: "user.image.*"), offset: 0, limit: 10).count == 1)
            // Adding it again does nothing; force queues a new analysis.
            #expect(try await !Self.add(store, at: 60).queued)
            let forced = try await Self.add(store, force: true, at: 70)
            #expect(forced.queued && forced.image.analysisStatus == .notAnalyzed)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func failedAnalysisKeepsItsReasonAndCanBeRetried(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.prepare(store)
            _ = try await Self.add(store)
            let job = try #require(try await store.claimJob(worker: "w1", leaseSeconds: 30, now: Self.t0))
            let event = StoredEvent(account: "admin", type: "user.image.analysis.failed", level: "error", message: "registry said 401",
                                    resourceType: "image_digest", resourceID: Self.digest, createdAt: Self.t0)
            try await store.failJob(job, worker: "w1", reason: "registry said 401", event: event, now: Self.t0.addingTimeInterval(1))
            let failed = try #require(try await store.image(account: "admin", digest: Self.digest))
            #expect(failed.analysisStatus == .analysisFailed && failed.failureReason == "registry said 401")
            #expect(try await store.events(account: "admin", filter: EventFilter(level: "error"), offset: 0, limit: 5).map(\.message) == ["registry said 401"])
            let again = try await Self.add(store, at: 2)
            #expect(again.queued && again.image.failureReason == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentWorkersTakeEachJobOnce(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.prepare(store)
            let digests = (0..<24).map { "sha256:" + String(format: "%064x", $0 + 1) }
            for digest in digests { _ = try await Self.add(store, digest: digest) }
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<6 {
                    group.addTask {
                        var mine: [String] = []
                        while let job = try await store.claimJob(worker: "w\(worker)", leaseSeconds: 60, now: Self.t0) {
                            mine.append(job.digest)
                            #expect(try await store.completeJob(job, worker: "w\(worker)", result: Self.result(job), now: Self.t0))
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claimed.sorted() == digests.sorted())
            #expect(try await store.analyzedImages(account: nil).count == digests.count)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func eventsFilterAndPage(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.prepare(store, accounts: ["admin", "team1"])
            for index in 0..<5 {
                try await store.addEvent(StoredEvent(id: "e\(index)", account: "admin", type: index.isMultiple(of: 2) ? "user.image.added" : "system.feeds.sync",
                                                     level: index == 4 ? "error" : "info", message: "m\(index)", resourceType: "image_digest",
                                                     resourceID: "r\(index)", createdAt: Self.t0.addingTimeInterval(Double(index))))
            }
            try await store.addEvent(StoredEvent(id: "x", account: "team1", type: "user.image.added", level: "info", message: "theirs",
                                                 resourceType: "image_digest", resourceID: "r", createdAt: Self.t0))
            #expect(try await store.events(account: "admin", filter: EventFilter(), offset: 0, limit: 2).map(\.id) == ["e4", "e3"])
            #expect(try await store.events(account: "admin", filter: EventFilter(), offset: 2, limit: 2).map(\.id) == ["e2", "e1"])
            #expect(try await store.events(account: "admin", filter: EventFilter(type: "user.*"), offset: 0, limit: 9).map(\.id) == ["e4", "e2", "e0"])
            #expect(try await store.events(account: "admin", filter: EventFilter(since: Self.t0.addingTimeInterval(3)), offset: 0, limit: 9).count == 2)
            #expect(try await store.event(account: "admin", id: "x") == nil)
            #expect(try await store.deleteEvents(account: "admin", filter: EventFilter(level: "info"), id: nil).sorted() == ["e0", "e1", "e2", "e3"])
            #expect(try await store.events(account: "admin", filter: EventFilter(), offset: 0, limit: 9).map(\.id) == ["e4"])
            #expect(try await store.events(account: "team1", filter: EventFilter(), offset: 0, limit: 9).map(\.id) == ["x"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func registriesAndSubscriptions(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.prepare(store, accounts: ["admin", "team1"])
            let sealed = Data([9, 8, 7, 0, 255])
            try await store.putRegistry(RegistryRecord(account: "admin", registry: "r.example:5000", name: "r", user: "u", secret: sealed,
                                                       verifyTLS: false, createdAt: Self.t0, lastUpdated: Self.t0))
            try await store.putRegistry(RegistryRecord(account: "admin", registry: "r.example:5000", name: "r2", user: "u2", secret: sealed,
                                                       createdAt: Self.t0, lastUpdated: Self.t0.addingTimeInterval(1)))
            let registries = try await store.registries(account: "admin")
            #expect(registries.count == 1 && registries[0].user == "u2" && registries[0].secret == sealed && registries[0].verifyTLS)
            #expect(try await store.registries(account: "team1").isEmpty)
            #expect(try await store.deleteRegistry(account: "admin", registry: "r.example:5000"))
            #expect(try await !store.deleteRegistry(account: "admin", registry: "r.example:5000"))
            let id = Subscription.identifier(account: "admin", key: "docker.io/library/alpine:latest", type: "tag_update")
            try await store.putSubscription(Subscription(id: id, account: "admin", key: "docker.io/library/alpine:latest", type: "tag_update",
                                                         active: true, createdAt: Self.t0, lastUpdated: Self.t0))
            try await store.putSubscription(Subscription(id: id, account: "admin", key: "docker.io/library/alpine:latest", type: "tag_update",
                                                         value: "{\"digests\":[]}", active: false, createdAt: Self.t0, lastUpdated: Self.t0))
            let subscriptions = try await store.subscriptions(account: "admin")
            #expect(subscriptions.count == 1 && !subscriptions[0].active && subscriptions[0].value == "{\"digests\":[]}")
            #expect(try await store.subscription(account: "admin", id: id) == subscriptions[0])
            #expect(try await store.subscription(account: "team1", id: id) == nil)
            #expect(try await store.deleteSubscription(account: "admin", id: id))
            #expect(try await store.subscription(account: "admin", id: id) == nil)
            #expect(try await store.subscriptions(account: "admin").isEmpty)
        }
    }
}

extension StoreContractTests {
    @Test(arguments: StoreBackend.allCases)
    func oneActivePolicyAndEvaluationHistory(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.prepare(store, accounts: ["admin", "team1"])
            func policy(_ id: String, active: Bool, account: String = "admin") -> StoredPolicy {
                StoredPolicy(account: account, id: id, name: id, active: active, document: Data("{\"id\":\"\(id)\"}".utf8), digest: "sha256:\(id)",
                             createdAt: Self.t0, lastUpdated: Self.t0)
            }
            try await store.putPolicy(policy("a", active: true))
            try await store.putPolicy(policy("b", active: false))
            try await store.putPolicy(policy("c", active: true, account: "team1"))
            #expect(try await store.policies(account: "admin").map { "\($0.id)=\($0.active)" } == ["a=true", "b=false"])
            try await store.putPolicy(policy("b", active: true))  // activating b deactivates a, not team1's c
            #expect(try await store.policies(account: "admin").map { "\($0.id)=\($0.active)" } == ["a=false", "b=true"])
            #expect(try await store.policies(account: "team1").map(\.active) == [true])
            #expect(try await store.deletePolicy(account: "admin", id: "a"))
            #expect(try await !store.deletePolicy(account: "admin", id: "a"))
            _ = try await Self.add(store)
            for (index, action) in ["stop", "go"].enumerated() {
                try await store.addEvaluation(StoredEvaluation(account: "admin", digest: Self.digest, tag: "r/x:latest", bundleID: "b", bundleDigest: "sha256:b",
                                                               finalAction: action, status: action == "stop" ? "fail" : "pass", result: Data([UInt8(index)]),
                                                               createdAt: Self.t0.addingTimeInterval(Double(index))))
            }
            #expect(try await store.evaluations(account: "admin", digest: Self.digest, tag: "r/x:latest").map(\.finalAction) == ["go", "stop"])
            #expect(try await store.evaluations(account: "admin", digest: Self.digest, tag: "other").isEmpty)
            #expect(try await store.evaluations(account: "team1", digest: Self.digest, tag: nil).isEmpty)
        }
    }

    /// The outbox: due notifications are claimed by one deliverer at a time, retried at their next
    /// attempt, delivered once, failed past the deadline with an event; leases keep a periodic task
    /// to one holder until they expire.
    @Test(arguments: StoreBackend.allCases)
    func notificationOutboxAndLeases(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.prepare(store, accounts: ["admin", "team1"])
            func notification(_ id: String, account: String = "admin", at offset: Double = 0) -> StoredNotification {
                StoredNotification(id: id, account: account, type: "tag_update", subscriptionKey: "r/x:latest", destination: "http://127.0.0.1:1/hook",
                                   payload: Data("{\"n\":\"\(id)\"}".utf8), createdAt: Self.t0.addingTimeInterval(offset),
                                   deadline: Self.t0.addingTimeInterval(offset + 60))
            }
            for (index, id) in ["n1", "n2", "n3"].enumerated() { try await store.enqueueNotification(notification(id, at: Double(index))) }
            try await store.enqueueNotification(notification("later", at: 100))
            try await store.enqueueNotification(notification("t1", account: "team1"))

            // Two deliverers at once never hold the same notification; not-yet-due ones stay.
            let now = Self.t0.addingTimeInterval(10)
            async let first = store.claimNotifications(worker: "a", now: now, leaseSeconds: 30, limit: 2)
            async let second = store.claimNotifications(worker: "b", now: now, leaseSeconds: 30, limit: 10)
            let (a, b) = try await (first, second)
            #expect(Set(a.map(\.id)).isDisjoint(with: b.map(\.id)))
            #expect(Set(a.map(\.id) + b.map(\.id)) == ["n1", "n2", "n3", "t1"])
            #expect(try await store.claimNotifications(worker: "c", now: now, leaseSeconds: 30, limit: 10).isEmpty)
            // Either claim may take them all (SQLite serialises the two); the payload comes back as stored.
            #expect((a + b).first.map { String(decoding: $0.payload, as: UTF8.self).hasPrefix("{\"n\":") } == true)

            try await store.finishNotification(id: "n1", outcome: .delivered(at: now))
            try await store.finishNotification(id: "n2", outcome: .retry(next: now.addingTimeInterval(5), error: "connection refused"))
            let event = StoredEvent(account: "admin", type: "system.notification.delivery.failed", level: "error", message: "gave up",
                                    resourceType: "notification", resourceID: "n3", createdAt: now)
            try await store.finishNotification(id: "n3", outcome: .failed(error: "connection refused", event: event))
            // A late outcome for a finished notification changes nothing (and stores no second event).
            try await store.finishNotification(id: "n3", outcome: .failed(error: "again", event: event))
            try await store.finishNotification(id: "n1", outcome: .retry(next: now, error: "late"))

            let byID = Dictionary(uniqueKeysWithValues: try await store.notifications(account: "admin").map { ($0.id, $0) })
            #expect(byID["n1"]?.state == .delivered && byID["n1"]?.deliveredAt == now && byID["n1"]?.attempts == 1)
            #expect(byID["n2"]?.state == .pending && byID["n2"]?.lastError == "connection refused" && byID["n2"]?.attempts == 1)
            #expect(byID["n3"]?.state == .failed && byID["n3"]?.attempts == 1)
            #expect(try await store.events(account: "admin", filter: EventFilter(type: "system.notification.delivery.failed"), offset: 0, limit: 10).count == 1)
            #expect(try await store.notifications(account: "team1").map(\.id) == ["t1"])

            // n2 comes back at its next attempt; t1's claim (held by a or b) expires after its lease.
            #expect(try await store.claimNotifications(worker: "c", now: now.addingTimeInterval(4), leaseSeconds: 30, limit: 10).isEmpty)
            let again = try await store.claimNotifications(worker: "c", now: now.addingTimeInterval(31), leaseSeconds: 30, limit: 10)
            #expect(Set(again.map(\.id)) == ["n2", "t1"])
            #expect(Set(try await store.claimNotifications(worker: "d", now: now.addingTimeInterval(200), leaseSeconds: 30, limit: 10).map(\.id)) == ["n2", "t1", "later"])

            // Leases: one holder until expiry; the holder renews; another takes an expired one.
            #expect(try await store.acquireLease(name: "watcher.tags", holder: "i1", until: Self.t0.addingTimeInterval(10), now: Self.t0))
            #expect(try await !store.acquireLease(name: "watcher.tags", holder: "i2", until: Self.t0.addingTimeInterval(15), now: Self.t0.addingTimeInterval(5)))
            #expect(try await store.acquireLease(name: "watcher.tags", holder: "i1", until: Self.t0.addingTimeInterval(20), now: Self.t0.addingTimeInterval(5)))
            #expect(try await !store.acquireLease(name: "watcher.tags", holder: "i2", until: Self.t0.addingTimeInterval(25), now: Self.t0.addingTimeInterval(15)))
            #expect(try await store.acquireLease(name: "watcher.tags", holder: "i2", until: Self.t0.addingTimeInterval(40), now: Self.t0.addingTimeInterval(21)))
            #expect(try await store.acquireLease(name: "feeds.sync", holder: "i1", until: Self.t0.addingTimeInterval(40), now: Self.t0.addingTimeInterval(21)))
        }
    }

    /// Watchers read every account's active subscriptions of one type.
    @Test(arguments: StoreBackend.allCases)
    func activeSubscriptionsAcrossAccounts(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.prepare(store, accounts: ["admin", "team1"])
            for (account, key, type, active) in [("admin", "r/a:1", "tag_update", true), ("team1", "r/b:1", "tag_update", true),
                                                 ("team1", "r/c:1", "tag_update", false), ("admin", "r/a:1", "vuln_update", true)] {
                try await store.putSubscription(Subscription(id: Subscription.identifier(account: account, key: key, type: type), account: account,
                                                             key: key, type: type, active: active, createdAt: Self.t0, lastUpdated: Self.t0))
            }
            #expect(try await store.activeSubscriptions(type: "tag_update").map { "\($0.account) \($0.key)" } == ["admin r/a:1", "team1 r/b:1"])
            #expect(try await store.activeSubscriptions(type: "repo_update").isEmpty)
        }
    }

    /// A re-match stores an image's report, policy facts, fingerprints and match state together.
    @Test(arguments: StoreBackend.allCases)
    func documentsAreStoredTogether(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.prepare(store)
            _ = try await Self.add(store)
            func text(_ kind: ImageDocumentKind, _ digest: String = Self.digest) async throws -> String? {
                try await store.document(kind, account: "admin", digest: digest).map { String(decoding: $0, as: UTF8.self) }
            }
            try await store.putDocuments([.vulnerabilities: Data("v1".utf8), .matchState: Data("s1".utf8)], account: "admin", digest: Self.digest)
            try await store.putDocuments([.vulnerabilities: Data("v2".utf8), .matchFingerprints: Data("f2".utf8)], account: "admin", digest: Self.digest)
            #expect(try await text(.vulnerabilities) == "v2")
            #expect(try await text(.matchState) == "s1")
            #expect(try await text(.matchFingerprints) == "f2")
            // Documents of an image that is not stored are refused, and none is kept.
            await #expect(throws: StoreError.self) {
                try await store.putDocuments([.vulnerabilities: Data("x".utf8), .matchState: Data("y".utf8)], account: "admin", digest: Self.other)
            }
            #expect(try await text(.vulnerabilities, Self.other) == nil)
            #expect(try await text(.matchState, Self.other) == nil)
        }
    }
}
