import NIOCore
import NIOPosix
import Synchronization

/// A TCP server on loopback that takes every connection and never says a word: a database server
/// too busy to greet its clients. It counts the connections it took.
public final class SilentTCPServer: Sendable {
    private let channel: any Channel
    private let connections: ConnectionCount

    private init(channel: any Channel, connections: ConnectionCount) {
        self.channel = channel
        self.connections = connections
    }

    public static func start() async throws -> SilentTCPServer {
        let connections = ConnectionCount()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                connections.value.add(1, ordering: .relaxed)
                return child.eventLoop.makeSucceededVoidFuture()
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return SilentTCPServer(channel: channel, connections: connections)
    }

    public var port: Int { channel.localAddress?.port ?? 0 }
    public var accepted: Int { connections.value.load(ordering: .relaxed) }

    public func stop() async {
        try? await channel.close()
    }
}

private final class ConnectionCount: Sendable {
    let value = Atomic<Int>(0)
}
