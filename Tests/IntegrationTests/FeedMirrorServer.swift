import Foundation
import Synchronization

/// Serves ../shared/feeds over HTTP with the publishers' URL layout, as `hawser db sync
/// --mirror-url http://127.0.0.1:PORT` asks for it: `GET /<host>/<path>` answers the file
/// `urlmap.tsv` maps `https://<host>/<path>` to, and OSV's `<Ecosystem>/<ID>.json` from the
/// ecosystem's `all.zip` (upstream serves them loose; they are stored zipped here).
/// Tests can override single paths (a changed index, a broken file) while it runs.
final class FeedMirrorServer: Sendable {
    let feeds: String
    private let map: [String: String]
    private let overrides: Overrides
    private let server: TestHTTPServer

    var url: String { "http://127.0.0.1:\(server.port)" }
    var requestedPaths: [String] { server.recorded.map(\.path) }

    init(feeds: String, extra: [String: String] = [:]) async throws {
        self.feeds = feeds
        let table = try String(contentsOfFile: feeds + "/urlmap.tsv", encoding: .utf8)
        var map: [String: String] = [:]
        for line in table.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 2, columns[0].hasPrefix("https://"), !columns[0].contains("<"), !columns[0].contains("?") else { continue }
            map["/" + columns[0].dropFirst("https://".count)] = feeds + "/" + columns[1]
        }
        for (url, local) in extra { map["/" + url.replacingOccurrences(of: "https://", with: "")] = local }
        self.map = map
        let overrides = Overrides()
        self.overrides = overrides
        let frozen = map
        server = try await TestHTTPServer { request in
            if let override = overrides.responses.withLock({ $0[request.path] }) { return override }
            return Self.answer(request.path, map: frozen, feeds: feeds)
        }
    }

    /// Answers `path` with `response` from now on.
    func override(_ path: String, with response: TestHTTPServer.Response) {
        overrides.responses.withLock { $0[path] = response }
    }

    func shutdown() async { await server.shutdown() }

    private static func answer(_ path: String, map: [String: String], feeds: String) -> TestHTTPServer.Response {
        let decoded = path.removingPercentEncoding ?? path
        if let file = map[decoded], let data = FileManager.default.contents(atPath: file) {
            return TestHTTPServer.Response(status: 200, body: Array(data))
        }
        // /osv-vulnerabilities.storage.googleapis.com/<Ecosystem>/<ID>.json from the ecosystem's all.zip.
        let parts = decoded.split(separator: "/").map(String.init)
        if parts.count == 3, parts[0] == "osv-vulnerabilities.storage.googleapis.com", parts[2].hasSuffix(".json"),
           let member = unzip(feeds + "/osv/\(parts[1])/all.zip", member: parts[2]) {
            return TestHTTPServer.Response(status: 200, body: member)
        }
        return TestHTTPServer.Response(status: 404, body: Array("no such key: \(decoded)\n".utf8))
    }

    private static func unzip(_ archive: String, member: String) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: archive) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", archive, member]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 && !data.isEmpty ? Array(data) : nil
    }
}

/// Responses a test put in place of the mirror's files.
private final class Overrides: Sendable {
    let responses = Mutex<[String: TestHTTPServer.Response]>([:])
}
