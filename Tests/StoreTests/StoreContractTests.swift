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
            #expect(try await store.deleteSubscription(account: "admin", id: id))
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
}
