import Engine
import Foundation
import ImageSource
import Logging
import Model
import Store

/// One analysis worker: claims a job, keeps its lease alive while it fetches and analyzes the
/// image, then stores the SBOM, documents and vulnerability report with the job's removal in one
/// transaction. A worker that dies leaves its lease to expire; another worker (or this process
/// after a restart) takes the job again, up to `maxAttempts` times.
public struct AnalysisWorker: Sendable {
    public let service: HawserService
    public let name: String

    public init(service: HawserService, name: String) {
        self.service = service
        self.name = name
    }

    /// Works until cancelled.
    public func run() async {
        while !Task.isCancelled {
            let worked: Bool
            do { worked = try await runOnce() } catch {
                service.logger.error("analysis worker \(name): \(error)")
                worked = false
            }
            if !worked { try? await Task.sleep(for: service.configuration.pollInterval) }
        }
    }

    /// Takes and finishes one job; false when the queue had none.
    @discardableResult
    public func runOnce() async throws(ServiceError) -> Bool {
        let store = service.store, configuration = service.configuration, name = self.name
        let now = service.clock()
        guard let job = try await storeCall({ () async throws(StoreError) in
            try await store.claimJob(worker: name, leaseSeconds: configuration.leaseSeconds, now: now)
        }) else { return false }
        service.logger.info("analyzing", metadata: ["worker": "\(name)", "digest": "\(job.digest)", "attempt": "\(job.attempts)"])
        if job.attempts > configuration.maxAttempts {
            try await fail(job, reason: "analysis was interrupted \(job.attempts - 1) times (worker crashed or was stopped); giving up")
            return true
        }
        let heartbeat = Task {
            let interval = Duration.milliseconds(Int(configuration.leaseSeconds * 1000 / 3))
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                _ = try? await store.renewLease(jobID: job.id, worker: name, until: Date().addingTimeInterval(configuration.leaseSeconds))
            }
        }
        defer { heartbeat.cancel() }
        let result: AnalysisResult
        do {
            result = try await analyze(job)
        } catch {
            if Task.isCancelled {
                // Stopped (a graceful shutdown), not failed: hand the job back at once for the next worker.
                await release(job)
                return true
            }
            try await fail(job, reason: error.description)
            return true
        }
        if Task.isCancelled {
            await release(job)
            return true
        }
        let stored = try await storeCall { () async throws(StoreError) in
            try await store.completeJob(job, worker: name, result: result, now: service.clock())
        }
        if stored {
            service.logger.info("analyzed", metadata: ["digest": "\(job.digest)"])
            await service.notifyEventLog(result.event)
            await notifyAnalysis(job, status: "analyzed")
        } else {
            service.logger.warning("lost the lease of \(job.digest) before storing; another worker will store it")
        }
        return true
    }

    /// Ends this worker's lease now, so another worker (or this server after its restart) takes the job without waiting.
    func release(_ job: AnalysisJob) async {
        let store = service.store, name = self.name
        service.logger.info("stopping: handing back the analysis of \(job.digest)")
        // Detached: the worker's own task is cancelled, and the store call must still run.
        await Task.detached { _ = try? await store.renewLease(jobID: job.id, worker: name, until: Date(timeIntervalSince1970: 0)) }.value
    }

    func fail(_ job: AnalysisJob, reason: String) async throws(ServiceError) {
        service.logger.error("analysis failed", metadata: ["digest": "\(job.digest)", "reason": "\(reason)"])
        let now = service.clock()
        let event = StoredEvent(account: job.account, type: "user.image.analysis.failed", level: "error",
                                message: "Failed to analyze image: \(reason)", details: Self.details(["error": reason, "pull_string": job.pullString]),
                                resourceType: "image_digest", resourceID: job.digest, createdAt: now)
        let store = service.store, name = self.name
        try await storeCall { () async throws(StoreError) in try await store.failJob(job, worker: name, reason: reason, event: event, now: now) }
        await service.notifyEventLog(event)
        await notifyAnalysis(job, status: "analysis_failed")
    }

    /// `analysis_update` for each tag of the image (when subscribed): Anchore's last/current status pair.
    func notifyAnalysis(_ job: AnalysisJob, status: String) async {
        guard let image = try? await service.store.image(account: job.account, digest: job.digest) else { return }
        let annotations = image.annotations
        for tag in image.tags {
            do {
                try await service.notify(account: job.account, type: "analysis_update", key: tag.fullTag, fields: [
                    "last_eval": ["imageDigest": job.digest, "analysis_status": "analyzing", "annotations": annotations] as [String: Any],
                    "curr_eval": ["imageDigest": job.digest, "analysis_status": status, "annotations": annotations] as [String: Any],
                    "annotations": annotations,
                ])
            } catch {
                service.logger.warning("cannot raise analysis_update", metadata: ["digest": "\(job.digest)", "error": "\(error)"])
            }
        }
    }

    /// What every analysis records: the job's Dockerfile, the deployment's content search, the layer cache.
    func analysisOptions(_ job: AnalysisJob) -> AnalysisOptions {
        var options = AnalysisOptions(dockerfile: job.dockerfile, layerCacheDirectory: service.configuration.dataDirectory + "/layer-cache")
        options.contentSearch = service.configuration.contentSearch
        return options
    }

    /// Fetch → Analyze → match, for the job's pinned pull string.
    func analyze(_ job: AnalysisJob) async throws(ServiceError) -> AnalysisResult {
        let reference: ImageReference
        do { reference = try ImageReference(parsing: job.pullString) } catch { throw .badRequest("invalid pull string \(job.pullString): \(error)") }
        let options = try await service.sourceOptions(account: job.account, registry: reference.registry)
        let analysis: ImageAnalysis
        do {
            analysis = try await Engine(sourceOptions: options).analyze(
                reference, options: analysisOptions(job))
        } catch {
            if case .source(let sourceError) = error { throw HawserService.registryError(sourceError, image: job.pullString) }
            throw .unavailable("cannot analyze \(job.pullString): \(error)")
        }
        let (report, state) = try await service.match(analysis.sbom)
        let description = analysis.description
        let summary = ImageSummary(
            arch: description.configuration.architecture, distro: analysis.sbom.distro?.id, distroVersion: analysis.sbom.distro?.versionID,
            dockerfileMode: analysis.sbom.dockerfile.map { $0.guessed ? "Guessed" : "Actual" },
            imageSize: description.layers.reduce(0) { $0 + $1.descriptor.size }, layerCount: description.layers.count,
            imageID: description.configDigest.encoded)
        var documents = try HawserService.sbomDocuments(analysis.sbom)
        documents.merge(try HawserService.reportDocuments(sbom: analysis.sbom, report: report, state: state)) { _, new in new }
        if let manifest = description.manifestBytes { documents[.manifest] = Data(manifest) }
        if let config = description.configBytes { documents[.config] = Data(config) }
        let event = StoredEvent(account: job.account, type: "user.image.analysis.completed", level: "info", message: "Image analysis completed",
                                details: Self.details(["packages": "\(analysis.sbom.packages.count)", "vulnerabilities": "\(report.matches.count)"]),
                                resourceType: "image_digest", resourceID: job.digest, createdAt: service.clock())
        return AnalysisResult(summary: summary, documents: documents, event: event)
    }

    static func details(_ values: [String: String]) -> String {
        (try? JSONEncoder().encode(values)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
