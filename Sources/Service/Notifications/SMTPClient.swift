import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends one message over SMTP (RFC 5321): implicit TLS (`smtps`, port 465) or STARTTLS (RFC 3207,
/// required unless switched off, so credentials never cross in clear), AUTH PLAIN (RFC 4616) when
/// a user is set. No library on our mirror speaks SMTP; the protocol is a few lines each way.
struct SMTPClient: Sendable {
    var settings: SMTPSettings

    /// What went wrong, with the server's own reply when it gave one.
    enum SMTPError: Error, CustomStringConvertible {
        case reply(command: String, code: Int, text: String)
        case closed(after: String)
        case noStartTLS
        var description: String {
            switch self {
            case .reply(let command, let code, let text): "the SMTP server answered \(command) with \(code) \(text)"
            case .closed(let after): "the SMTP server closed the connection after \(after)"
            case .noStartTLS: "the SMTP server does not offer STARTTLS (set HAWSER_SMTP_STARTTLS=false to send without TLS)"
            }
        }
    }

    func send(from: String, to recipients: [String], message: Data) async throws {
        let tls = try makeTLSContext()
        let host = settings.host
        let implicitTLS = settings.implicitTLS
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(host)))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var session = Session(inbound: inbound.makeAsyncIterator(), outbound: outbound)
            try await session.expect(220, after: "connecting")
            let features = try await session.command("EHLO \(settings.heloName)", expect: 250)
            if !implicitTLS && settings.startTLS {
                guard features.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else { throw SMTPError.noStartTLS }
                _ = try await session.command("STARTTLS", expect: 220)
                try await channel.channel.pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(host)), position: .first)
                // The session starts over inside TLS (RFC 3207 §4.2).
                _ = try await session.command("EHLO \(settings.heloName)", expect: 250)
            }
            if let user = settings.username {
                let token = Data("\u{0}\(user)\u{0}\(settings.password ?? "")".utf8).base64EncodedString()
                _ = try await session.command("AUTH PLAIN \(token)", expect: 235, shown: "AUTH PLAIN")
            }
            _ = try await session.command("MAIL FROM:<\(from)>", expect: 250)
            for recipient in recipients {
                _ = try await session.command("RCPT TO:<\(recipient)>", expect: 250, 251)
            }
            _ = try await session.command("DATA", expect: 354)
            try await session.write(Self.dotStuffed(message))
            _ = try await session.command(".", expect: 250, shown: "the message")
            _ = try? await session.command("QUIT", expect: 221)
        }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !settings.verifyTLS { configuration.certificateVerification = .none }
        if let file = settings.caFile {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// SNI must be a name, not an address literal.
    static func sniName(_ host: String) -> String? {
        host.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }) ? nil : host
    }

    /// The message as DATA carries it: CRLF line ends, a leading "." doubled, ended by CRLF.
    static func dotStuffed(_ message: Data) -> Data {
        let text = String(decoding: message, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        if lines.last == "" { lines.removeLast() }
        return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// One conversation: commands out, replies (possibly multi-line) in.
    struct Session {
        var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var pending = ""

        mutating func write(_ data: Data) async throws {
            try await outbound.write(ByteBuffer(bytes: data))
        }

        /// Sends `line` and reads the reply, which must have one of `codes`; returns the reply's lines.
        mutating func command(_ line: String, expect codes: Int..., shown: String? = nil) async throws -> [String] {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
            let name = shown ?? String(line.prefix { $0 != " " && $0 != ":" })
            let (code, lines) = try await reply(after: name)
            guard codes.contains(code) else { throw SMTPError.reply(command: name, code: code, text: lines.joined(separator: " ")) }
            return lines
        }

        mutating func expect(_ code: Int, after what: String) async throws {
            let (got, lines) = try await reply(after: what)
            guard got == code else { throw SMTPError.reply(command: what, code: got, text: lines.joined(separator: " ")) }
        }

        /// Reads lines until one with a space after its code ("250 OK" ends "250-…" lines).
        mutating func reply(after what: String) async throws -> (Int, [String]) {
            var lines: [String] = []
            while true {
                while let end = pending.range(of: "\r\n") ?? pending.range(of: "\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    let code = Int(line.prefix(3)) ?? 0
                    lines.append(String(line.dropFirst(4)))
                    if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return (code, lines) }
                }
                guard let buffer = try await inbound.next() else { throw SMTPError.closed(after: what) }
                pending += String(buffer: buffer)
            }
        }
    }
}
