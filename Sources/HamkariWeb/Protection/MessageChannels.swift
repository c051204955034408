import AsyncHTTPClient
import Foundation
import HamkariStore
import Logging
import NIOCore
import NIOPosix

/// Delivers outbox messages. Configured with `serve --smtp` and `--webhook`; a channel that is not
/// configured logs that a message could not be sent (never its content) and leaves it queued.
public struct MessageChannels: Sendable {
    public var smtp: SMTPMailer?
    public var webhook: URL?

    public init(smtp: SMTPMailer? = nil, webhook: URL? = nil) {
        self.smtp = smtp
        self.webhook = webhook
    }

    public enum Failure: Error {
        case notConfigured
        case rejected(status: UInt)
    }

    func deliver(_ message: OutboxMessage) async throws {
        switch message.recipient.channel {
        case .email:
            guard let smtp else { throw Failure.notConfigured }
            try await smtp.send(to: message.recipient.address, subject: message.subject, body: message.body)
        case .webhook:
            guard let webhook else { throw Failure.notConfigured }
            try await Self.post(message, to: webhook)
        }
    }

    struct WebhookPayload: Encodable {
        let kind: String
        let to: String
        let text: String
    }

    static func post(_ message: OutboxMessage, to url: URL) async throws {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let payload = WebhookPayload(kind: message.kind.rawValue, to: message.recipient.address, text: message.body)
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(payload)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
        guard (200..<300).contains(response.status.code) else { throw Failure.rejected(status: response.status.code) }
    }
}

/// A small SMTP client (RFC 5321): EHLO, MAIL FROM, RCPT TO, DATA, QUIT, over plain TCP to the
/// configured relay (a local MTA or a relay on a private network; TLS to a remote relay is left to it).
public struct SMTPMailer: Sendable {
    public let host: String
    public let port: Int
    public let from: String

    /// `smtp://host:port`, with the sender address.
    public init?(url: String, from: String) {
        guard let components = URLComponents(string: url), components.scheme == "smtp", let host = components.host, from.contains("@") else {
            return nil
        }
        self.host = host
        self.port = components.port ?? 25
        self.from = from
    }

    public enum Failure: Error {
        case unexpectedReply(String)
        case closed
    }

    public func send(to recipient: String, subject: String, body: String) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplies(inbound.makeAsyncIterator())
            func command(_ line: String, expect codes: Set<Int>) async throws {
                if !line.isEmpty { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let code = try await replies.next()
                guard codes.contains(code) else { throw Failure.unexpectedReply("\(code) after \(line.split(separator: ":").first ?? "")") }
            }
            try await command("", expect: [220])
            try await command("EHLO hamkari", expect: [250])
            try await command("MAIL FROM:<\(from)>", expect: [250])
            try await command("RCPT TO:<\(recipient)>", expect: [250, 251])
            try await command("DATA", expect: [354])
            let date = DateFormatter.rfc5322.string(from: Date())
            let subjectHeader = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
            // The body goes as base64, whose lines never begin with a dot: no dot-stuffing is needed.
            let lines = ["From: <\(from)>", "To: <\(recipient)>", "Subject: \(subjectHeader)", "Date: \(date)", "MIME-Version: 1.0",
                         "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", ""]
                + Data(body.utf8).base64EncodedString(options: .lineLength76Characters).components(separatedBy: "\r\n") + ["."]
            try await command(lines.joined(separator: "\r\n"), expect: [250])
            try await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }
}

/// Reads SMTP replies (possibly several lines, `250-…` then `250 …`) and returns their code.
struct SMTPReplies {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = ""

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    mutating func next() async throws -> Int {
        while true {
            while let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending = String(pending[end.upperBound...])
                guard line.count >= 3, let code = Int(line.prefix(3)) else { throw SMTPMailer.Failure.unexpectedReply(String(line.prefix(40))) }
                if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " { return code }
            }
            guard let buffer = try await iterator.next() else { throw SMTPMailer.Failure.closed }
            pending += String(buffer: buffer)
        }
    }
}

extension DateFormatter {
    static let rfc5322: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter
    }()
}
