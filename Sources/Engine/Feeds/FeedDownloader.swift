import AsyncHTTPClient
import Foundation
import NIOCore

/// Fetches feed files over HTTP(S) into the mirror: streamed to a temporary file beside the
/// target and renamed over it only once the whole body arrived with a 2xx status, so a broken
/// download never replaces the previous copy. Transport errors, 408, 429 and 5xx are retried with
/// exponential backoff, waiting at least as long as a `Retry-After` in seconds asks.
struct FeedDownloader: Sendable {
    /// Rewrites publisher URLs: `https://host/path` → `<mirrorURL>/host/path` (air-gapped sites, tests).
    var mirrorURL: String?
    /// The wait before the first retry; it doubles for each later one (see `backoff(attempt:)`).
    var retryDelay: Duration = .milliseconds(500)
    var maxAttempts = 4
    var maxBytes: Int64 = 4 << 30
    var timeout: TimeAmount = .seconds(600)
    /// NVD signals rate limiting with 403 (not 429): its sync retries those, after `throttleWait`.
    var retryForbidden = false
    var throttleWait: Duration = .seconds(30)

    enum Failure: Error, CustomStringConvertible {
        case status(url: String, code: Int, message: String, retryAfter: Int? = nil)
        case transport(url: String, reason: String)
        case tooLarge(url: String, limit: Int64)
        case file(path: String, reason: String)

        var description: String {
            switch self {
            case .status(let url, let code, let message, _): "GET \(url): HTTP \(code)\(message.isEmpty ? "" : ": \(message)")"
            case .transport(let url, let reason): "GET \(url): \(reason)"
            case .tooLarge(let url, let limit): "GET \(url): body larger than \(limit) bytes"
            case .file(let path, let reason): "\(path): \(reason)"
            }
        }

        /// A 404 means the publisher has no such file (a release not published yet).
        var isNotFound: Bool {
            if case .status(_, 404, _, _) = self { return true }
            return false
        }
    }

    func resolve(_ url: String) -> String {
        guard let mirrorURL, !mirrorURL.isEmpty else { return url }
        let stripped = url.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        return (mirrorURL.hasSuffix("/") ? String(mirrorURL.dropLast()) : mirrorURL) + "/" + stripped
    }

    /// GETs `url` into `destination` (atomically); returns the byte count.
    @discardableResult
    func download(_ url: String, to destination: String, headers: [String: String] = [:]) async throws(Failure) -> Int64 {
        let target = resolve(url)
        let folder = (destination as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw .file(path: folder, reason: "\(error.localizedDescription)")
        }
        let temporary = destination + ".partial-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        var attempt = 0
        while true {
            attempt += 1
            do {
                let size = try await fetchOnce(target, into: temporary, headers: headers)
                // rename(2) replaces the previous copy in one step: there is always one whole file.
                guard rename(temporary, destination) == 0 else {
                    throw Failure.file(path: destination, reason: String(cString: strerror(errno)))
                }
                return size
            } catch let failure as Failure {
                guard attempt < maxAttempts, isRetryable(failure) else { throw failure }
                try? await Task.sleep(for: wait(after: failure, attempt: attempt))
            } catch {
                throw .transport(url: target, reason: "\(error)")
            }
        }
    }

    /// GETs a small text resource (an index) into memory.
    func text(_ url: String, limit: Int = 256 << 20) async throws(Failure) -> String {
        let target = resolve(url)
        var attempt = 0
        while true {
            attempt += 1
            do {
                var request = HTTPClientRequest(url: target)
                request.headers.add(name: "User-Agent", value: "hawser-feed-sync")
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
                let status = Int(response.status.code)
                guard (200..<300).contains(status) else {
                    let body = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
                    throw Failure.status(url: target, code: status, message: Self.firstLine(body), retryAfter: Self.retryAfter(response))
                }
                return String(buffer: try await response.body.collect(upTo: limit))
            } catch let failure as Failure {
                guard attempt < maxAttempts, isRetryable(failure) else { throw failure }
                try? await Task.sleep(for: wait(after: failure, attempt: attempt))
            } catch {
                guard attempt < maxAttempts else { throw .transport(url: target, reason: "\(error)") }
                try? await Task.sleep(for: backoff(attempt: attempt))
            }
        }
    }

    private func fetchOnce(_ url: String, into path: String, headers: [String: String]) async throws -> Int64 {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: "hawser-feed-sync")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        let response: HTTPClientResponse
        do { response = try await HTTPClient.shared.execute(request, timeout: timeout) } catch {
            throw Failure.transport(url: url, reason: "\(error)")
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let body = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
            throw Failure.status(url: url, code: status, message: Self.firstLine(body), retryAfter: Self.retryAfter(response))
        }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw Failure.file(path: path, reason: "cannot create")
        }
        defer { try? handle.close() }
        var written: Int64 = 0
        do {
            for try await chunk in response.body {
                written += Int64(chunk.readableBytes)
                if written > maxBytes { throw Failure.tooLarge(url: url, limit: maxBytes) }
                try handle.write(contentsOf: Array(buffer: chunk))
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.transport(url: url, reason: "reading the body: \(error)")
        }
        if let expected = response.headers.first(name: "Content-Length").flatMap(Int64.init), expected != written {
            throw Failure.transport(url: url, reason: "body ended after \(written) of \(expected) bytes")
        }
        return written
    }

    func isRetryable(_ failure: Failure) -> Bool {
        switch failure {
        case .status(_, let code, _, _): code == 429 || code == 408 || (500...599).contains(code) && code != 501 || (code == 403 && retryForbidden)
        case .transport: true
        case .tooLarge, .file: false
        }
    }

    /// Exponential backoff from `retryDelay` (0.5 s), or longer when the server asks (`Retry-After`) or throttles (NVD's 403).
    func wait(after failure: Failure, attempt: Int) -> Duration {
        var delay = backoff(attempt: attempt)
        if case .status(_, let code, _, let retryAfter) = failure {
            if let retryAfter { delay = max(delay, .seconds(min(retryAfter, 300))) }
            if code == 403 && retryForbidden { delay = max(delay, throttleWait) }
        }
        return delay
    }

    /// `retryDelay` after the first attempt (attempts count from 1), doubled for each later one, at most 32 times it.
    func backoff(attempt: Int) -> Duration {
        retryDelay * (1 << (min(max(attempt, 1), 6) - 1))
    }

    /// `Retry-After` in seconds (the HTTP-date form is rare for these publishers and ignored).
    static func retryAfter(_ response: HTTPClientResponse) -> Int? {
        response.headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n").first ?? "").trimmingCharacters(in: .whitespaces).prefix(200).description
    }
}
