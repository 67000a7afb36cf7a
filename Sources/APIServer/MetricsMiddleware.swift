import Foundation
import Hummingbird
import Prometheus
import Service
import Store

/// Prometheus metrics: a request counter and latency histogram per method, route and status
/// (recorded here), and at each scrape of `/metrics` the images by analysis state and the queue length.
struct APIMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(20), .milliseconds(100), .milliseconds(500),
                                      .seconds(2), .seconds(10)]

    func record(method: String, route: String, status: Int, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(name: "hawser_http_requests_total", labels: labels).increment()
        registry.makeDurationHistogram(name: "hawser_http_request_duration_seconds", labels: [("method", method), ("route", route)],
                                       buckets: Self.buckets).record(duration)
    }

    /// The exposition text, with the store's gauges read now.
    func scrape(_ service: HawserService) async -> [UInt8] {
        if let counts = try? await service.store.imageStatusCounts() {
            for status in AnalysisStatus.allCases {
                registry.makeGauge(name: "hawser_images", labels: [("state", status.rawValue)]).set(Double(counts[status] ?? 0))
            }
        }
        if let queued = try? await service.store.queuedJobCount() {
            registry.makeGauge(name: "hawser_analysis_queue_length").set(Double(queued))
        }
        return registry.emitToBuffer()
    }
}

struct MetricsMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let metrics: APIMetrics

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: Int(response.status.code),
                           duration: ContinuousClock.now - started)
            return response
        } catch let error as HTTPResponseError {
            metrics.record(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: Int(error.status.code),
                           duration: ContinuousClock.now - started)
            throw error
        }
    }
}
