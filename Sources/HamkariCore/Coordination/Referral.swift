import Foundation

/// A person referred from one member organisation to another for a service. The person is named
/// only by a pseudonymous code, never by name; their consent to the referral is recorded. Only the
/// two organisations (and coordinators) see it.
public struct Referral: Hashable, Sendable, Identifiable {
    public enum Service: String, CaseIterable, Sendable, Codable {
        case legalAid = "legal_aid", medical, psychosocial, shelter, livelihood, documentation
    }

    public enum Status: String, CaseIterable, Sendable, Codable {
        case sent, accepted, declined, completed
    }

    public var id: UUID
    /// A pseudonymous code (`P-XXXXXX`), the same the person has in the documentation where they appear.
    public var personCode: String
    public var fromOrganisationID: UUID
    public var toOrganisationID: UUID
    public var service: Service
    /// The day the person agreed to be referred (Gregorian).
    public var consentOn: CalendarDay
    public var status: Status
    /// Why, and what the receiving organisation says back: sealed.
    public var reason: String
    public var feedback: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID = UUIDv7.make(), personCode: String, fromOrganisationID: UUID, toOrganisationID: UUID, service: Service,
                consentOn: CalendarDay, status: Status = .sent, reason: String = "", feedback: String = "",
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.personCode = personCode
        self.fromOrganisationID = fromOrganisationID
        self.toOrganisationID = toOrganisationID
        self.service = service
        self.consentOn = consentOn
        self.status = status
        self.reason = reason
        self.feedback = feedback
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension CoordinationPolicy {
    /// A referral is for the two organisations it joins, and coordinators; a third organisation never sees it.
    public static func maySee(_ subject: AccessPolicy.Subject, _ referral: Referral) -> Bool {
        guard AccessPolicy.decide(subject, .viewCoordination).isAllowed else { return false }
        return subject.role == .coordinator || [referral.fromOrganisationID, referral.toOrganisationID].contains(subject.organisationID)
    }

    /// Either organisation moves it on (the receiving one answers, the sending one may close it), and coordinators.
    public static func mayUpdate(_ subject: AccessPolicy.Subject, _ referral: Referral) -> Bool {
        AccessPolicy.decide(subject, .recordCoordination).isAllowed && maySee(subject, referral)
    }
}

public struct ReferralFields: Decodable, Sendable {
    public var personCode: String?
    public var toOrganisationId: String?
    public var service: String?
    /// The person agreed to be referred; without it nothing is recorded.
    public var consent: Bool?
    public var reason: String?
    public var status: String?
    public var feedback: String?

    public init(personCode: String? = nil, toOrganisationId: String? = nil, service: String? = nil, consent: Bool? = nil, reason: String? = nil,
                status: String? = nil, feedback: String? = nil) {
        self.personCode = personCode
        self.toOrganisationId = toOrganisationId
        self.service = service
        self.consent = consent
        self.reason = reason
        self.status = status
        self.feedback = feedback
    }
}

public enum ReferralValidation {
    /// A new referral from `from`, or every problem with it.
    public static func referral(_ fields: ReferralFields, from: UUID, organisations: Set<UUID>, today: CalendarDay)
        -> (referral: Referral?, issues: [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        let code = (fields.personCode?.trimmingWhiteSpace.uppercased()).flatMap { $0.isEmpty ? nil : $0 } ?? PseudonymousCode.make()
        if !PseudonymousCode.isValid(code) { issues.append(ValidationIssue(field: "personCode", messageKey: "invalid_person_code")) }
        let to = fields.toOrganisationId.flatMap(UUID.init(uuidString:))
        if to.map({ organisations.contains($0) && $0 != from }) != true {
            issues.append(ValidationIssue(field: "toOrganisationId", messageKey: "invalid_organisation"))
        }
        let service = fields.service.flatMap(Referral.Service.init(rawValue:))
        if service == nil { issues.append(ValidationIssue(field: "service", messageKey: "invalid_field_value")) }
        if fields.consent != true { issues.append(ValidationIssue(field: "consent", messageKey: "invalid_referral_consent")) }
        let reason = fields.reason?.trimmingWhiteSpace ?? ""
        if reason.count > 5000 { issues.append(ValidationIssue(field: "reason", messageKey: "invalid_text_too_long")) }
        guard issues.isEmpty, let to, let service else { return (nil, issues) }
        return (Referral(personCode: code, fromOrganisationID: from, toOrganisationID: to, service: service, consentOn: today, reason: reason), [])
    }

    /// A new status and feedback, or the problem with them.
    public static func update(_ fields: ReferralFields, of referral: Referral) -> (referral: Referral?, issues: [ValidationIssue]) {
        var updated = referral
        if let status = fields.status {
            guard let known = Referral.Status(rawValue: status) else {
                return (nil, [ValidationIssue(field: "status", messageKey: "invalid_status")])
            }
            updated.status = known
        }
        if let feedback = fields.feedback?.trimmingWhiteSpace {
            guard feedback.count <= 5000 else { return (nil, [ValidationIssue(field: "feedback", messageKey: "invalid_text_too_long")]) }
            updated.feedback = feedback
        }
        return (updated, [])
    }
}

