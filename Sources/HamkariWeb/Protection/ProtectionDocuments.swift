import Foundation
import HamkariCore

/// The JSON shapes of the protection API (see openapi.json).
enum ProtectionDocuments {
    struct DefenderSummary: Encodable, Sendable {
        let id: String
        let name: String
        let knownAs: String
        let accountId: String?
        let trustedContacts: Int
        let checkInStage: String?

        init(_ profile: DefenderProfile, stage: CheckInPlan.Stage?) {
            id = profile.id.text
            name = profile.identity.name
            knownAs = profile.identity.alertName
            accountId = profile.accountID?.text
            trustedContacts = profile.trustedContacts.count
            checkInStage = stage?.rawValue
        }
    }

    struct DefenderList: Encodable, Sendable {
        let defenders: [DefenderSummary]
    }

    struct Defender: Encodable, Sendable {
        let id: String
        let name: String
        let knownAs: String
        let email: String
        let phone: String
        let whereabouts: String
        let accountId: String?
        let areasOfWork: [String]
        let organisationIds: [String]
        let districtPcodes: [String]
        let trustedContacts: [TrustedContact]
        let checkIn: ProtectionController.CheckInDocument

        init(_ profile: DefenderProfile, plan: CheckInPlan?) {
            id = profile.id.text
            name = profile.identity.name
            knownAs = profile.identity.knownAs
            email = profile.identity.email
            phone = profile.identity.phone
            whereabouts = profile.identity.whereabouts
            accountId = profile.accountID?.text
            areasOfWork = profile.areasOfWork.map(\.rawValue)
            organisationIds = profile.organisationIDs.map(\.text)
            districtPcodes = profile.districtPcodes
            trustedContacts = profile.trustedContacts
            checkIn = .init(plan)
        }
    }

    struct Threat: Encodable, Sendable {
        let id: String
        let kind: String
        let date: String?
        let calendar: String?
        let provincePcode: String?
        let districtPcode: String?
        let perpetratorType: String
        let description: String
        let eventId: String?
        let reportedAt: String

        init(_ report: ThreatReport) {
            id = report.id.text
            kind = report.kind.rawValue
            date = report.date?.entered
            calendar = report.date?.calendar.rawValue
            provincePcode = report.provincePcode
            districtPcode = report.districtPcode
            perpetratorType = report.perpetratorType
            description = report.description
            eventId = report.eventID?.text
            reportedAt = report.createdAt.internetTime
        }
    }

    struct ThreatList: Encodable, Sendable {
        let threats: [Threat]
    }

    struct AssessmentInput: Decodable, Sendable {
        let level: RiskAssessment.Level
        let threats: [String]?
        let vulnerabilities: [String]?
        let capacities: [String]?
        let reasoning: String?
        let reviewInDays: Int
    }

    struct Assessment: Encodable, Sendable {
        let id: String
        let level: String
        let threats: [String]
        let vulnerabilities: [String]
        let capacities: [String]
        let reasoning: String
        let reviewBy: String
        let reviewDue: Bool
        let assessedAt: String

        init(_ assessment: RiskAssessment, now: Date) {
            id = assessment.id.text
            level = assessment.level.rawValue
            threats = assessment.findings.threats
            vulnerabilities = assessment.findings.vulnerabilities
            capacities = assessment.findings.capacities
            reasoning = assessment.findings.reasoning
            reviewBy = assessment.reviewBy.internetTime
            reviewDue = assessment.isDue(at: now)
            assessedAt = assessment.createdAt.internetTime
        }
    }

    struct AssessmentList: Encodable, Sendable {
        let assessments: [Assessment]
    }

    struct CaseInput: Decodable, Sendable {
        let threatId: String?
    }

    struct MeasureInput: Decodable, Sendable {
        let kind: ProtectionMeasure.Kind
        let status: ProtectionMeasure.Status?
        let followUpInDays: Int?
        let notes: String?
    }

    struct MeasureChange: Decodable, Sendable {
        let status: ProtectionMeasure.Status
        let followUpInDays: Int?
    }

    struct Case: Encodable, Sendable {
        struct Measure: Encodable, Sendable {
            let id: String
            let kind: String
            let status: String
            let followUpBy: String?
            let overdue: Bool
            let notes: String
        }
        struct TimelineEntry: Encodable, Sendable {
            let time: String
            let entry: String
        }
        let id: String
        let defenderId: String
        let origin: String
        let threatId: String?
        let status: String
        let openedAt: String
        let closedAt: String?
        let measures: [Measure]
        /// Only on a single case.
        let timeline: [TimelineEntry]?

        init(_ item: ProtectionCase, timeline: [(time: Date, actor: String, entry: String)]? = nil, now: Date = Date()) {
            id = item.id.text
            defenderId = item.defenderID.text
            origin = item.origin.rawValue
            threatId = item.threatID?.text
            status = item.status.rawValue
            openedAt = item.openedAt.internetTime
            closedAt = item.closedAt.map(\.internetTime)
            measures = item.measures.map {
                Measure(id: $0.id.text, kind: $0.kind.rawValue, status: $0.status.rawValue, followUpBy: $0.followUpBy.map(\.internetTime),
                        overdue: $0.isOverdue(at: now), notes: $0.notes)
            }
            self.timeline = timeline?.map { TimelineEntry(time: $0.time.internetTime, entry: $0.entry) }
        }
    }

    struct CaseList: Encodable, Sendable {
        let cases: [Case]
    }
}
