import Foundation

/// Where an instance keeps its records: the embedded SQLite file in a data directory (the default),
/// or a PostgreSQL server for larger deployments. Evidence files and keys always live in the data directory.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(dataDirectory: URL)
    case postgres(url: String)

    public static let databaseFileName = "hamkari.sqlite"

    /// A description safe for logs and messages: a PostgreSQL URL loses its password.
    public var redacted: String {
        switch self {
        case .sqlite(let directory):
            return directory.appendingPathComponent(Self.databaseFileName).path
        case .postgres(let url):
            guard let components = URLComponents(string: url), let scheme = components.scheme else { return "postgres://…" }
            var text = scheme + "://"
            if let user = components.user { text += user + (components.password == nil ? "" : ":…") + "@" }
            text += components.host ?? ""
            if let port = components.port { text += ":\(port)" }
            return text + components.path
        }
    }
}

public enum DatabaseDialect: String, Sendable {
    case sqlite
    case postgres
}
