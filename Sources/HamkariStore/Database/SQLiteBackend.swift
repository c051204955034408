import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// The embedded default: one SQLite file in the data directory, in WAL mode with `synchronous=FULL`
/// (a committed write survives power loss), foreign keys enforced, deleted content overwritten.
/// One writer connection serialises writes; readers run beside it, as WAL allows.
public final class SQLiteBackend: DatabaseBackend {
    /// `PRAGMA application_id` of a Hamkari database ("HKRI"), so a foreign SQLite file is recognised.
    static let applicationID: Int32 = 0x484B_5249

    public let dialect = DatabaseDialect.sqlite
    public let location: DatabaseLocation
    let path: String
    private let writer: SQLiteConnectionPool
    private let readers: SQLiteConnectionPool
    /// The writer's own thread for SQLite calls: on the shared pool (as many threads as cores, for
    /// every connection) each of a transaction's statements waited behind the readers' queries, and
    /// the single writer is what every save waits for.
    private let writerThread: NIOThreadPool
    private let checkpointer: SQLiteCheckpointer
    private let logBound: SQLiteLogBound

    private init(location: DatabaseLocation, path: String, writer: SQLiteConnectionPool, readers: SQLiteConnectionPool,
                 writerThread: NIOThreadPool, checkpointer: SQLiteCheckpointer, logBound: SQLiteLogBound) {
        self.location = location
        self.path = path
        self.writer = writer
        self.readers = readers
        self.writerThread = writerThread
        self.checkpointer = checkpointer
        self.logBound = logBound
    }

    /// Opens the database in `dataDirectory`. With `create: false` a missing database is an error;
    /// a file that is not a Hamkari SQLite database is refused without being written to.
    public static func open(
        dataDirectory: URL, create: Bool, readerCount: Int = 4, logger: Logger
    ) async throws -> SQLiteBackend {
        try await open(dataDirectory: dataDirectory, create: create, readerCount: readerCount, logBound: .standard, logger: logger)
    }

    static func open(
        dataDirectory: URL, create: Bool, readerCount: Int = 4, logBound: SQLiteLogBound, logger: Logger
    ) async throws -> SQLiteBackend {
        let path = try prepareDirectory(dataDirectory, create: create)
        try checkHeader(path: path)
        let connectionLogger = Logger(label: "hamkari.sqlite", factory: { _ in SwiftLogNoOpLogHandler() })
        let writerThread = NIOThreadPool(numberOfThreads: 1)
        writerThread.start()
        let first: SQLiteConnection
        do {
            first = try await SQLiteConnection.open(storage: .file(path: path), threadPool: writerThread, logger: connectionLogger,
                                                    on: MultiThreadedEventLoopGroup.singleton.any())
        } catch {
            try? await writerThread.shutdownGracefully()
            throw error
        }
        do {
            try await claimOrVerify(first, path: path)
            try await configure(first, isWriter: true)
            try await first.sql(queryLogLevel: nil).raw("PRAGMA \(unsafeRaw: logBound.journalSizeLimitPragma)").run()
        } catch {
            try? await first.close()
            try? await writerThread.shutdownGracefully()
            throw error
        }
        var readerConnections: [SQLiteConnection] = []
        for _ in 0..<max(1, readerCount) {
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: connectionLogger)
            try await configure(reader, isWriter: false)
            readerConnections.append(reader)
        }
        let checkpointing = try await SQLiteConnection.open(storage: .file(path: path), logger: connectionLogger)
        try await configure(checkpointing, isWriter: false)
        logger.debug("opened SQLite database", metadata: ["path": .string(path)])
        return SQLiteBackend(
            location: .sqlite(dataDirectory: dataDirectory), path: path,
            writer: SQLiteConnectionPool(connections: [first]),
            readers: SQLiteConnectionPool(connections: readerConnections), writerThread: writerThread,
            checkpointer: SQLiteCheckpointer(connection: checkpointing), logBound: logBound
        )
    }

    public func read<Result: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await readers.withConnection { connection in
            try await work(connection.sql(queryLogLevel: nil))
        }
    }

    public func transaction<Result: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await writer.withConnection { connection in
            let database = TransactionDatabase(sql: connection.sql(queryLogLevel: nil), driver: SQLiteDriverStatements(connection: connection))
            try await database.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await work(database)
                try await database.raw("COMMIT").run()
                await checkpointer.committed()
                if logBound.isExceeded(databasePath: path) { await checkpointer.catchUp() }
                return result
            } catch {
                try? await database.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    public func shutdown() async {
        await checkpointer.close()
        await readers.closeAll()
        await writer.closeAll()
        try? await writerThread.shutdownGracefully()
    }

    // MARK: - Opening safely

    /// Checks, without opening it, that `dataDirectory` holds something that may be a Hamkari
    /// database: a directory with an SQLite file in it. Foreign SQLite files are caught on opening.
    public static func checkExisting(dataDirectory: URL) throws {
        try checkHeader(path: try prepareDirectory(dataDirectory, create: false))
    }

    private static func prepareDirectory(_ directory: URL, create: Bool) throws -> String {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        let directoryPath = directory.path
        if fileManager.fileExists(atPath: directoryPath, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StoreError.dataDirectoryIsAFile(path: directoryPath) }
        } else if create {
            do {
                try fileManager.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.dataDirectoryUnusable(path: directoryPath, reason: "it cannot be created")
            }
        } else {
            throw StoreError.notInitialised(path: directoryPath)
        }
        let path = directory.appendingPathComponent(DatabaseLocation.databaseFileName).path
        if !create && !fileManager.fileExists(atPath: path) {
            throw StoreError.notInitialised(path: directoryPath)
        }
        return path
    }

    /// Reads the 16-byte SQLite header before SQLite touches the file: SQLite would happily
    /// treat a foreign file as an empty database on first write.
    private static func checkHeader(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }
        guard header == Data("SQLite format 3\0".utf8) else { throw StoreError.notADatabase(path: path) }
    }

    private static func claimOrVerify(_ connection: SQLiteConnection, path: String) async throws {
        let database = connection.sql(queryLogLevel: nil)
        let applicationID: Int32
        let tableCount: Int
        do {
            applicationID = try await database.raw("PRAGMA application_id").first()?.decode(column: "application_id", as: Int32.self) ?? 0
            tableCount = try await database.raw("SELECT count(*) AS n FROM sqlite_master").first()?.decode(column: "n", as: Int.self) ?? 0
        } catch {
            throw StoreError.corruptDatabase(path: path)
        }
        if applicationID == Self.applicationID { return }
        guard applicationID == 0, tableCount == 0 else { throw StoreError.foreignDatabase(path: path) }
        try await database.raw("PRAGMA application_id = \(unsafeRaw: String(Self.applicationID))").run()
    }

    private static func configure(_ connection: SQLiteConnection, isWriter: Bool) async throws {
        let database = connection.sql(queryLogLevel: nil)
        if isWriter {
            try await database.raw("PRAGMA journal_mode = WAL").run()
            // Checkpoints are the checkpointer's (`SQLiteCheckpointer`), off the writer's commits.
            try await database.raw("PRAGMA wal_autocheckpoint = 0").run()
        }
        // A 16 MiB page cache per connection (SQLite's default is 2 MiB; more during bulk writes, `SQLitePageCache`);
        // it fills only as pages are read, so an idle server stays small. No memory map: measured, reads gained less than writes lost (each
        // write that grows the file makes every reader map it anew), and its pages would count as memory.
        for pragma in ["foreign_keys = ON", "synchronous = FULL", "busy_timeout = 10000",
                       "secure_delete = ON", "temp_store = MEMORY", SQLitePageCache.usualPragma] {
            try await database.raw("PRAGMA \(unsafeRaw: pragma)").run()
        }
    }
}
