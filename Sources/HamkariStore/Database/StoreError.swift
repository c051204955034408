/// What can go wrong opening or using the store, each with a message an operator can act on.
/// Messages never carry a password or a record's personal data.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case dataDirectoryIsAFile(path: String)
    case dataDirectoryUnusable(path: String, reason: String)
    case notInitialised(path: String)
    case notADatabase(path: String)
    case foreignDatabase(path: String)
    case corruptDatabase(path: String)
    case newerSchema(found: Int, known: Int)
    case invalidDatabaseURL
    case cannotConnect(target: String, reason: String)
    case notFound(what: String)
    case conflict(reason: String)
    case invalid(reason: String)

    public var description: String {
        switch self {
        case .dataDirectoryIsAFile(let path):
            "\(path) is a file, not a data directory. Give --data-dir a directory (it is created if missing)."
        case .dataDirectoryUnusable(let path, let reason):
            "Cannot use the data directory \(path): \(reason)."
        case .notInitialised(let path):
            "There is no Hamkari instance in \(path). Create one with `hamkari init --data-dir \(path)`, or try `hamkari serve --demo`."
        case .notADatabase(let path):
            "\(path) is not an SQLite database (its header is wrong): it may be corrupt or another kind of file. It was left untouched."
        case .foreignDatabase(let path):
            "\(path) is an SQLite database, but not a Hamkari one. It was left untouched; choose another --data-dir."
        case .corruptDatabase(let path):
            "\(path) is damaged and cannot be read. It was left untouched; restore it from a backup."
        case .newerSchema(let found, let known):
            "The database has schema version \(found), newer than this program knows (\(known)). Upgrade Hamkari before using it."
        case .invalidDatabaseURL:
            "The database URL is not valid. Use the form postgres://USER:PASSWORD@HOST:PORT/DATABASE."
        case .cannotConnect(let target, let reason):
            "Cannot connect to the database at \(target): \(reason)."
        case .notFound(let what):
            "\(what) was not found."
        case .conflict(let reason):
            reason
        case .invalid(let reason):
            reason
        }
    }
}
