import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Meetings, action points, awareness: pages and API")
struct MeetingTests {
    @Test("API: a meeting with its agenda and consented names, followed to its end through action points; who may not; awareness counts",
          arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let organisations = try await session.store.organisations.all()
            let documenter = try await session.signIn(as: .documenter)
            let otherOrganisation = try await session.signIn(as: .documenter, organisation: 1)
            let partner = try await session.signIn(as: .partner)
            let body: [String: Any] = [
                "kind": "awareness_session", "title": "حق آموزش دختران", "date": "1405-02-15", "calendar": "solar-hijri",
                "districtPcode": "AF1801", "place": "مکتب", "organisers": [organisations[0].id.text], "externalOrganisers": ["UNAMA"],
                "attendance": ["women": 25, "girls": 12, "men": 4],
                "namedParticipants": [["name": "Gulalai Safi", "organisation": "Farkhar Women's Council", "consent": true]],
                "agenda": [["title": "Girls' schooling", "articles": ["UDHR 26", "CRC 28"]]],
                "outcomes": "A follow-up with the education department",
            ]
            try await api.call(.post, "/api/v1/meetings", documentedAs: "/api/v1/meetings", headers: partner.api, json: body, status: .forbidden)
            let refused = try await api.call(.post, "/api/v1/meetings", documentedAs: "/api/v1/meetings", headers: documenter.api,
                                             json: ["title": "", "date": "1405-13-40", "agenda": [["title": "x", "articles": ["MOON 1"]]],
                                                    "namedParticipants": [["name": "No Consent", "consent": false]], "attendance": ["women": -1]],
                                             status: .unprocessableContent)
            let fields = Set(((refused["error"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["title", "date", "attendance", "namedParticipants", "agenda[0].articles"])
            #expect(try await session.store.meetings.list().isEmpty, "nothing was stored")
            let created = try await api.call(.post, "/api/v1/meetings", documentedAs: "/api/v1/meetings", headers: documenter.api, json: body,
                                             status: .created)
            let id = try #require(created["id"] as? String)
            #expect(created["date"] as? String == "2026-05-05" && created["provincePcode"] as? String == "AF18")
            #expect(created["namedParticipants"] == nil)
            try await api.call(.get, "/api/v1/meetings/\(id)", documentedAs: "/api/v1/meetings/{id}", headers: partner.api, status: .forbidden)
            try await api.call(.get, "/api/v1/meetings/\(id)?names=true", documentedAs: "/api/v1/meetings/{id}", headers: otherOrganisation.api,
                               status: .forbidden)
            let named = try await api.call(.get, "/api/v1/meetings/\(id)?names=true", documentedAs: "/api/v1/meetings/{id}", headers: documenter.api,
                                           status: .ok)
            #expect((named["namedParticipants"] as? [[String: Any]])?.first?["name"] as? String == "Gulalai Safi")
            #expect(try await session.store.audit.recent(limit: 1).first?.action == AuditAction.participantsViewed.rawValue)
            try await api.call(.patch, "/api/v1/meetings/\(id)", documentedAs: "/api/v1/meetings/{id}", headers: otherOrganisation.api,
                               json: ["title": "x"], status: .forbidden)
            let patched = try await api.call(.patch, "/api/v1/meetings/\(id)", documentedAs: "/api/v1/meetings/{id}", headers: documenter.api,
                                             json: ["decisions": "Two more sessions"], status: .ok)
            #expect(patched["decisions"] as? String == "Two more sessions" && patched["title"] as? String == "حق آموزش دختران")

            let point: [String: Any] = ["ownerOrganisationId": organisations[1].id.text, "description": "Meet the education director",
                                        "due": "2020-01-10", "calendar": "gregorian"]
            try await api.call(.post, "/api/v1/meetings/\(id)/action-points", documentedAs: "/api/v1/meetings/{id}/action-points",
                               headers: otherOrganisation.api, json: point, status: .forbidden)
            try await api.call(.post, "/api/v1/meetings/\(id)/action-points", documentedAs: "/api/v1/meetings/{id}/action-points",
                               headers: documenter.api, json: ["description": "", "due": "soon"], status: .unprocessableContent)
            let added = try await api.call(.post, "/api/v1/meetings/\(id)/action-points", documentedAs: "/api/v1/meetings/{id}/action-points",
                                           headers: documenter.api, json: point, status: .created)
            #expect(added["overdue"] as? Bool == true)
            let pointID = try #require(added["id"] as? String)
            let overdue = try await api.call(.get, "/api/v1/action-points?owner=\(organisations[1].id.text)", documentedAs: "/api/v1/action-points",
                                             headers: otherOrganisation.api, status: .ok)
            #expect((overdue["actionPoints"] as? [[String: Any]])?.map { $0["id"] as? String } == [pointID])
            try await client.execute(uri: "/", method: .get, headers: otherOrganisation.pages) { response async throws in
                #expect(response.body.text.contains("Meet the education director"), "flagged on the owner's home page")
            }
            try await client.execute(uri: "/", method: .get, headers: partner.pages) { response async throws in
                #expect(!response.body.text.contains("Meet the education director"))
            }
            try await api.call(.patch, "/api/v1/action-points/\(pointID)", documentedAs: "/api/v1/action-points/{id}", headers: partner.api,
                               json: ["status": "done"], status: .forbidden)
            try await api.call(.patch, "/api/v1/action-points/\(pointID)", documentedAs: "/api/v1/action-points/{id}", headers: otherOrganisation.api,
                               json: ["status": "finished"], status: .unprocessableContent)
            let done = try await api.call(.patch, "/api/v1/action-points/\(pointID)", documentedAs: "/api/v1/action-points/{id}",
                                          headers: otherOrganisation.api, json: ["status": "done", "notes": "Met on 12 Jawza"], status: .ok)
            #expect(done["status"] as? String == "done" && done["overdue"] as? Bool == false)

            let reach = try await api.call(.get, "/api/v1/awareness?from=1405&to=1405&calendar=solar-hijri&province=AF18", documentedAs: "/api/v1/awareness",
                                           headers: partner.api, status: .ok)
            #expect(reach["sessions"] as? Int == 1)
            #expect((reach["attendance"] as? [String: Any])?["women"] as? Int == 25)
            #expect((reach["topics"] as? [[String: Any]])?.map { $0["article"] as? String } == ["CRC 28", "UDHR 26"])
            #expect((reach["unreachedDistricts"] as? [String])?.contains("AF1801") == false)
            try await api.call(.get, "/api/v1/awareness?from=someday", documentedAs: "/api/v1/awareness", headers: partner.api, status: .unprocessableContent)
        }
    }

    @Test("Pages in every language: a meeting recorded on the form, its action points moved on, the awareness reach right to left",
          arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let organisations = try await session.store.organisations.all()
            let me = try await session.signIn(as: .documenter)
            let refused = try await client.post("/meetings", session: me.pages, csrf: me.csrf, fields: [
                "kind": "training", "title": "آموزش مستندسازی", "date": "not a day", "calendar": "solar-hijri",
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.text.contains("آموزش مستندسازی"), "what was typed is kept")
            let saved = try await client.post("/meetings", session: me.pages, csrf: me.csrf, fields: [
                "kind": "awareness_session", "title": "Awareness on women's right to work", "date": "۱۴۰۵-۰۳-۰۱", "calendar": "solar-hijri",
                "province": "AF18", "district": "AF1808", "place": "Farkhar", "organiser_\(organisations[1].id.text)": "on",
                "women": "30", "girls": "4", "men": "0", "boys": "0", "unknown": "0",
                "named": "Mariam Hakimi | Farkhar Women's Council", "named_consent": "on",
                "agenda": "Work | UDHR 23, CEDAW 11\nFamily | UDHR 16",
            ])
            #expect(saved.status == .found)
            let path = saved.headers[.location] ?? ""
            for locale in AppLocale.allCases {
                try await client.execute(uri: "\(path)?lang=\(locale.tag)", method: .get, headers: me.pages) { response async throws in
                    #expect(response.status == .ok)
                    #expect(response.body.text.contains("dir=\"\(locale.direction)\""))
                    #expect(response.body.text.contains("/standards/CEDAW/11"))
                    #expect(!response.body.text.contains("Mariam Hakimi"), "names only when asked")
                    #expect(response.body.readableBytes < 30_000)
                }
            }
            try await client.execute(uri: "\(path)?names=1", method: .get, headers: me.pages) { response async throws in
                #expect(response.body.text.contains("Mariam Hakimi"))
            }
            let point = try await client.post("\(path)/action-points", session: me.pages, csrf: me.csrf, fields: [
                "owner": organisations[1].id.text, "description": "Talk to the district governor", "due": "1405-04-01", "calendar": "solar-hijri",
            ])
            #expect(point.status == .found)
            let stored = try #require(try await session.store.meetings.list().first)
            let pointID = try #require(try await session.store.meetings.actionPoints(of: stored.id).first?.id)
            let moved = try await client.post("/action-points/\(pointID.text)", session: me.pages, csrf: me.csrf, fields: ["status": "in_progress", "notes": "asked"])
            #expect(moved.status == .found)
            #expect(try await session.store.meetings.actionPoint(id: pointID)?.status == .inProgress)
            let partner = try await session.signIn(as: .partner)
            try await client.execute(uri: "/meetings", method: .get, headers: partner.pages) { response async throws in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/awareness?lang=ps&from=1405&to=1405", method: .get, headers: partner.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("dir=\"rtl\""))
                #expect(response.body.text.contains("/standards/UDHR/23"))
                #expect(response.body.readableBytes < 30_000)
            }
        }
    }
}
