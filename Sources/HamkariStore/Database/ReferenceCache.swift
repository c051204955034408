/// What almost every page reads and almost nothing changes — the network's name, its organisations,
/// the gazetteer — kept for a few seconds, so that a page does not read them again each time. A
/// change made through this store forgets them at once; one made by another process (the command
/// line, another app instance on the same PostgreSQL) shows within `lifetime`.
public actor ReferenceCache {
    public enum Entry: Hashable, Sendable {
        case networkName, organisations, gazetteer, boundaries
        /// Something made from the reference data alone, such as a page's rendered option lists;
        /// forgotten whenever any reference data is.
        case derived(String)
    }

    static let lifetime = Duration.seconds(15)
    private var entries: [Entry: (value: any Sendable, until: ContinuousClock.Instant)] = [:]

    public init() {}

    public func value<Value: Sendable>(_ entry: Entry, load: @Sendable () async throws -> Value) async throws -> Value {
        let now = ContinuousClock.now
        if let cached = entries[entry], cached.until > now, let value = cached.value as? Value { return value }
        let value = try await load()
        entries[entry] = (value, now + Self.lifetime)
        return value
    }

    public func forget(_ entry: Entry) {
        entries[entry] = nil
        for key in entries.keys { if case .derived = key { entries[key] = nil } }
    }

    public func forgetAll() {
        entries = [:]
    }
}
