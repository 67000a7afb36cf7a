import AsyncHTTPClient
import Foundation
import Model
import NIOCore
import NIOHTTP1

/// An OCI Distribution v2 client (https://github.com/opencontainers/distribution-spec/blob/main/spec.md):
/// manifests and blobs, with anonymous, basic and bearer-token auth
/// (https://distribution.github.io/distribution/spec/auth/token/) and retries.
/// An actor because it owns the token cache.
public actor RegistryClient {
    struct CachedToken {
        var value: String
        var expires: ContinuousClock.Instant
    }

    private let http: HTTPClient
    private let credentials: any CredentialProvider
    private let insecureHTTP: Bool
    private let retry: RetryPolicy
    private var challenges: [String: AuthChallenge] = [:]
    private var tokens: [String: CachedToken] = [:]
    /// Looked up once a registry: a credential helper is a process run.
    private var knownCredentials: [String: RegistryCredential?] = [:]
    /// How many tokens were fetched from token servers (so tests can see that tokens are reused).
    public private(set) var tokenFetches = 0

    public init(http: HTTPClient, credentials: any CredentialProvider, insecureHTTP: Bool, retry: RetryPolicy = RetryPolicy()) {
        self.http = http
        self.credentials = credentials
        self.insecureHTTP = insecureHTTP
        self.retry = retry
    }

    private func credential(for registry: String) -> RegistryCredential? {
        if let known = knownCredentials[registry] { return known }
        let found = credentials.credential(for: registry)
        knownCredentials[registry] = .some(found)
        return found
    }

    func baseURL(_ registry: String) -> String {
        "\(insecureHTTP ? "http" : "https")://\(RegistryHost.apiHost(registry))"
    }

    /// A manifest or index by tag or digest; the digest is computed from the bytes and, when the
    /// reference is a digest, must equal it.
    func manifest(_ image: ImageReference, reference: String) async throws(ImageSourceError) -> (bytes: [UInt8], mediaType: String?, digest: Digest) {
        let url = "\(baseURL(image.registry))/v2/\(image.repository)/manifests/\(reference)"
        let accept = (MediaType.acceptedManifests + [MediaType.dockerSchema1Signed, MediaType.dockerSchema1]).joined(separator: ", ")
        let (response, body) = try await send(url: url, image: image, headers: [("Accept", accept)], collect: 16 << 20)
        let bytes = body ?? []
        var digest = Digest.sha256(of: bytes)
        if let pinned = try? Digest(parsing: reference) {
            let actual = pinned.recomputed(over: bytes)
            guard actual == pinned else {
                throw .digestMismatch(what: "manifest \(image.name)@\(reference)", expected: pinned, actual: actual)
            }
            digest = pinned
        }
        return (bytes, response.headers.first(name: "Content-Type"), digest)
    }

    /// A blob, from the cache or streamed into it (verified while streaming).
    func blob(_ image: ImageReference, digest: Digest, cache: BlobCache) async throws(ImageSourceError) -> HostFileRegion {
        if let cached = cache.region(for: digest) { return cached }
        let url = "\(baseURL(image.registry))/v2/\(image.repository)/blobs/\(digest)"
        var attempt = 0
        while true {
            attempt += 1
            let (response, _) = try await send(url: url, image: image, headers: [], collect: nil)
            do {
                let chunks = response.body.map { Array(buffer: $0) }
                return try await cache.store(chunks, digest: digest, what: "blob \(digest) of \(image.name)")
            } catch let error as ImageSourceError {
                throw error
            } catch {
                // The connection dropped mid-blob: start the blob again.
                guard attempt < retry.maxAttempts else {
                    throw .registry(RegistryError(kind: .transport, url: url, status: nil, message: "download interrupted: \(error)"))
                }
                try? await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: nil))
            }
        }
    }

    // MARK: - Requests

    /// GET `url` with auth and retries; returns a 2xx response (with its body collected when `collect` is set).
    func send(url: String, image: ImageReference, headers: [(String, String)], collect: Int?) async throws(ImageSourceError)
        -> (HTTPClientResponse, [UInt8]?) {
        var attempt = 0
        var answeredChallenge = false
        while true {
            attempt += 1
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let authorization = try await authorization(for: image) {
                request.headers.replaceOrAdd(name: "Authorization", value: authorization)
            }
            let response: HTTPClientResponse
            do {
                response = try await http.execute(request, timeout: .seconds(120))
            } catch {
                guard attempt < retry.maxAttempts else {
                    throw .registry(RegistryError(kind: .transport, url: url, status: nil, message: "\(error)"))
                }
                try? await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: nil))
                continue
            }
            let status = Int(response.status.code)
            if (200..<300).contains(status) {
                guard let collect else { return (response, nil) }
                do {
                    let buffer = try await response.body.collect(upTo: collect)
                    return (response, Array(buffer: buffer))
                } catch {
                    guard attempt < retry.maxAttempts else {
                        throw .registry(RegistryError(kind: .transport, url: url, status: status, message: "reading the body: \(error)"))
                    }
                    continue
                }
            }
            let message = await Self.errorMessage(response)
            if status == 401, !answeredChallenge,
               let header = response.headers.first(name: "WWW-Authenticate"), let challenge = AuthChallenge(header: header) {
                answeredChallenge = true
                challenges[image.registry] = challenge
                if challenge.scheme == "bearer" {
                    tokens[tokenKey(challenge, image: image)] = nil
                    try await fetchToken(challenge, image: image)
                }
                continue
            }
            switch status {
            case 401:
                let hasCredential = credential(for: image.registry) != nil
                throw .registry(RegistryError(kind: .unauthorized, url: url, status: status,
                                              message: (hasCredential ? "wrong username or password? " : "no credentials configured for \(image.registry); ") + message))
            case 403: throw .registry(RegistryError(kind: .forbidden, url: url, status: status, message: message))
            case 404: throw .registry(RegistryError(kind: .notFound, url: url, status: status, message: message))
            case _ where RetryPolicy.isRetryable(status: status) && attempt < retry.maxAttempts:
                try? await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: response.headers.first(name: "Retry-After")))
                continue
            default:
                throw .registry(RegistryError(kind: status == 429 ? .tooManyRequests : .server, url: url, status: status, message: message))
            }
        }
    }

    /// The `Authorization` header for the registry, from what its last challenge asked for.
    private func authorization(for image: ImageReference) async throws(ImageSourceError) -> String? {
        let configured = credential(for: image.registry)
        if case .bearer(let token) = configured { return "Bearer \(token)" }
        guard let challenge = challenges[image.registry] else { return nil }
        switch challenge.scheme {
        case "basic":
            return configured?.basicAuthorization
        case "bearer":
            let key = tokenKey(challenge, image: image)
            if let cached = tokens[key], cached.expires > .now { return "Bearer \(cached.value)" }
            return "Bearer \(try await fetchToken(challenge, image: image))"
        default:
            return nil
        }
    }

    private func tokenKey(_ challenge: AuthChallenge, image: ImageReference) -> String {
        "\(challenge.realm ?? "")|\(challenge.service ?? "")|\(Self.pullScope(image))"
    }

    static func pullScope(_ image: ImageReference) -> String { "repository:\(image.repository):pull" }

    /// Asks the challenge's realm for a pull token, with basic credentials when there are some.
    @discardableResult
    private func fetchToken(_ challenge: AuthChallenge, image: ImageReference) async throws(ImageSourceError) -> String {
        guard let realm = challenge.realm, var components = URLComponents(string: realm) else {
            throw .registry(RegistryError(kind: .protocolViolation, url: image.registry, status: 401, message: "bearer challenge without a usable realm"))
        }
        var query = components.queryItems ?? []
        if let service = challenge.service { query.append(URLQueryItem(name: "service", value: service)) }
        query.append(URLQueryItem(name: "scope", value: Self.pullScope(image)))
        components.queryItems = query
        let url = components.string ?? realm
        var request = HTTPClientRequest(url: url)
        if let basic = credential(for: image.registry)?.basicAuthorization {
            request.headers.add(name: "Authorization", value: basic)
        }
        var attempt = 0
        while true {
            attempt += 1
            do {
                let response = try await http.execute(request, timeout: .seconds(60))
                let status = Int(response.status.code)
                if RetryPolicy.isRetryable(status: status) && attempt < retry.maxAttempts {
                    try? await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: response.headers.first(name: "Retry-After")))
                    continue
                }
                guard status == 200 else {
                    let message = await Self.errorMessage(response)
                    let kind: RegistryError.Kind = status == 401 ? .unauthorized : status == 403 ? .forbidden : .server
                    throw ImageSourceError.registry(RegistryError(kind: kind, url: realm, status: status, message: "token server: \(message)"))
                }
                let body = try await response.body.collect(upTo: 1 << 20)
                struct Answer: Decodable {
                    var token: String?
                    var access_token: String?
                    var expires_in: Int?
                }
                guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(Array(buffer: body))),
                      let token = answer.token ?? answer.access_token, !token.isEmpty else {
                    throw ImageSourceError.registry(RegistryError(kind: .protocolViolation, url: realm, status: status, message: "token server answered without a token"))
                }
                tokenFetches += 1
                // Reuse until shortly before expiry; the spec's default lifetime is 60 s.
                let lifetime = max(answer.expires_in ?? 60, 60)
                tokens[tokenKey(challenge, image: image)] = CachedToken(value: token, expires: .now + .seconds(lifetime - 10))
                return token
            } catch let error as ImageSourceError {
                throw error
            } catch {
                guard attempt < retry.maxAttempts else {
                    throw .registry(RegistryError(kind: .transport, url: realm, status: nil, message: "\(error)"))
                }
                try? await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: nil))
            }
        }
    }

    /// The `errors[].message` of a registry error body, else the status text.
    static func errorMessage(_ response: HTTPClientResponse) async -> String {
        let body = (try? await response.body.collect(upTo: 64 * 1024)).map { Array(buffer: $0) } ?? []
        struct Errors: Decodable {
            struct Item: Decodable { var code: String?; var message: String? }
            var errors: [Item]?
        }
        if let decoded = try? JSONDecoder().decode(Errors.self, from: Data(body)), let items = decoded.errors, !items.isEmpty {
            return items.map { [$0.code, $0.message].compactMap { $0 }.joined(separator: ": ") }.joined(separator: "; ")
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? response.status.reasonPhrase : text
    }
}
