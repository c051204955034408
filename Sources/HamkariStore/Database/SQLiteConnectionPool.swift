import SQLiteNIO

/// Lends each of a fixed set of connections to one task at a time, so that a transaction's
/// statements never interleave with another task's on the same connection.
actor SQLiteConnectionPool {
    private var idle: [SQLiteConnection]
    private let all: [SQLiteConnection]
    private var waiters: [CheckedContinuation<SQLiteConnection, Never>] = []

    init(connections: [SQLiteConnection]) {
        self.idle = connections
        self.all = connections
    }

    func lease() async -> SQLiteConnection {
        if let connection = idle.popLast() { return connection }
        return await withCheckedContinuation { waiters.append($0) }
    }

    func release(_ connection: SQLiteConnection) {
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }

    func closeAll() async {
        for connection in all { try? await connection.close() }
    }
}

extension SQLiteConnectionPool {
    func withConnection<Result: Sendable>(
        _ work: @Sendable (SQLiteConnection) async throws -> Result
    ) async throws -> Result {
        let connection = await lease()
        do {
            let result = try await work(connection)
            release(connection)
            return result
        } catch {
            release(connection)
            throw error
        }
    }
}
