import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Essential-services issues: pages and API")
struct ServiceIssueTests {
    @Test("API: an issue raised with the authorities, followed up at a meeting, resolved; open issues by district and service; who may not",
          arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let raiser = try await session.signIn(as: .documenter)
            let other = try await session.signIn(as: .documenter, organisation: 2)
            let partner = try await session.signIn(as: .partner)
            let body: [String: Any] = ["service": "civil_documentation", "community": "Qarya-e Khwaja Ghar", "districtPcode": "AF1801",
                                       "description": "Women are refused tazkira without a male relative", "raisedOn": "1405-02-10",
                                       "calendar": "solar-hijri", "authority": "Provincial population registration office"]
            try await api.call(.post, "/api/v1/service-issues", documentedAs: "/api/v1/service-issues", headers: partner.api, json: body,
                               status: .forbidden)
            let refused = try await api.call(.post, "/api/v1/service-issues", documentedAs: "/api/v1/service-issues", headers: raiser.api,
                                             json: ["service": "teleportation", "districtPcode": "AF9999", "raisedOn": "1405-13-01",
                                                    "calendar": "solar-hijri"], status: .unprocessableContent)
            let fields = Set(((refused["error"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["service", "districtPcode", "description", "raisedOn", "authority"])
            #expect(try await session.store.serviceIssues.list().isEmpty, "nothing was stored")

            let created = try await api.call(.post, "/api/v1/service-issues", documentedAs: "/api/v1/service-issues", headers: raiser.api,
                                             json: body, status: .created)
            let id = try #require(created["id"] as? String)
            #expect(created["raisedOn"] as? String == "2026-04-30" && created["provincePcode"] as? String == "AF18" && created["status"] as? String == "raised")
            try await api.call(.post, "/api/v1/service-issues", documentedAs: "/api/v1/service-issues", headers: other.api,
                               json: ["service": "water", "community": "Rustaq bazaar", "districtPcode": "AF1810", "description": "The well is dry",
                                      "raisedOn": "2026-05-01", "calendar": "gregorian", "authority": "District governor"], status: .created)

            let open = try await api.call(.get, "/api/v1/service-issues?open=true&district=AF1801&service=civil_documentation",
                                          documentedAs: "/api/v1/service-issues", headers: other.api, status: .ok)
            #expect((open["issues"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            try await api.call(.get, "/api/v1/service-issues?service=teleportation", documentedAs: "/api/v1/service-issues", headers: other.api,
                               status: .unprocessableContent)
            try await api.call(.get, "/api/v1/service-issues/\(id)", documentedAs: "/api/v1/service-issues/{id}", headers: partner.api, status: .forbidden)
            try await api.call(.patch, "/api/v1/service-issues/\(id)", documentedAs: "/api/v1/service-issues/{id}", headers: other.api,
                               json: ["status": "resolved"], status: .forbidden)

            let meeting = Meeting(kind: .advocacyMeeting, organisationID: raiser.user.organisationID, authorID: raiser.user.id,
                                  title: "Meeting with the registration office", day: CalendarDay(iso: "2026-05-20")!)
            try await session.store.meetings.create(meeting, actor: "test")
            try await api.call(.patch, "/api/v1/service-issues/\(id)", documentedAs: "/api/v1/service-issues/{id}", headers: raiser.api,
                               json: ["followUpOn": "2026-05-20", "calendar": "gregorian", "followUpMeetingId": UUIDv7.make().uuidString,
                                      "status": "shelved"], status: .unprocessableContent)
            let issueID = try #require(UUID(uuidString: id))
            let unchanged = try #require(try await session.store.serviceIssues.find(id: issueID))
            #expect(unchanged.followUps.isEmpty && unchanged.status == .raised, "a refused change changes nothing")
            let followed = try await api.call(.patch, "/api/v1/service-issues/\(id)", documentedAs: "/api/v1/service-issues/{id}", headers: raiser.api,
                                              json: ["followUpOn": "2026-05-20", "calendar": "gregorian", "followUpMeetingId": meeting.id.text,
                                                     "followUpNote": "The director promised a women's desk", "status": "in_discussion"],
                                              status: .ok)
            #expect((followed["followUps"] as? [[String: Any]])?.first?["meetingId"] as? String == meeting.id.text)
            let resolved = try await api.call(.patch, "/api/v1/service-issues/\(id)", documentedAs: "/api/v1/service-issues/{id}", headers: session.api,
                                              json: ["status": "resolved", "outcome": "A women's desk opened on 1 Saratan"], status: .ok)
            #expect(resolved["status"] as? String == "resolved" && (resolved["followUps"] as? [[String: Any]])?.count == 1)
            let stillOpen = try await api.call(.get, "/api/v1/service-issues?open=true", documentedAs: "/api/v1/service-issues", headers: raiser.api,
                                               status: .ok)
            #expect((stillOpen["issues"] as? [[String: Any]])?.map { $0["service"] as? String } == ["water"])
            let disk = try await session.store.rawText(of: "service_issues").joined(separator: " ")
            for secret in ["tazkira", "women's desk", "well is dry"] { #expect(!disk.contains(secret), "\(secret) is sealed") }
        }
    }

    @Test("Pages in every language: raised on the form, followed up and closed on its page; open issues grouped by district and service",
          arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let me = try await session.signIn(as: .documenter)
            let refused = try await client.post("/service-issues", session: me.pages, csrf: me.csrf, fields: [
                "service": "health", "community": "Taloqan", "district": "", "description": "", "authority": "",
            ])
            #expect(refused.status == .unprocessableContent)
            let saved = try await client.post("/service-issues", session: me.pages, csrf: me.csrf, fields: [
                "service": "health", "community": "ناحیه سوم تالقان", "district": "AF1801", "description": "کلینیک بدون داکتر زن",
                "raisedOn": "۱۴۰۵-۰۳-۰۱", "calendar": "solar-hijri", "authority": "ریاست صحت عامه",
            ])
            #expect(saved.status == .found)
            let path = try #require(saved.headers[.location])
            for locale in AppLocale.allCases {
                try await client.execute(uri: "/service-issues?lang=\(locale.tag)", method: .get, headers: me.pages) { response async throws in
                    #expect(response.status == .ok && response.body.text.contains("dir=\"\(locale.direction)\""))
                    #expect(response.body.text.contains("ناحیه سوم تالقان"))
                    #expect(response.body.readableBytes < 30_000)
                }
                try await client.execute(uri: "\(path)?lang=\(locale.tag)", method: .get, headers: me.pages) { response async throws in
                    #expect(response.status == .ok && response.body.text.contains("کلینیک بدون داکتر زن"))
                }
            }
            let closed = try await client.post(path, session: me.pages, csrf: me.csrf, fields: [
                "status": "resolved", "outcome": "یک داکتر زن مقرر شد", "followUpOn": "1405-03-20", "calendar": "solar-hijri",
                "followUpNote": "دیدار با رئیس صحت",
            ])
            #expect(closed.status == .found)
            try await client.execute(uri: "/service-issues", method: .get, headers: me.pages) { response async throws in
                #expect(!response.body.text.contains("ناحیه سوم تالقان"), "closed issues leave the open list")
            }
            try await client.execute(uri: "/service-issues?open=false", method: .get, headers: me.pages) { response async throws in
                #expect(response.body.text.contains("ناحیه سوم تالقان"))
            }
            let stored = try #require(try await session.store.serviceIssues.list().first)
            #expect(stored.status == .resolved && stored.followUps.map(\.note) == ["دیدار با رئیس صحت"])
        }
    }
}
