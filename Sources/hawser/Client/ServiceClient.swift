import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Where the server is and who we are: `--url/--user/--password`, else `HAWSER_URL`,
/// `HAWSER_USER`, `HAWSER_PASS` (then anchore-cli's `ANCHORE_CLI_*`, so both clients share a setup).
struct ClientOptions: ParsableArguments {
    @Option(help: "Server API URL (default $HAWSER_URL, else http://127.0.0.1:8228/v1).")
    var url: String?

    @Option(help: "User (default $HAWSER_USER, else admin).")
    var user: String?

    @Option(help: "Password (default $HAWSER_PASS).")
    var password: String?

    @Option(help: "Act in this account (admins only; x-anchore-account).")
    var account: String?

    @Option(name: .shortAndLong, help: "Output: table or json.")
    var output: String = "table"

    func client() throws -> ServiceClient {
        let environment = ProcessInfo.processInfo.environment
        let base = url ?? environment["HAWSER_URL"] ?? environment["ANCHORE_CLI_URL"] ?? "http://127.0.0.1:8228/v1"
        let user = user ?? environment["HAWSER_USER"] ?? environment["ANCHORE_CLI_USER"] ?? "admin"
        guard let password = password ?? environment["HAWSER_PASS"] ?? environment["ANCHORE_CLI_PASS"] else {
            throw ValidationError("no password: set HAWSER_PASS or pass --password")
        }
        guard ["table", "json"].contains(output) else { throw ValidationError("--output must be table or json") }
        return ServiceClient(base: base.hasSuffix("/") ? String(base.dropLast()) : base, user: user, password: password, account: account)
    }
}

/// A failed request: the server's `message` and status; exit code 1 (2 for 401/5xx, as anchore-cli).
struct ServiceClientError: Error, CustomStringConvertible {
    var status: Int
    var message: String
    var description: String { status == 0 ? message : "\(message) (HTTP \(status))" }
}

/// A small client of Hawser's REST API.
struct ServiceClient {
    var base: String
    var user: String
    var password: String
    var account: String?

    func request(_ method: HTTPMethod, _ path: String, body: Any? = nil) async throws -> Any {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        request.headers.add(name: "Content-Type", value: "application/json")
        if let account { request.headers.add(name: "x-anchore-account", value: account) }
        if let body { request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))) }
        let response: HTTPClientResponse
        do { response = try await HTTPClient.shared.execute(request, timeout: .seconds(120)) } catch {
            throw ServiceClientError(status: 0, message: "cannot reach \(base): \(error)")
        }
        let bytes = try await response.body.collect(upTo: 256 << 20)
        let json = try? JSONSerialization.jsonObject(with: Data(buffer: bytes), options: [.fragmentsAllowed])
        guard (200..<300).contains(Int(response.status.code)) else {
            let message = (json as? [String: Any])?["message"] as? String ?? String(buffer: bytes)
            throw ServiceClientError(status: Int(response.status.code), message: message.isEmpty ? "\(response.status)" : message)
        }
        return json ?? String(buffer: bytes)
    }

    /// The digest of `image`: a `sha256:` digest as is, else the newest image with that tag.
    func digest(of image: String) async throws -> String {
        if image.hasPrefix("sha256:") { return image }
        let query = image.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? image
        let found = try await request(.GET, "/images?fulltag=\(query)") as? [[String: Any]] ?? []
        guard let digest = found.first?["imageDigest"] as? String else { throw ServiceClientError(status: 404, message: "no image \(image) on the server") }
        return digest
    }
}

/// Prints JSON, or rows under a header with columns padded to their widest cell.
enum ClientOutput {
    static func json(_ value: Any) {
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }

    static func table(_ header: [String], _ rows: [[String]]) {
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        print(line(header))
        for row in rows { print(line(row)) }
    }

    static func string(_ value: Any?) -> String {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        case nil, is NSNull: "-"
        default: "\(value!)"
        }
    }
}

/// Runs a client command, printing a server error as `hawser: error: …` with anchore-cli's exit codes.
func runClient(_ body: () async throws -> Void) async throws {
    do { try await body() } catch let error as ServiceClientError {
        FileHandle.standardError.write(Data("hawser: error: \(error)\n".utf8))
        throw ExitCode(error.status == 401 || error.status >= 500 || error.status == 0 ? 2 : 1)
    }
}
