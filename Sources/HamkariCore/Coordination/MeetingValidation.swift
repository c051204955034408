import Foundation

/// What is written about a meeting, from the API or a form. On an edit a field left out (nil) stays as it was.
public struct MeetingFields: Decodable, Sendable {
    public struct Attendance: Decodable, Sendable {
        public var men: Int?
        public var women: Int?
        public var boys: Int?
        public var girls: Int?
        public var unknown: Int?

        public init(men: Int? = nil, women: Int? = nil, boys: Int? = nil, girls: Int? = nil, unknown: Int? = nil) {
            self.men = men
            self.women = women
            self.boys = boys
            self.girls = girls
            self.unknown = unknown
        }
    }

    public struct Named: Decodable, Sendable {
        public var name: String
        public var organisation: String?
        /// The person agreed to be named; without it no name is kept.
        public var consent: Bool

        public init(name: String, organisation: String? = nil, consent: Bool) {
            self.name = name
            self.organisation = organisation
            self.consent = consent
        }
    }

    public struct Agenda: Decodable, Sendable {
        public var title: String
        /// Articles cited as `UDHR 19`.
        public var articles: [String]?

        public init(title: String, articles: [String]? = nil) {
            self.title = title
            self.articles = articles
        }
    }

    public var kind: String?
    public var title: String?
    public var date: String?
    public var calendar: String?
    public var provincePcode: String?
    public var districtPcode: String?
    public var place: String?
    public var organisers: [String]?
    public var externalOrganisers: [String]?
    public var participants: [String]?
    public var attendance: Attendance?
    public var namedParticipants: [Named]?
    public var agenda: [Agenda]?
    public var outcomes: String?
    public var decisions: String?

    public init(kind: String? = nil, title: String? = nil, date: String? = nil, calendar: String? = nil, provincePcode: String? = nil,
                districtPcode: String? = nil, place: String? = nil, organisers: [String]? = nil, externalOrganisers: [String]? = nil,
                participants: [String]? = nil, attendance: Attendance? = nil, namedParticipants: [Named]? = nil, agenda: [Agenda]? = nil,
                outcomes: String? = nil, decisions: String? = nil) {
        self.kind = kind
        self.title = title
        self.date = date
        self.calendar = calendar
        self.provincePcode = provincePcode
        self.districtPcode = districtPcode
        self.place = place
        self.organisers = organisers
        self.externalOrganisers = externalOrganisers
        self.participants = participants
        self.attendance = attendance
        self.namedParticipants = namedParticipants
        self.agenda = agenda
        self.outcomes = outcomes
        self.decisions = decisions
    }
}

public struct ActionPointFields: Decodable, Sendable {
    public var ownerOrganisationId: String?
    public var description: String?
    public var due: String?
    public var calendar: String?
    public var status: String?
    public var notes: String?

    public init(ownerOrganisationId: String? = nil, description: String? = nil, due: String? = nil, calendar: String? = nil,
                status: String? = nil, notes: String? = nil) {
        self.ownerOrganisationId = ownerOrganisationId
        self.description = description
        self.due = due
        self.calendar = calendar
        self.status = status
        self.notes = notes
    }
}

/// Checks meetings and action points the same way for pages, the API and the command line.
public enum MeetingValidation {
    static let textLimit = 20_000

    public static func checked(
        _ fields: MeetingFields, over original: Meeting, units: [String: AdminUnit], organisations: Set<UUID>, calendar: CalendarSystem,
        today: CalendarDay
    ) -> (meeting: Meeting, issues: [ValidationIssue]) {
        var meeting = original
        var issues: [ValidationIssue] = []
        func issue(_ field: String, _ key: String) { issues.append(ValidationIssue(field: field, messageKey: key)) }
        if let kind = fields.kind {
            if let known = Meeting.Kind(rawValue: kind) { meeting.kind = known } else { issue("kind", "invalid_kind") }
        }
        if let title = fields.title?.trimmingWhiteSpace { meeting.title = title }
        if meeting.title.isEmpty { issue("title", "invalid_title_required") } else if meeting.title.count > 300 { issue("title", "invalid_title_too_long") }
        if let text = fields.date?.trimmingWhiteSpace {
            let chosen = fields.calendar.flatMap(CalendarSystem.init(tag:)) ?? calendar
            if let date = try? EventDate.parse(text, calendar: chosen), date.precision == .day {
                meeting.day = date.first
                meeting.calendar = chosen
            } else {
                issue("date", "invalid_day")
            }
        }
        if let province = fields.provincePcode.map(DirectoryValidation.code) {
            if province.isEmpty || units[province]?.level == .province { meeting.provincePcode = province.isEmpty ? nil : province } else {
                issue("provincePcode", "invalid_place")
            }
        }
        if let district = fields.districtPcode.map(DirectoryValidation.code) {
            if district.isEmpty { meeting.districtPcode = nil } else if let unit = units[district], unit.level == .district,
               meeting.provincePcode == nil || meeting.provincePcode == unit.parentPcode {
                meeting.districtPcode = district
                meeting.provincePcode = unit.parentPcode
            } else {
                issue("districtPcode", "invalid_district")
            }
        }
        if let place = fields.place { meeting.place = String(place.trimmingWhiteSpace.prefix(300)) }
        for (field, given, assign) in [
            ("organisers", fields.organisers, { (ids: [UUID]) in meeting.organisers = ids }),
            ("participants", fields.participants, { (ids: [UUID]) in meeting.participants = ids }),
        ] as [(String, [String]?, ([UUID]) -> Void)] {
            guard let given else { continue }
            let ids = given.compactMap { UUID(uuidString: $0) }
            if ids.count == given.count, ids.allSatisfy(organisations.contains) { assign(Array(Set(ids)).sorted { $0.uuidString < $1.uuidString }) } else {
                issue(field, "invalid_organisation")
            }
        }
        if let external = fields.externalOrganisers {
            meeting.externalOrganisers = external.map { String($0.trimmingWhiteSpace.prefix(200)) }.filter { !$0.isEmpty }
        }
        if let counts = fields.attendance {
            let values = [counts.men, counts.women, counts.boys, counts.girls, counts.unknown].map { $0 ?? 0 }
            if values.allSatisfy({ (0...1_000_000).contains($0) }) {
                meeting.attendance = GroupCount(men: values[0], women: values[1], boys: values[2], girls: values[3], unknown: values[4])
            } else {
                issue("attendance", "invalid_group_count")
            }
        }
        if let named = fields.namedParticipants {
            let kept = named.filter { !$0.name.trimmingWhiteSpace.isEmpty }
            if kept.contains(where: { !$0.consent }) { issue("namedParticipants", "invalid_consent_required") }
            meeting.namedParticipants = kept.filter(\.consent).map {
                NamedParticipant(name: String($0.name.trimmingWhiteSpace.prefix(200)), organisation: $0.organisation?.trimmingWhiteSpace, consentOn: today)
            }
        }
        if let agenda = fields.agenda {
            var items: [AgendaItem] = []
            for (index, item) in agenda.enumerated() where !item.title.trimmingWhiteSpace.isEmpty || !(item.articles ?? []).isEmpty {
                let references = (item.articles ?? []).filter { !$0.trimmingWhiteSpace.isEmpty }.map { ArticleReference($0) }
                if references.contains(where: { $0 == nil || StandardInstrument.builtIn(code: $0!.instrument) == nil }) {
                    issue("agenda[\(index)].articles", "invalid_articles")
                }
                items.append(AgendaItem(title: String(item.title.trimmingWhiteSpace.prefix(500)), articles: references.compactMap { $0 }))
            }
            meeting.agenda = items
        }
        for (field, value, assign) in [
            ("outcomes", fields.outcomes, { (text: String) in meeting.outcomes = text }),
            ("decisions", fields.decisions, { (text: String) in meeting.decisions = text }),
        ] as [(String, String?, (String) -> Void)] {
            guard let value else { continue }
            if value.count > textLimit { issue(field, "invalid_text_too_long") } else { assign(value.trimmingWhiteSpace) }
        }
        return (meeting, issues)
    }

    public static func actionPoint(
        _ fields: ActionPointFields, meeting: UUID, organisations: Set<UUID>, calendar: CalendarSystem
    ) -> (point: ActionPoint?, issues: [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        let owner = fields.ownerOrganisationId.flatMap(UUID.init(uuidString:))
        if owner.map(organisations.contains) != true { issues.append(ValidationIssue(field: "ownerOrganisationId", messageKey: "invalid_organisation")) }
        let description = fields.description?.trimmingWhiteSpace ?? ""
        if description.isEmpty { issues.append(ValidationIssue(field: "description", messageKey: "invalid_missing_field")) }
        if description.count > textLimit { issues.append(ValidationIssue(field: "description", messageKey: "invalid_text_too_long")) }
        let chosen = fields.calendar.flatMap(CalendarSystem.init(tag:)) ?? calendar
        let due = fields.due.flatMap { try? EventDate.parse($0, calendar: chosen) }.flatMap { $0.precision == .day ? $0.first : nil }
        if due == nil { issues.append(ValidationIssue(field: "due", messageKey: "invalid_day")) }
        let status = ActionPoint.Status(rawValue: fields.status ?? "open")
        if status == nil { issues.append(ValidationIssue(field: "status", messageKey: "invalid_status")) }
        guard issues.isEmpty, let owner, let due, let status else { return (nil, issues) }
        return (ActionPoint(meetingID: meeting, ownerOrganisationID: owner, description: description, due: due, status: status,
                            notes: fields.notes?.trimmingWhiteSpace ?? ""), [])
    }
}
