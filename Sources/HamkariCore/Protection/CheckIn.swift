import Foundation

/// A defender's check-in arrangement: check in at least every `interval`; a check-in missed by
/// more than `grace` is escalated, first to the defender ("are you safe?"), then, after another
/// `grace`, to the protection officers and the trusted contacts. The state is stored, so a server
/// restart neither forgets an escalation nor repeats one.
public struct CheckInPlan: Hashable, Sendable {
    public enum Stage: String, Sendable, Codable {
        /// Checked in on time (or not yet due).
        case onTime = "on_time"
        /// Missed past the grace: the defender was asked whether they are safe.
        case askedDefender = "asked_defender"
        /// Still no check-in: the network and the trusted contacts were alerted.
        case escalated
    }

    public var defenderID: UUID
    public var interval: Duration
    public var grace: Duration
    public var active: Bool
    public var lastCheckIn: Date
    public var stage: Stage
    public var stageChangedAt: Date

    public init(defenderID: UUID, interval: Duration, grace: Duration, active: Bool = true, lastCheckIn: Date,
                stage: Stage = .onTime, stageChangedAt: Date? = nil) {
        self.defenderID = defenderID
        self.interval = interval
        self.grace = grace
        self.active = active
        self.lastCheckIn = lastCheckIn
        self.stage = stage
        self.stageChangedAt = stageChangedAt ?? lastCheckIn
    }

    public static let shortestInterval = Duration.seconds(1)
    public static let longestInterval = Duration.seconds(30 * 24 * 3600)

    public var isValid: Bool {
        (Self.shortestInterval...Self.longestInterval).contains(interval) && grace >= .zero && grace <= Self.longestInterval
    }

    public var dueAt: Date { lastCheckIn.addingTimeInterval(interval.seconds) }

    /// What the escalation step must do now. Pure: the scheduler applies it and stores the new stage.
    public enum Step: Equatable, Sendable {
        case nothing
        case askDefender
        case alertNetwork
    }

    public func step(at now: Date) -> Step {
        guard active else { return .nothing }
        switch stage {
        case .onTime: return now >= dueAt.addingTimeInterval(grace.seconds) ? .askDefender : .nothing
        case .askedDefender: return now >= stageChangedAt.addingTimeInterval(grace.seconds) ? .alertNetwork : .nothing
        case .escalated: return .nothing
        }
    }

    /// The plan after the defender checked in: on time again, the next check-in due after a full interval.
    public func checkedIn(at now: Date) -> CheckInPlan {
        var plan = self
        plan.lastCheckIn = now
        plan.stage = .onTime
        plan.stageChangedAt = now
        return plan
    }
}

extension Duration {
    public var seconds: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}

/// The only words an alert carries: that something happened, to whom by the name contacts know, and when.
/// No case detail, no place, no other person's name.
public enum AlertText {
    public enum Kind: String, Sendable {
        case areYouSafe = "are_you_safe"
        case missedCheckIn = "missed_check_in"
        case panic
        /// Someone signed in with their duress password.
        case duress
        /// The weekly list of an organisation's overdue action points.
        case actionPointDigest = "action_point_digest"
        /// A message from the coordinators (its own subject and text).
        case announcement
    }

    public static func subject(_ kind: Kind) -> String {
        switch kind {
        case .areYouSafe: "Are you safe? / آیا در امان هستید؟"
        case .missedCheckIn: "Missed check-in / چک‌این از دست رفته"
        case .panic: "Alert / هشدار"
        case .duress: "Urgent / فوری"
        case .actionPointDigest: "Overdue action points / اقدامات معوق"
        case .announcement: "Announcement / اطلاعیه"
        }
    }

    public static func body(_ kind: Kind, name: String, since: Date) -> String {
        let time = since.internetTime
        return switch kind {
        case .areYouSafe: """
            You have not checked in since \(time) (UTC). If you are safe, check in now.
            از \(time) (UTC) به این سو چک‌این نکرده‌اید. اگر در امان هستید، اکنون چک‌این کنید.
            """
        case .missedCheckIn: """
            \(name) has not checked in since \(time) (UTC) and did not answer. Please try to reach them.
            \(name) از \(time) (UTC) به این سو چک‌این نکرده و پاسخ نداده است. لطفاً با او تماس بگیرید.
            """
        case .panic: """
            \(name) raised an alert at \(time) (UTC). Please try to reach them now.
            \(name) در \(time) (UTC) هشدار داد. لطفاً همین اکنون با او تماس بگیرید.
            """
        case .duress: """
            \(name) signed in with their duress password at \(time) (UTC). Their access to sealed data is suspended. Reach them carefully.
            \(name) در \(time) (UTC) با رمز اضطراری وارد شد. دسترسی او به معلومات محرم معلق شد. با احتیاط با او تماس بگیرید.
            """
        case .announcement: "A message from \(name)."
        case .actionPointDigest: """
            \(name) has action points past their day (as of \(time), UTC).
            \(name) اقداماتی دارد که موعد آن‌ها گذشته است (تا \(time)، UTC).
            """
        }
    }
}
