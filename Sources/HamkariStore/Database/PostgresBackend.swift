import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL for larger deployments: the same schema and queries as SQLite, connections pooled by
/// PostgresNIO's `PostgresClient`. Sessions live in the database, so several app instances can share it.
public final class PostgresBackend: DatabaseBackend {
    public let dialect = DatabaseDialect.postgres
    public let location: DatabaseLocation
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let logger: Logger

    private init(location: DatabaseLocation, client: PostgresClient, runTask: Task<Void, Never>, logger: Logger) {
        self.location = location
        self.client = client
        self.runTask = runTask
        self.logger = logger
    }

    /// `answerTimeout` bounds each try of the first connection, its greeting and sign-in included.
    public static func open(url: String, logger: Logger, answerTimeout: Duration = .seconds(10)) async throws -> PostgresBackend {
        let location = DatabaseLocation.postgres(url: url)
        let configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw StoreError.invalidDatabaseURL
        }
        // One direct connection first: the pool would retry a refused connection for a long
        // time, while an operator who mistyped a port deserves an answer at once.
        do {
            var probing = configuration.coreConfiguration
            probing.options.connectTimeout = TimeAmount(answerTimeout)
            try await probe(probing, logger: logger)
        } catch {
            throw StoreError.cannotConnect(target: location.redacted, reason: Self.reason(error))
        }
        var clientConfiguration = try PostgresClient.Configuration(configuration.coreConfiguration)
        clientConfiguration.options.maximumConnections = 20
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        let runTask = Task { await client.run() }
        // PostgresClient warns when a lease comes before run() has begun; give the task a moment.
        try? await Task.sleep(for: .milliseconds(10))
        return PostgresBackend(location: location, client: client, runTask: runTask, logger: logger)
    }

    public func read<Result: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            try await work(connection.sql(queryLogLevel: nil))
        }
    }

    public func transaction<Result: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        do {
            let logger = self.logger
            return try await client.withTransaction(logger: logger) { connection in
                try await work(TransactionDatabase(sql: connection.sql(queryLogLevel: nil),
                                                   driver: PostgresDriverStatements(connection: connection, logger: logger)))
            }
        } catch let error as PostgresTransactionError {
            // Callers expect their own error back, as with SQLite, not PostgresNIO's wrapper.
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }

    public func shutdown() async {
        runTask.cancel()
        // PostgresNIO's run() has been seen not to return after cancellation (every connection already
        // closed, nothing left to wait for), which hung whoever shut down. The pool is done with either
        // way, so the wait is bounded; an unfinished run() is left to end on its own.
        let (ended, end) = AsyncStream<Bool>.makeStream()
        let runTask = self.runTask
        Task { await runTask.value; end.yield(true); end.finish() }
        Task { try? await Task.sleep(for: .seconds(10)); end.yield(false); end.finish() }
        if await ended.first(where: { _ in true }) == false {
            logger.warning("the PostgreSQL pool did not stop within 10 seconds; left to end on its own")
        }
    }

    /// A refused connection fails at once; one that timed out is tried twice more, since a server
    /// busy forking backends for many clients can take longer than one timeout to say hello.
    private static func probe(_ configuration: PostgresConnection.Configuration, logger: Logger) async throws {
        var attempt = 1
        while true {
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: attempt, logger: logger)
                try await connection.close()
                return
            } catch let error as PSQLError where error.code == .connectionError && attempt < 3
                        && error.underlying is ChannelError {
                logger.notice("PostgreSQL did not answer in time; trying again", metadata: ["attempt": "\(attempt)"])
                attempt += 1
            }
        }
    }

    /// A short reason without the server's full error text, which may echo connection details.
    private static func reason(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            switch psql.code {
            case .connectionError, .uncleanShutdown: return "the server did not answer"
            case .server: return psql.serverInfo?[.message] ?? "the server refused the connection"
            default: return "the connection failed (\(psql.code))"
            }
        }
        return "the connection failed"
    }
}

extension PostgresClient.Configuration {
    /// Carries the host, credentials and TLS choice parsed from a `postgres://` URL over to the client.
    init(_ configuration: PostgresConnection.Configuration) throws {
        let tls: PostgresClient.Configuration.TLS
        switch (configuration.tls.isEnforced, configuration.tls.isAllowed) {
        case (true, _): tls = .require(configuration.tls.sslContext!.configuration)
        case (_, true): tls = .prefer(configuration.tls.sslContext!.configuration)
        default: tls = .disable
        }
        if let host = configuration.host, let port = configuration.port {
            self.init(host: host, port: port, username: configuration.username, password: configuration.password,
                      database: configuration.database, tls: tls)
        } else if let socket = configuration.unixSocketPath {
            self.init(unixSocketPath: socket, username: configuration.username, password: configuration.password,
                      database: configuration.database)
        } else {
            throw StoreError.invalidDatabaseURL
        }
    }
}
