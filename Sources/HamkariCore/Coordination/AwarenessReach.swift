/// How far the network's awareness sessions reached in a period: sessions and participants by
/// district and by province, the articles they covered, and the districts no session reached.
public struct AwarenessReach: Sendable, Equatable {
    public struct Place: Sendable, Equatable {
        public var pcode: String
        public var sessions: Int
        public var attendance: GroupCount

        public init(pcode: String, sessions: Int, attendance: GroupCount) {
            self.pcode = pcode
            self.sessions = sessions
            self.attendance = attendance
        }
    }

    public struct Topic: Sendable, Equatable {
        public var article: ArticleReference
        public var sessions: Int

        public init(article: ArticleReference, sessions: Int) {
            self.article = article
            self.sessions = sessions
        }
    }

    public var from: String
    public var to: String
    public var byDistrict: [Place]
    public var byProvince: [Place]
    public var topics: [Topic]
    /// Districts (of the province asked for, or of the provinces the network works in) with no session.
    public var unreached: [String]

    public init(from: String, to: String, byDistrict: [Place], byProvince: [Place], topics: [Topic], unreached: [String]) {
        self.from = from
        self.to = to
        self.byDistrict = byDistrict
        self.byProvince = byProvince
        self.topics = topics
        self.unreached = unreached
    }

    public var sessions: Int { byProvince.reduce(0) { $0 + $1.sessions } }

    public var attendance: GroupCount {
        byProvince.reduce(GroupCount()) { total, place in
            GroupCount(men: total.men + place.attendance.men, women: total.women + place.attendance.women, boys: total.boys + place.attendance.boys,
                       girls: total.girls + place.attendance.girls, unknown: total.unknown + place.attendance.unknown)
        }
    }
}
