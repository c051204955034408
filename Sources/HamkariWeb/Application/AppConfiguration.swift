import Foundation
import HamkariStore
import Logging

/// Everything the web application needs to start, read once and validated by the CLI.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    public var demo: Bool
    public var logLevel: Logger.Level

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: DatabaseLocation,
        demo: Bool = false, logLevel: Logger.Level = .info
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.demo = demo
        self.logLevel = logLevel
    }
}
