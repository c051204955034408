import Foundation

/// A problem with an essential service raised with the authorities: where, which service, who was
/// engaged, what followed, how it ended. Its description, outcome and follow-ups are sealed at rest.
public struct ServiceIssue: Hashable, Sendable, Identifiable {
    public enum Service: String, CaseIterable, Sendable, Codable {
        case health, education, water, justice
        case civilDocumentation = "civil_documentation"
        case electricity, roads, other
    }

    public enum Status: String, CaseIterable, Sendable, Codable {
        case raised
        case inDiscussion = "in_discussion"
        case resolved
        case unresolved
    }

    public var id: UUID
    public var organisationID: UUID
    public var authorID: UUID
    public var service: Service
    public var community: String
    public var provincePcode: String?
    public var districtPcode: String?
    public var description: String
    /// A Gregorian day.
    public var raisedOn: CalendarDay
    public var authority: String
    public var status: Status
    public var outcome: String
    public var followUps: [FollowUp]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID = UUIDv7.make(), organisationID: UUID, authorID: UUID, service: Service, community: String, provincePcode: String? = nil,
                districtPcode: String? = nil, description: String, raisedOn: CalendarDay, authority: String, status: Status = .raised,
                outcome: String = "", followUps: [FollowUp] = [], createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.organisationID = organisationID
        self.authorID = authorID
        self.service = service
        self.community = community
        self.provincePcode = provincePcode
        self.districtPcode = districtPcode
        self.description = description
        self.raisedOn = raisedOn
        self.authority = authority
        self.status = status
        self.outcome = outcome
        self.followUps = followUps
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isOpen: Bool { status == .raised || status == .inDiscussion }
}

/// A meeting with the authorities on an issue, or a note of what happened.
public struct FollowUp: Hashable, Sendable, Codable {
    public var day: CalendarDay
    public var meetingID: UUID?
    public var note: String

    public init(day: CalendarDay, meetingID: UUID? = nil, note: String) {
        self.day = day
        self.meetingID = meetingID
        self.note = note
    }
}

public struct ServiceIssueFields: Decodable, Sendable {
    public var service: String?
    public var community: String?
    public var provincePcode: String?
    public var districtPcode: String?
    public var description: String?
    public var raisedOn: String?
    public var calendar: String?
    public var authority: String?
    public var status: String?
    public var outcome: String?
    /// A follow-up to add: its day (in `calendar`), a meeting's id, a note.
    public var followUpOn: String?
    public var followUpMeetingId: String?
    public var followUpNote: String?

    public init(service: String? = nil, community: String? = nil, provincePcode: String? = nil, districtPcode: String? = nil,
                description: String? = nil, raisedOn: String? = nil, calendar: String? = nil, authority: String? = nil, status: String? = nil,
                outcome: String? = nil, followUpOn: String? = nil, followUpMeetingId: String? = nil, followUpNote: String? = nil) {
        self.service = service
        self.community = community
        self.provincePcode = provincePcode
        self.districtPcode = districtPcode
        self.description = description
        self.raisedOn = raisedOn
        self.calendar = calendar
        self.authority = authority
        self.status = status
        self.outcome = outcome
        self.followUpOn = followUpOn
        self.followUpMeetingId = followUpMeetingId
        self.followUpNote = followUpNote
    }

    /// `original` with these fields applied where they are valid, and every problem, by field.
    public func applied(to original: ServiceIssue, units: [String: AdminUnit], meetings: Set<UUID>, calendar: CalendarSystem)
        -> (issue: ServiceIssue, issues: [ValidationIssue]) {
        var issue = original
        var problems: [ValidationIssue] = []
        func problem(_ field: String, _ key: String) { problems.append(ValidationIssue(field: field, messageKey: key)) }
        let chosen = self.calendar.flatMap(CalendarSystem.init(tag:)) ?? calendar
        /// nil when nothing was given; `.some(nil)` when what was given is not one day.
        func day(_ text: String?) -> CalendarDay?? {
            guard let text = text?.trimmingWhiteSpace, !text.isEmpty else { return nil }
            guard let date = try? EventDate.parse(text, calendar: chosen), date.precision == .day else { return .some(nil) }
            return .some(date.first)
        }
        if let service {
            if let known = ServiceIssue.Service(rawValue: service) { issue.service = known } else { problem("service", "invalid_field_value") }
        }
        if let community { issue.community = String(community.trimmingWhiteSpace.prefix(300)) }
        if let province = provincePcode.map(DirectoryValidation.code) {
            if province.isEmpty || units[province]?.level == .province { issue.provincePcode = province.isEmpty ? nil : province } else {
                problem("provincePcode", "invalid_place")
            }
        }
        if let district = districtPcode.map(DirectoryValidation.code) {
            if district.isEmpty { issue.districtPcode = nil } else if let unit = units[district], unit.level == .district,
               issue.provincePcode == nil || issue.provincePcode == unit.parentPcode {
                issue.districtPcode = district
                issue.provincePcode = unit.parentPcode
            } else {
                problem("districtPcode", "invalid_district")
            }
        }
        if issue.districtPcode == nil { problem("districtPcode", "invalid_missing_field") }
        if let description { issue.description = description.trimmingWhiteSpace }
        if issue.description.isEmpty { problem("description", "invalid_missing_field") }
        if issue.description.count > 20_000 { problem("description", "invalid_text_too_long") }
        if let raised = day(raisedOn) {
            if let raised { issue.raisedOn = raised } else { problem("raisedOn", "invalid_day") }
        }
        if let authority { issue.authority = String(authority.trimmingWhiteSpace.prefix(300)) }
        if issue.authority.isEmpty { problem("authority", "invalid_missing_field") }
        if let status {
            if let known = ServiceIssue.Status(rawValue: status) { issue.status = known } else { problem("status", "invalid_status") }
        }
        if let outcome {
            if outcome.count > 20_000 { problem("outcome", "invalid_text_too_long") } else { issue.outcome = outcome.trimmingWhiteSpace }
        }
        let note = followUpNote?.trimmingWhiteSpace ?? ""
        if followUpOn?.trimmingWhiteSpace.isEmpty == false || !note.isEmpty {
            let meeting = followUpMeetingId.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
            if let text = followUpMeetingId, !text.isEmpty, meeting.map(meetings.contains) != true { problem("followUpMeetingId", "invalid_reference") }
            if case let .some(.some(on)) = day(followUpOn) {
                issue.followUps.append(FollowUp(day: on, meetingID: meeting, note: String(note.prefix(5000))))
            } else {
                problem("followUpOn", "invalid_day")
            }
        }
        return (issue, problems)
    }
}
