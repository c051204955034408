import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Reports and UN outputs: publication only, in four languages; communications only with consent")
struct ReportTests {
    /// Six verified public events whose source agreed to public use, and one whose source did not.
    static func events(_ session: TestSession) async throws -> (published: Event, anonymised: Event) {
        let author = try await session.signIn(as: .documenter).user
        var published: Event?
        for _ in 0..<6 {
            published = try await session.store.events.create(SampleEvents.published(organisationID: author.organisationID, authorID: author.id),
                                                               actor: author.id)
        }
        let anonymised = try await session.store.events.create(
            SampleEvents.detention(organisationID: author.organisationID, authorID: author.id, confidentiality: .public, status: .verified),
            actor: author.id)
        return (try #require(published), anonymised)
    }

    @Test("Each kind of report in each language: only publishable records counted, small counts held back, no name or narrative; audited",
          arguments: TestDatabase.all)
    func reports(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let (published, _) = try await Self.events(session)
            let member = try await session.signIn(as: .documenter)
            for kind in ReportKind.allCases {
                for locale in AppLocale.allCases {
                    try await client.execute(uri: "/reports/view?kind=\(kind.rawValue)&lang=\(locale.tag)&statuses=all", method: .get,
                                             headers: member.pages) { response async throws in
                        let html = response.body.text
                        #expect(response.status == .ok && html.contains("<html lang=\"\(locale.tag)\" dir=\"\(locale.direction)\""), "\(kind) \(locale)")
                        #expect(!html.contains("met in Kabul") && !html.contains(published.description), "no narrative, no source note")
                        #expect(!html.contains("<link") && !html.contains("<script"), "stands alone")
                    }
                }
            }
            let api = try EventAPI(client)
            let upr = try await api.call(.get, "/api/v1/reports?kind=upr", documentedAs: "/api/v1/reports", headers: member.api, status: .ok)
            let rights = DashboardTests.table(upr, "rights_by_year")
            #expect(rights["rows"] as? [String] == ["liberty_from_arbitrary_arrest"])
            #expect(rights["total"] as? Int == 6, "the anonymised-only event is not published")
            #expect((upr["cases"] as? [[String: Any]])?.count == 6)
            let cedaw = try await api.call(.get, "/api/v1/reports?kind=cedaw", documentedAs: "/api/v1/reports", headers: member.api, status: .ok)
            #expect(DashboardTests.table(cedaw, "women_and_girls")["columns"] as? [String] == ["women", "girls", "female_age_unknown"])
            #expect(try await session.store.audit.recent(limit: 1).first?.action == AuditAction.reportBuilt.rawValue)
            let refused = try await api.call(.get, "/api/v1/reports?kind=bogus", documentedAs: "/api/v1/reports", headers: member.api,
                                             status: .unprocessableContent)
            #expect(((refused["error"] as? [String: Any])?["issues"] as? [[String: Any]])?.first?["field"] as? String == "kind")
            let defender = try await session.signIn(as: .defender)
            try await api.call(.get, "/api/v1/reports", documentedAs: "/api/v1/reports", headers: defender.api, status: .forbidden)
        }
    }

    @Test("A communication draft for a consented case, in four languages; refused without consent, names only with public consent and the right",
          arguments: TestDatabase.all)
    func communication(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let (published, anonymised) = try await Self.events(session)
            let member = try await session.signIn(as: .documenter)
            let api = try EventAPI(client)
            let path = "/api/v1/events/{id}/communication"
            let draft = try await api.call(.get, "/api/v1/events/\(published.id.text)/communication", documentedAs: path, headers: member.api, status: .ok)
            #expect(draft["consent"] as? String == "public" && draft["identitiesIncluded"] as? Bool == false)
            #expect((draft["victims"] as? [[String: Any]])?.allSatisfy { $0["name"] == nil } == true)
            let anonymous = try await api.call(.get, "/api/v1/events/\(anonymised.id.text)/communication", documentedAs: path, headers: member.api, status: .ok)
            #expect(anonymous["narrative"] == nil, "the narrative stays out when the source agreed to anonymised use only")
            let noNames = try await api.call(.get, "/api/v1/events/\(anonymised.id.text)/communication?identities=true", documentedAs: path,
                                             headers: member.api, status: .conflict)
            #expect((noNames["error"] as? [String: Any])?["code"] as? String == "identities_not_consented")
            func offers(_ event: Event) async throws -> (draft: Bool, names: Bool) {
                try await client.execute(uri: "/events/\(event.id.text)", method: .get, headers: member.pages) { response async throws in
                    let html = response.body.text
                    return (html.contains("href=\"/events/\(event.id.text)/communication\""), html.contains("/communication?identities=true"))
                }
            }
            #expect(try await offers(anonymised) == (true, false), "without names where a source agreed to anonymised use only")
            var internalOnly = anonymised
            internalOnly.sources = internalOnly.sources.map { var source = $0; source.consent = .internal; return source }
            let stored = try await session.store.events.update(internalOnly, actor: member.user.id)
            let notConsented = try await api.call(.get, "/api/v1/events/\(stored.id.text)/communication", documentedAs: path, headers: member.api,
                                                  status: .conflict)
            #expect((notConsented["error"] as? [String: Any])?["code"] as? String == "not_consented")
            for locale in AppLocale.allCases {
                try await client.execute(uri: "/events/\(published.id.text)/communication?lang=\(locale.tag)", method: .get, headers: member.pages) { response async throws in
                    #expect(response.status == .ok && response.body.text.contains("dir=\"\(locale.direction)\"") && response.body.text.contains(published.reference))
                }
            }
            #expect(try await offers(published) == (true, true), "the event page offers the draft, with names where consent and rights allow")
            #expect(try await offers(stored) == (false, false), "no draft where a source agreed to the network's use only")
            let partner = try await session.signIn(as: .partner)
            try await api.call(.get, "/api/v1/events/\(published.id.text)/communication", documentedAs: path, headers: partner.api, status: .forbidden)
        }
    }
}
