import Foundation

extension Date {
    /// The time in UTC to the second, as RFC 3339 writes it (`2026-05-28T20:26:40Z`): how the API and
    /// the pages write times. A format style, not an `ISO8601DateFormatter`, which took 0.1 ms to make
    /// each time and showed in the profile of every save.
    public var internetTime: String { formatted(.iso8601) }
}
