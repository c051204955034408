import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix

/// What a sink received, in order.
public actor ReceivedMessages {
    public private(set) var all: [String] = []

    public init() {}

    func append(_ message: String) { all.append(message) }
}

/// A local SMTP server that accepts every message (RFC 5321 just far enough for a client to send),
/// started by a test itself on a free loopback port.
public struct SMTPSink: Sendable {
    public let port: Int
    public let received: ReceivedMessages

    /// Runs `work` with a sink listening; the sink stops afterwards.
    public static func with<T: Sendable>(_ work: (SMTPSink) async throws -> T) async throws -> T {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        let sink = SMTPSink(port: server.channel.localAddress?.port ?? 0, received: ReceivedMessages())
        let accepting = Task {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { try? await sink.converse(connection) }
                    }
                }
            }
        }
        do {
            let result = try await work(sink)
            accepting.cancel()
            try? await server.channel.close()
            return result
        } catch {
            accepting.cancel()
            try? await server.channel.close()
            throw error
        }
    }

    func converse(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "220 sink ready\r\n"))
            var pending = ""
            var data: [String]?
            for try await buffer in inbound {
                pending += String(buffer: buffer)
                while let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending = String(pending[end.upperBound...])
                    if var lines = data {
                        if line == "." {
                            await received.append(lines.joined(separator: "\r\n"))
                            data = nil
                            try await outbound.write(ByteBuffer(string: "250 queued\r\n"))
                        } else {
                            lines.append(line)
                            data = lines
                        }
                        continue
                    }
                    let verb = line.prefix(4).uppercased()
                    switch verb {
                    case "DATA":
                        data = []
                        try await outbound.write(ByteBuffer(string: "354 go ahead\r\n"))
                    case "QUIT":
                        try await outbound.write(ByteBuffer(string: "221 bye\r\n"))
                        return
                    case "EHLO", "HELO":
                        try await outbound.write(ByteBuffer(string: "250-sink\r\n250 8BITMIME\r\n"))
                    default:
                        try await outbound.write(ByteBuffer(string: "250 ok\r\n"))
                    }
                }
            }
        }
    }

    /// The decoded text bodies of the messages received (the client sends them base64-encoded).
    public func bodies() async -> [String] {
        await received.all.map { message in
            let parts = message.components(separatedBy: "\r\n\r\n")
            let encoded = parts.dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
            return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? message
        }
    }
}

/// A local HTTP endpoint standing in for an SMS gateway: it keeps every JSON body POSTed to `/hook`.
public enum WebhookReceiver {
    public static func with<T: Sendable>(_ work: @escaping @Sendable (URL, ReceivedMessages) async throws -> T) async throws -> T {
        let received = ReceivedMessages()
        let router = Router()
        router.post("/hook") { request, context -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            await received.append(String(buffer: body))
            return .ok
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            try await work(URL(string: "http://127.0.0.1:\(client.port ?? 0)/hook")!, received)
        }
    }
}
