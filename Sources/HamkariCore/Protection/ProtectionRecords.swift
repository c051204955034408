import Foundation

/// A threat or attack against a defender, reported by them, a colleague or a protection officer.
public struct ThreatReport: Hashable, Sendable, Identifiable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case threatInPerson = "threat_in_person", threatByPhone = "threat_by_phone", threatOnline = "threat_online", surveillance
        case raid, arrest, abduction, physicalAttack = "physical_attack", attackOnFamily = "attack_on_family"
        case digitalAttack = "digital_attack", smearCampaign = "smear_campaign"
    }

    public var id: UUID
    public var defenderID: UUID
    public var kind: Kind
    public var date: EventDate?
    public var provincePcode: String?
    public var districtPcode: String?
    /// A code of the `perpetrator_type` vocabulary.
    public var perpetratorType: String
    /// What happened (sealed).
    public var description: String
    /// The documented event it belongs to, where there is one.
    public var eventID: UUID?
    public var reportedBy: String
    public var createdAt: Date

    public init(id: UUID = UUIDv7.make(), defenderID: UUID, kind: Kind, date: EventDate? = nil, provincePcode: String? = nil,
                districtPcode: String? = nil, perpetratorType: String = "unknown", description: String = "", eventID: UUID? = nil,
                reportedBy: String, createdAt: Date = Date()) {
        self.id = id
        self.defenderID = defenderID
        self.kind = kind
        self.date = date
        self.provincePcode = provincePcode
        self.districtPcode = districtPcode
        self.perpetratorType = perpetratorType
        self.description = description
        self.eventID = eventID
        self.reportedBy = reportedBy
        self.createdAt = createdAt
    }
}

/// A risk assessment in the Front Line Defenders' way: risk = threats × vulnerabilities ÷ capacities,
/// each entered as a list, with a level, the reasoning, and a date by which to look again.
public struct RiskAssessment: Hashable, Sendable, Identifiable {
    public enum Level: String, CaseIterable, Sendable, Codable, Comparable {
        case low, medium, high, critical

        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The sealed part: what the officer wrote.
    public struct Findings: Hashable, Sendable, Codable {
        public var threats: [String]
        public var vulnerabilities: [String]
        public var capacities: [String]
        public var reasoning: String

        public init(threats: [String], vulnerabilities: [String], capacities: [String], reasoning: String) {
            self.threats = threats
            self.vulnerabilities = vulnerabilities
            self.capacities = capacities
            self.reasoning = reasoning
        }
    }

    public var id: UUID
    public var defenderID: UUID
    public var level: Level
    public var findings: Findings
    public var reviewBy: Date
    public var assessedBy: String
    public var createdAt: Date

    public init(id: UUID = UUIDv7.make(), defenderID: UUID, level: Level, findings: Findings, reviewBy: Date, assessedBy: String,
                createdAt: Date = Date()) {
        self.id = id
        self.defenderID = defenderID
        self.level = level
        self.findings = findings
        self.reviewBy = reviewBy
        self.assessedBy = assessedBy
        self.createdAt = createdAt
    }

    public func isDue(at now: Date) -> Bool { now >= reviewBy }
}

/// A protection case: opened from a threat, an alert or by an officer; measures taken, each with its follow-up.
public struct ProtectionCase: Hashable, Sendable, Identifiable {
    public enum Origin: String, Sendable, Codable {
        case threat, alert, officer
    }

    public enum Status: String, CaseIterable, Sendable, Codable {
        case open, closed
    }

    public var id: UUID
    public var defenderID: UUID
    public var origin: Origin
    public var threatID: UUID?
    public var officerID: UUID?
    public var status: Status
    public var measures: [ProtectionMeasure]
    public var openedAt: Date
    public var closedAt: Date?

    public init(id: UUID = UUIDv7.make(), defenderID: UUID, origin: Origin, threatID: UUID? = nil, officerID: UUID? = nil,
                status: Status = .open, measures: [ProtectionMeasure] = [], openedAt: Date = Date(), closedAt: Date? = nil) {
        self.id = id
        self.defenderID = defenderID
        self.origin = origin
        self.threatID = threatID
        self.officerID = officerID
        self.status = status
        self.measures = measures
        self.openedAt = openedAt
        self.closedAt = closedAt
    }

    /// Measures whose follow-up date has passed while they are still under way.
    public func overdueMeasures(at now: Date) -> [ProtectionMeasure] {
        measures.filter { $0.isOverdue(at: now) }
    }
}

public struct ProtectionMeasure: Hashable, Sendable, Identifiable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case relocation, legalAid = "legal_aid", medical, psychosocial, digitalSecurity = "digital_security", advocacy
        case emergencyGrant = "emergency_grant"
    }

    public enum Status: String, CaseIterable, Sendable, Codable {
        case planned, underWay = "under_way", done, cancelled
    }

    public var id: UUID
    public var kind: Kind
    public var status: Status
    public var followUpBy: Date?
    /// What was arranged (sealed).
    public var notes: String
    public var updatedAt: Date

    public init(id: UUID = UUIDv7.make(), kind: Kind, status: Status = .planned, followUpBy: Date? = nil, notes: String = "", updatedAt: Date = Date()) {
        self.id = id
        self.kind = kind
        self.status = status
        self.followUpBy = followUpBy
        self.notes = notes
        self.updatedAt = updatedAt
    }

    public func isOverdue(at now: Date) -> Bool {
        guard let followUpBy, status == .planned || status == .underWay else { return false }
        return now > followUpBy
    }
}
