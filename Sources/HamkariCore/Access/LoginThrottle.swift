/// How long to refuse sign-in after failures: five tries are free, then each further failure doubles
/// the wait from 30 seconds, up to an hour. Applied per account and per address, so neither guessing
/// one account from many addresses nor many accounts from one address gets far.
public enum LoginThrottle {
    public static let freeAttempts = 5
    public static let firstLockSeconds: Int64 = 30
    public static let longestLockSeconds: Int64 = 3600

    /// Seconds to lock after the `failures`-th failure in a row (0 while attempts are free).
    public static func lockSeconds(afterFailures failures: Int) -> Int64 {
        guard failures >= freeAttempts else { return 0 }
        let doublings = min(failures - freeAttempts, 20)
        return min(firstLockSeconds << Int64(doublings), longestLockSeconds)
    }
}
