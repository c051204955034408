/// Something the audit log records: who (an account id, or the operator at the command line),
/// what, to which record, and how it ended. Ids only — never a name, contact or narrative.
public struct AuditEvent: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case ok
        case denied
        case failed
    }

    public static let commandLineActor = "cli"
    public static let systemActor = "system"

    public var actor: String
    public var action: AuditAction
    public var target: String
    public var outcome: Outcome

    public init(actor: String, action: AuditAction, target: String, outcome: Outcome = .ok) {
        self.actor = actor
        self.action = action
        self.target = target
        self.outcome = outcome
    }
}

/// The kinds of event the log knows, named `area.verb`.
public enum AuditAction: String, Sendable, CaseIterable {
    case instanceInitialised = "instance.init"
    case keysRotated = "keys.rotate"
    case keysResealed = "keys.reseal"
    case keysEscrowed = "keys.escrow"
    case keysShredded = "keys.shred"
    case keysShredRequested = "keys.shred.request"
    case keysRecovered = "keys.recover"
    case userCreated = "user.create"
    case userDisabled = "user.disable"
    case userEnabled = "user.enable"
    case userCompromised = "user.compromised"
    case passwordReset = "user.reset-password"
    case identityViewed = "user.identity.view"
    case auditCheckpoint = "audit.checkpoint"
    case demoSeeded = "demo.seed"
    case gazetteerImported = "gazetteer.import"
    case boundariesImported = "gazetteer.import_boundaries"
    case tokenCreated = "token.create"
    case tokenRevoked = "token.revoke"
    case loginSucceeded = "auth.login"
    case loginFailed = "auth.login.failure"
    case loginLocked = "auth.login.locked"
    case secondFactorFailed = "auth.2fa.failure"
    case secondFactorEnabled = "auth.2fa.enable"
    case recoveryCodeUsed = "auth.2fa.recovery-code"
    case passwordChanged = "user.change-password"
    case signedOut = "auth.logout"
    case signedOutEverywhere = "auth.logout-everywhere"
    case accessDenied = "access.denied"
    case settingsChanged = "settings.change"
    case eventCreated = "event.create"
    case eventUpdated = "event.update"
    case eventStatusChanged = "event.status"
    case eventDeleted = "event.delete"
    case eventIdentityViewed = "event.identity.view"
    case eventsImported = "events.import"
    case eventsExported = "events.export"
    case aggregatesExported = "aggregates.export"
    case reportBuilt = "report.build"
    case communicationDrafted = "report.communication"
    case searchIndexRebuilt = "events.search-index.rebuild"
    case standardsImported = "standards.import"
    case organisationCreated = "organisation.create"
    case organisationUpdated = "organisation.update"
    case networkCreated = "network.create"
    case membershipChanged = "network.membership"
    case focalPointAdded = "organisation.focal-point.add"
    case focalPointRemoved = "organisation.focal-point.remove"
    case focalPointsViewed = "organisation.focal-points.view"
    case meetingRecorded = "meeting.create"
    case meetingUpdated = "meeting.update"
    case participantsViewed = "meeting.participants.view"
    case actionPointAdded = "action-point.add"
    case actionPointUpdated = "action-point.update"
    case digestQueued = "action-point.digest"
    case referralMade = "referral.create"
    case referralUpdated = "referral.update"
    case announcementPublished = "announcement.publish"
    case serviceIssueRaised = "service-issue.create"
    case serviceIssueUpdated = "service-issue.update"
    case vocabularyImported = "vocabulary.import"
    case evidenceUploaded = "evidence.upload"
    case evidenceAccessed = "evidence.access"
    case defenderCreated = "protection.defender.create"
    case defenderUpdated = "protection.defender.update"
    case defenderViewed = "protection.defender.view"
    case checkedIn = "protection.check-in"
    case checkInEscalated = "protection.escalate"
    case panicRaised = "protection.panic"
    case duressPasswordSet = "user.duress-password"
    case threatReported = "protection.threat"
    case colleagueReport = "protection.colleague-report"
    case riskAssessed = "protection.risk"
    case caseOpened = "protection.case.open"
    case caseUpdated = "protection.case.update"
    case sealedAccessSuspended = "user.sealed-access.suspend"
    case sealedAccessRestored = "user.sealed-access.restore"
}
