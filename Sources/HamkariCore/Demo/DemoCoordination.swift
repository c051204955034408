import Foundation

/// The network's own work in the demonstration instance, so that a newcomer finds each page with
/// something on it: an awareness session and a coordination meeting with action points (one
/// overdue), a security announcement for one district, a referral and an essential-services issue.
/// All of it is invented.
public struct DemoCoordination: Sendable {
    public var meetings: [Meeting]
    public var actionPoints: [ActionPoint]
    public var announcement: Announcement
    public var referral: Referral
    public var serviceIssue: ServiceIssue

    /// `members` in the order of `DemoNetwork.organisations`; the dates are set around `now`.
    public init(members: [UUID], authorID: UUID, now: Date) {
        func member(_ index: Int) -> UUID { members[index % members.count] }
        func day(_ offset: Int) -> CalendarDay { CalendarDay(now.addingTimeInterval(Double(offset) * 86_400), in: .gregorian) }
        let session = Meeting(
            kind: .awarenessSession, organisationID: member(1), authorID: authorID, title: "آگاهی‌دهی حق زنان به کار و آموزش", day: day(-40),
            provincePcode: "AF18", districtPcode: "AF1808", place: "Farkhar, the women's council hall", organisers: [member(1)],
            attendance: GroupCount(men: 4, women: 31, boys: 0, girls: 9),
            agenda: [AgendaItem(title: "The right to work", articles: [ArticleReference("UDHR 23")!, ArticleReference("CEDAW 11")!]),
                     AgendaItem(title: "Girls' schooling", articles: [ArticleReference("UDHR 26")!])])
        let coordination = Meeting(
            kind: .coordinationMeeting, organisationID: member(0), authorID: authorID, title: "Provincial coordination: detentions and referrals",
            day: day(-21), provincePcode: "AF18", districtPcode: "AF1801", place: "Taloqan", organisers: [member(0)],
            externalOrganisers: ["UN regional office"], participants: [member(1), member(2), member(3)], attendance: GroupCount(men: 9, women: 7),
            agenda: [AgendaItem(title: "Arbitrary detention in Rustaq", articles: [ArticleReference("UDHR 9")!, ArticleReference("ICCPR 9")!])],
            outcomes: "A joint letter to the provincial authorities.", decisions: "Kunduz Legal Aid Lawyers take referrals from Takhar.")
        meetings = [session, coordination]
        actionPoints = [
            ActionPoint(meetingID: coordination.id, ownerOrganisationID: member(0), description: "Send the joint letter on detentions", due: day(-7)),
            ActionPoint(meetingID: coordination.id, ownerOrganisationID: member(3), description: "Name a lawyer for Takhar referrals", due: day(14)),
            ActionPoint(meetingID: session.id, ownerOrganisationID: member(1), description: "Plan a second session in Warsaj", due: day(-30),
                        status: .done, notes: "Planned for next month"),
        ]
        announcement = Announcement(authorID: authorID, title: "Security alert: Farkhar road",
                                    body: "Armed men stopped vehicles on the Farkhar road. Members working in Farkhar: travel in daylight and tell the network.",
                                    districts: ["AF1808"])
        referral = Referral(personCode: "P-DEMQAB", fromOrganisationID: member(0), toOrganisationID: member(3),
                            service: .legalAid, consentOn: day(-10), status: .accepted,
                            reason: "A detained relative needs a lawyer.", feedback: "A lawyer visits on Saturday.")
        serviceIssue = ServiceIssue(organisationID: member(5), authorID: authorID, service: .civilDocumentation, community: "Fayzabad, district 2",
                                    provincePcode: "AF17", districtPcode: "AF1701",
                                    description: "Women are refused a tazkira without a male relative present.", raisedOn: day(-35),
                                    authority: "Population registration office", status: .inDiscussion,
                                    followUps: [FollowUp(day: day(-12), note: "The director agreed to a women's desk.")])
    }
}
