import Foundation

/// Everything the service keeps (mission step 3, **Save**): accounts and users, images with their
/// tags, documents and analysis history, the analysis queue, events, registry credentials and
/// subscriptions. Backends: `StoreSQLite` (embedded default); one contract test suite covers every backend.
///
/// Operations that must be atomic (adding an image and queueing it, finishing an analysis and
/// dropping its job) are single calls, so each backend can run them in one transaction.
public protocol ServiceStore: Sendable {
    /// Applies pending migrations, in order; refuses a schema newer than this build.
    func migrate() async throws(StoreError)

    // MARK: accounts and users
    func createAccount(_ account: Account) async throws(StoreError)
    func account(named name: String) async throws(StoreError) -> Account?
    func accounts() async throws(StoreError) -> [Account]
    func setAccountState(_ name: String, to state: Account.State, at now: Date) async throws(StoreError) -> Account
    /// Removes the account and everything it owns.
    func deleteAccount(_ name: String) async throws(StoreError)
    func createUser(_ user: User) async throws(StoreError)
    func user(named username: String) async throws(StoreError) -> User?
    func users(account: String) async throws(StoreError) -> [User]
    func setPasswordHash(username: String, hash: String, at now: Date) async throws(StoreError)
    func deleteUser(_ username: String) async throws(StoreError)

    // MARK: images
    /// Adds (or re-tags) an image and queues its analysis when it is new, failed before, or `force` is set.
    /// The same digest added twice is analyzed once.
    func addImage(_ request: ImageAddRequest) async throws(StoreError) -> ImageAddOutcome
    func image(account: String, digest: String) async throws(StoreError) -> StoredImage?
    func images(account: String) async throws(StoreError) -> [StoredImage]
    /// Every analyzed image of every account, for queries across images and re-matching.
    func analyzedImages(account: String?) async throws(StoreError) -> [StoredImage]
    /// Removes the image, its tags, documents, history and queued job. False when there was none.
    func deleteImage(account: String, digest: String) async throws(StoreError) -> Bool
    func transitions(account: String, digest: String) async throws(StoreError) -> [AnalysisTransition]
    func document(_ kind: ImageDocumentKind, account: String, digest: String) async throws(StoreError) -> Data?
    /// Stores (or replaces) several documents of one image in one transaction: all or none.
    func putDocuments(_ documents: [ImageDocumentKind: Data], account: String, digest: String) async throws(StoreError)

    /// Stores an image analysed elsewhere (an imported SBOM) as `analyzed`, with its documents, in one
    /// transaction; replaces the documents of an image already stored. No job is queued.
    func importImage(_ request: ImageAddRequest, result: AnalysisResult) async throws(StoreError) -> StoredImage

    // MARK: analysis queue
    /// Leases the oldest job nobody holds (or whose lease expired) to `worker` and marks its image `analyzing`.
    func claimJob(worker: String, leaseSeconds: Double, now: Date) async throws(StoreError) -> AnalysisJob?
    /// Extends a lease; false when the job is gone or another worker holds it now.
    func renewLease(jobID: Int64, worker: String, until: Date) async throws(StoreError) -> Bool
    /// Stores the result, marks the image `analyzed` and removes the job, atomically; false when the
    /// worker no longer holds the job (its result is dropped).
    func completeJob(_ job: AnalysisJob, worker: String, result: AnalysisResult, now: Date) async throws(StoreError) -> Bool
    /// Marks the image `analysis_failed` with `reason` and removes the job.
    func failJob(_ job: AnalysisJob, worker: String, reason: String, event: StoredEvent, now: Date) async throws(StoreError)
    func queuedJobCount() async throws(StoreError) -> Int
    /// How many images (of every account) are in each analysis state.
    func imageStatusCounts() async throws(StoreError) -> [AnalysisStatus: Int]

    // MARK: events
    func addEvent(_ event: StoredEvent) async throws(StoreError)
    /// Newest first.
    func events(account: String, filter: EventFilter, offset: Int, limit: Int) async throws(StoreError) -> [StoredEvent]
    func event(account: String, id: String) async throws(StoreError) -> StoredEvent?
    /// Deletes the matching events and returns their ids.
    func deleteEvents(account: String, filter: EventFilter, id: String?) async throws(StoreError) -> [String]

    // MARK: registries
    func putRegistry(_ record: RegistryRecord) async throws(StoreError)
    func registries(account: String) async throws(StoreError) -> [RegistryRecord]
    func deleteRegistry(account: String, registry: String) async throws(StoreError) -> Bool

    // MARK: API keys
    func createAPIKey(_ key: APIKey) async throws(StoreError)
    func apiKeys(username: String) async throws(StoreError) -> [APIKey]
    func apiKey(hash: String) async throws(StoreError) -> APIKey?
    func revokeAPIKey(username: String, name: String) async throws(StoreError) -> Bool

    // MARK: SBOM imports
    func createImportOperation(_ operation: ImportOperation) async throws(StoreError)
    func importOperation(account: String, uuid: String) async throws(StoreError) -> ImportOperation?
    func importOperations(account: String) async throws(StoreError) -> [ImportOperation]
    func setImportStatus(account: String, uuid: String, status: String) async throws(StoreError)
    /// Keeps one uploaded part (`packages`, `dockerfile`, `manifest`, `image_config`…) under its digest.
    func putImportContent(uuid: String, kind: String, digest: String, data: Data) async throws(StoreError)
    func importContent(uuid: String, kind: String, digest: String) async throws(StoreError) -> Data?

    // MARK: policies
    /// Inserts or replaces a bundle; when it is `active`, every other bundle of the account becomes inactive (one transaction).
    func putPolicy(_ policy: StoredPolicy) async throws(StoreError)
    func policies(account: String) async throws(StoreError) -> [StoredPolicy]
    func deletePolicy(account: String, id: String) async throws(StoreError) -> Bool
    func addEvaluation(_ evaluation: StoredEvaluation) async throws(StoreError)
    /// Newest first; all tags when `tag` is nil.
    func evaluations(account: String, digest: String, tag: String?) async throws(StoreError) -> [StoredEvaluation]

    // MARK: subscriptions
    /// Inserts, or replaces the one with the same id.
    func putSubscription(_ subscription: Subscription) async throws(StoreError)
    func subscriptions(account: String) async throws(StoreError) -> [Subscription]
    /// One subscription by id (what each notification checks: listing an account's thousands would not scale).
    func subscription(account: String, id: String) async throws(StoreError) -> Subscription?
    func deleteSubscription(account: String, id: String) async throws(StoreError) -> Bool
    /// Active subscriptions of `type` in every account (what the watchers poll).
    func activeSubscriptions(type: String) async throws(StoreError) -> [Subscription]

    // MARK: notifications (outbox)
    func enqueueNotification(_ notification: StoredNotification) async throws(StoreError)
    /// Up to `limit` pending notifications due at `now` that no other deliverer holds, held by
    /// `worker` for `leaseSeconds` (so two instances never send the same one at the same time).
    func claimNotifications(worker: String, now: Date, leaseSeconds: Double, limit: Int) async throws(StoreError) -> [StoredNotification]
    /// Records an attempt's outcome (a failure past the deadline also stores its event).
    func finishNotification(id: String, outcome: NotificationOutcome) async throws(StoreError)
    /// Newest first.
    func notifications(account: String) async throws(StoreError) -> [StoredNotification]

    // MARK: leases (one instance runs a periodic task at a time)
    /// Takes or renews the lease `name` for `holder` until `until`; false while another holder's lease runs.
    func acquireLease(name: String, holder: String, until: Date, now: Date) async throws(StoreError) -> Bool
}

extension ServiceStore {
    public func putDocument(_ kind: ImageDocumentKind, account: String, digest: String, data: Data) async throws(StoreError) {
        try await putDocuments([kind: data], account: account, digest: digest)
    }
}
