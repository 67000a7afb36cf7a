import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1 for tests: the token server in front of the real
/// registry, and a registry that misbehaves on purpose (5xx, 429, wrong bytes) where a real one won't.
final class TestHTTPServer: Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]

        var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        /// Query parameters (percent-decoded), repeated keys kept.
        var query: [(String, String)] {
            guard let mark = uri.firstIndex(of: "?") else { return [] }
            return uri[uri.index(after: mark)...].split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }
        }
    }

    struct Response: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: [UInt8] = []
    }

    typealias Handler = @Sendable (Request) -> Response

    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    let requests = RequestLog()
    var port: Int { channel.localAddress?.port ?? 0 }

    init(port: Int = 0, handler: @escaping Handler) async throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let log = requests
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(RequestHandler(handler: handler, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
    }

    func shutdown() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }

    var recorded: [Request] { requests.all }

    private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let handler: Handler
        let log: RequestLog
        var head: HTTPRequestHead?

        init(handler: @escaping Handler, log: RequestLog) {
            self.handler = handler
            self.log = log
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head): self.head = head
            case .body: break
            case .end:
                guard let head else { return }
                let request = Request(method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) })
                log.append(request)
                let response = handler(request)
                var headers = HTTPHeaders(response.headers)
                headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
                let responseHead = HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
                context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
                if head.method != .HEAD && !response.body.isEmpty {
                    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
                }
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                self.head = nil
            }
        }
    }
}

/// The requests a test server received, in order.
final class RequestLog: Sendable {
    private let requests = Mutex<[TestHTTPServer.Request]>([])

    func append(_ request: TestHTTPServer.Request) { requests.withLock { $0.append(request) } }
    var all: [TestHTTPServer.Request] { requests.withLock { $0 } }
}
