import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Protection: colleagues, one's own arrangement, threats tied to places and events")
struct ColleagueTests {
    @Test("A colleague of the same organisation raises an alert or reports a threat; others are answered alike and nothing happens",
          arguments: TestDatabase.all)
    func colleagues(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let (profile, defender) = try await ProtectionTests.defender(in: session)
            let colleague = try await session.signIn(as: .documenter)
            let stranger = try await session.signIn(as: .documenter, organisation: 1)
            let before = try await session.store.outbox.counts().values.reduce(0, +)
            try await api.call(.post, "/api/v1/colleagues/report", documentedAs: "/api/v1/colleagues/report", headers: stranger.api,
                               json: ["login": defender.user.login, "action": "alert"], status: .accepted)
            try await api.call(.post, "/api/v1/colleagues/report", documentedAs: "/api/v1/colleagues/report", headers: colleague.api,
                               json: ["login": "nobody.here", "action": "alert"], status: .accepted)
            #expect(try await session.store.outbox.counts().values.reduce(0, +) == before, "nothing for a stranger or an unknown login")
            #expect(try await session.store.protection.cases(of: profile.id).isEmpty)
            try await api.call(.post, "/api/v1/colleagues/report", documentedAs: "/api/v1/colleagues/report", headers: colleague.api,
                               json: ["login": defender.user.login, "action": "alert"], status: .accepted)
            #expect(try await session.store.outbox.counts().values.reduce(0, +) == before + 2, "her brother, by e-mail and by phone")
            #expect(try await session.store.protection.cases(of: profile.id).map(\.origin) == [.alert])
            try await api.call(.post, "/api/v1/colleagues/report", documentedAs: "/api/v1/colleagues/report", headers: colleague.api,
                               json: ["login": defender.user.login, "action": "threat"], status: .unprocessableContent)
            let page = try await client.post("/checkin/colleague", session: colleague.pages, csrf: colleague.csrf,
                                             fields: ["login": defender.user.login, "kind": "surveillance", "description": "Men ask about her"])
            #expect(page.status == .ok)
            #expect(page.body.text.contains("Received."))
            #expect(try await session.store.protection.threats(of: profile.id).map(\.kind) == [.surveillance])
        }
    }

    @Test("A defender sets their own arrangement; officers tie threats to places and documented events", arguments: TestDatabase.all)
    func ownPlanAndThreatLinks(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let (profile, defender) = try await ProtectionTests.defender(in: session)
            try await api.call(.put, "/api/v1/checkin/plan", documentedAs: "/api/v1/checkin/plan", headers: defender.api,
                               json: ["intervalSeconds": 0, "graceSeconds": 0], status: .unprocessableContent)
            let set = try await api.call(.put, "/api/v1/checkin/plan", documentedAs: "/api/v1/checkin/plan", headers: defender.api,
                                         json: ["intervalSeconds": 43200, "graceSeconds": 1800], status: .ok)
            #expect(set["intervalSeconds"] as? Int == 43200)
            #expect(try await client.post("/checkin/plan", session: defender.pages, csrf: defender.csrf,
                                          fields: ["interval_hours": "x", "grace_minutes": "10"]).status == .unprocessableContent)
            #expect(try await client.post("/checkin/plan", session: defender.pages, csrf: defender.csrf,
                                          fields: ["interval_hours": "۶", "grace_minutes": "30"]).status == .ok)
            #expect(try await session.store.defenders.plan(for: profile.id)?.interval == .seconds(6 * 3600))

            let officer = try await session.signIn(as: .protectionOfficer)
            let author = try await session.signIn(as: .documenter)
            let event = try await session.store.events.create(
                SampleEvents.detention(organisationID: author.user.organisationID, authorID: author.user.id, status: .submitted), actor: author.user.id)
            let path = "/api/v1/defenders/\(profile.id.uuidString.lowercased())/threats"
            try await api.call(.post, path, documentedAs: "/api/v1/defenders/{id}/threats", headers: officer.api,
                               json: ["kind": "raid", "provincePcode": "AF18", "districtPcode": "AF1701"], status: .unprocessableContent)
            try await api.call(.post, path, documentedAs: "/api/v1/defenders/{id}/threats", headers: officer.api,
                               json: ["kind": "raid", "eventReference": "TAK-1405-9999"], status: .unprocessableContent)
            try await api.call(.post, path, documentedAs: "/api/v1/defenders/{id}/threats", headers: officer.api,
                               json: ["kind": "raid", "provincePcode": "af18", "districtPcode": "AF1801", "eventReference": event.reference],
                               status: .created)
            let threat = try #require(try await session.store.protection.threats(of: profile.id).first)
            #expect(threat.districtPcode == "AF1801")
            #expect(threat.eventID == event.id)
        }
    }
}
