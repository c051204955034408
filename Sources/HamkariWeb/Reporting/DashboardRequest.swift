import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// What a dashboard request asks for and what the reader is shown: the filters (verified records
/// only unless `statuses=all` or a `status` is chosen), whether the figures are for publication,
/// and whether small counts are held back — always for partners and for publication.
struct DashboardRequest: Sendable {
    var scope: StatisticsRepository.Scope
    var control: DisclosureControl?
    var allStatuses: Bool

    init(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn, threshold: Int) throws {
        let parameters = request.uri.queryParameters
        var query = try EventQueryParameters.query(from: parameters, calendar: context.calendar)
        allStatuses = parameters.get("statuses") == "all"
        if query.status == nil && !allStatuses { query.status = .verified }
        let publication = parameters.get("publication") == "true" || parameters.get("publication") == "1"
        let subject = identity.subject
        scope = StatisticsRepository.Scope(query: query, visibility: EventVisibility(subject), publicationOnly: publication,
                                           includesCases: [.coordinator, .protectionOfficer].contains(subject.role), calendar: context.calendar)
        control = publication || subject.role == .partner ? DisclosureControl(threshold: threshold) : nil
    }
}
