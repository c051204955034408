import Foundation

/// A search over events: words (whole words, all of them) combined with facets. Dates are
/// Gregorian ISO days here; the interface converts what the reader typed in either calendar.
public struct EventQuery: Sendable, Equatable {
    public var text: String
    public var provincePcode: String?
    public var districtPcode: String?
    /// Events whose date overlaps [from, to].
    public var from: String?
    public var to: String?
    public var actType: String?
    public var perpetratorType: String?
    public var status: VerificationStatus?
    public var victimSex: Person.Sex?
    public var victimAgeGroup: Person.AgeGroup?
    public var organisationID: UUID?
    public var limit: Int
    public var offset: Int

    public init(
        text: String = "", provincePcode: String? = nil, districtPcode: String? = nil, from: String? = nil, to: String? = nil,
        actType: String? = nil, perpetratorType: String? = nil, status: VerificationStatus? = nil,
        victimSex: Person.Sex? = nil, victimAgeGroup: Person.AgeGroup? = nil, organisationID: UUID? = nil,
        limit: Int = 50, offset: Int = 0
    ) {
        self.text = text
        self.provincePcode = provincePcode
        self.districtPcode = districtPcode
        self.from = from
        self.to = to
        self.actType = actType
        self.perpetratorType = perpetratorType
        self.status = status
        self.victimSex = victimSex
        self.victimAgeGroup = victimAgeGroup
        self.organisationID = organisationID
        self.limit = limit
        self.offset = offset
    }

    public static let maximumLimit = 500
}

/// One line of a list or search result.
public struct EventSummary: Hashable, Sendable {
    public var id: UUID
    public var reference: String
    public var title: String
    public var date: EventDate?
    public var provincePcode: String?
    public var districtPcode: String?
    public var status: VerificationStatus
    public var confidentiality: Confidentiality
    public var organisationID: UUID
    public var actTypes: [String]

    public init(_ event: Event, actTypes: [String]) {
        self.init(id: event.id, reference: event.reference, title: event.title, date: event.date, provincePcode: event.provincePcode,
                  districtPcode: event.districtPcode, status: event.status, confidentiality: event.confidentiality,
                  organisationID: event.organisationID, actTypes: actTypes)
    }

    public init(
        id: UUID, reference: String, title: String, date: EventDate?, provincePcode: String?, districtPcode: String?,
        status: VerificationStatus, confidentiality: Confidentiality, organisationID: UUID, actTypes: [String]
    ) {
        self.id = id
        self.reference = reference
        self.title = title
        self.date = date
        self.provincePcode = provincePcode
        self.districtPcode = districtPcode
        self.status = status
        self.confidentiality = confidentiality
        self.organisationID = organisationID
        self.actTypes = actTypes
    }
}

public struct EventPage: Sendable {
    public var events: [EventSummary]
    /// How many events match in all (what the reader may see only), counted exactly up to
    /// `countedExactly(offset:limit:)`; beyond it, `total` is that bound and `totalIsExact` false.
    public var total: Int
    public var totalIsExact: Bool

    public init(events: [EventSummary], total: Int, totalIsExact: Bool = true) {
        self.events = events
        self.total = total
        self.totalIsExact = totalIsExact
    }

    /// Lists and searches count matches exactly up to 1,000 (or to the end of the page asked for,
    /// when it lies beyond): an exact count of every visible event grows with the whole database,
    /// and past a thousand a reader narrows the search rather than reads on. Exact totals of any
    /// size come from the counts (statistics), which are built for it.
    public static func countedExactly(offset: Int, limit: Int) -> Int {
        max(1000, offset + limit)
    }
}

/// A facet counts may be grouped by.
public enum EventFacet: String, CaseIterable, Sendable {
    case province, district, actType = "act_type", perpetratorType = "perpetrator_type", status
}

/// One step in a record's history: who changed it, when, which parts (never the values).
public struct EventHistoryEntry: Hashable, Sendable {
    public enum Change: String, Sendable {
        case created, edited, status, imported
    }

    public var revision: Int
    public var actor: String
    public var time: Date
    public var change: Change
    public var fields: [String]
    public var fromStatus: VerificationStatus?
    public var toStatus: VerificationStatus?
    public var reason: String?

    public init(revision: Int, actor: String, time: Date, change: Change, fields: [String],
                fromStatus: VerificationStatus? = nil, toStatus: VerificationStatus? = nil, reason: String? = nil) {
        self.revision = revision
        self.actor = actor
        self.time = time
        self.change = change
        self.fields = fields
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.reason = reason
    }
}
