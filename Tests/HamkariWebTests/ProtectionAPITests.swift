import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Protection API: profiles, threats, risk assessments, cases")
struct ProtectionAPITests {
    static func issueFields(_ body: [String: Any]) -> [String] {
        ((body["error"] as? [String: Any])?["issues"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
    }

    @Test("An officer keeps a profile up to date; bad edits are refused by field and change nothing", arguments: TestDatabase.all)
    func profiles(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let officer = try await session.signIn(as: .protectionOfficer)
            let documenter = try await session.signIn(as: .documenter)
            let organisation = try await session.store.organisations.all()[0].id.text
            let created = try await api.call(.post, "/api/v1/defenders", documentedAs: "/api/v1/defenders", headers: officer.api, json: [
                "name": "Farzana Noori", "knownAs": "Khala Gul", "areasOfWork": ["womens_rights"], "districtPcodes": ["af1801"],
                "organisationIds": [organisation],
                "trustedContacts": [["name": "Her brother", "email": "brother@example.org", "phone": ""]],
            ], status: .created)
            let id = try #require(created["id"] as? String)
            #expect(created["districtPcodes"] as? [String] == ["AF1801"])
            try await api.call(.post, "/api/v1/defenders", documentedAs: "/api/v1/defenders", headers: officer.api,
                               json: ["knownAs": "nobody"], status: .unprocessableContent)
            let path = "/api/v1/defenders/\(id)"

            let changed = try await api.call(.patch, path, documentedAs: "/api/v1/defenders/{id}", headers: officer.api, json: [
                "whereabouts": "With relatives in Kunduz", "areasOfWork": ["womens_rights", "legal_aid"], "districtPcodes": ["AF1801", "AF1702"],
            ], status: .ok)
            #expect(changed["name"] as? String == "Farzana Noori", "a field left out stays")
            #expect(changed["whereabouts"] as? String == "With relatives in Kunduz")
            #expect(changed["areasOfWork"] as? [String] == ["womens_rights", "legal_aid"])
            #expect((changed["trustedContacts"] as? [[String: Any]])?.count == 1)

            let refused = try await api.call(.patch, path, documentedAs: "/api/v1/defenders/{id}", headers: officer.api, json: [
                "name": "Changed", "districtPcodes": ["AF9999"], "areasOfWork": ["astrology"], "organisationIds": [UUIDv7.make().text],
                "trustedContacts": [["name": "", "email": "", "phone": ""]],
            ], status: .unprocessableContent)
            #expect(Set(Self.issueFields(refused)) == ["districtPcodes", "areasOfWork", "organisationIds", "trustedContacts"])
            try await api.call(.patch, path, documentedAs: "/api/v1/defenders/{id}", headers: officer.api, json: ["name": "  "],
                               status: .unprocessableContent)
            try await api.call(.patch, path, documentedAs: "/api/v1/defenders/{id}", headers: officer.api, json: ["login": "no.such.person"],
                               status: .unprocessableContent)
            let stored = try await api.call(.get, path, documentedAs: "/api/v1/defenders/{id}", headers: officer.api, status: .ok)
            #expect(stored["name"] as? String == "Farzana Noori", "nothing of a refused edit was kept")
            #expect(stored["districtPcodes"] as? [String] == ["AF1801", "AF1702"])
            #expect((stored["checkIn"] as? [String: Any])?["hasPlan"] as? Bool == false)

            // One profile per account.
            let defenderAccount = try await session.signIn(as: .defender)
            try await api.call(.patch, path, documentedAs: "/api/v1/defenders/{id}", headers: officer.api,
                               json: ["login": defenderAccount.user.login], status: .ok)
            let second = try await api.call(.post, "/api/v1/defenders", documentedAs: "/api/v1/defenders", headers: officer.api,
                                            json: ["name": "Someone else", "login": defenderAccount.user.login], status: .unprocessableContent)
            #expect(Self.issueFields(second) == ["login"])

            for headers in [documenter.api, defenderAccount.api] {
                try await api.call(.get, path, documentedAs: "/api/v1/defenders/{id}", headers: headers, status: .forbidden)
                try await api.call(.patch, path, documentedAs: "/api/v1/defenders/{id}", headers: headers, json: ["name": "x"], status: .forbidden)
            }
            try await api.call(.get, "/api/v1/defenders/\(UUIDv7.make())", documentedAs: "/api/v1/defenders/{id}", headers: officer.api,
                               status: .notFound)
            try await api.call(.get, "/api/v1/defenders/not-an-id", documentedAs: "/api/v1/defenders/{id}", headers: officer.api, status: .badRequest)
            let defenderID = try #require(UUID(uuidString: id))
            let profile = try #require(try await session.store.defenders.find(id: defenderID, viewer: "test"))
            #expect(profile.identity.whereabouts == "With relatives in Kunduz")
            #expect(profile.accountID == defenderAccount.user.id)
        }
    }

    @Test("Threats, risk assessments and a case's measures through the API, with each refusal", arguments: TestDatabase.all)
    func casework(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let officer = try await session.signIn(as: .protectionOfficer)
            let documenter = try await session.signIn(as: .documenter)
            let created = try await api.call(.post, "/api/v1/defenders", documentedAs: "/api/v1/defenders", headers: officer.api,
                                             json: ["name": "Farzana Noori"], status: .created)
            let id = try #require(created["id"] as? String)
            let path = "/api/v1/defenders/\(id)"

            let threat = try await api.call(.post, "\(path)/threats", documentedAs: "/api/v1/defenders/{id}/threats", headers: officer.api,
                                            json: ["kind": "surveillance", "date": "1405-03", "provincePcode": "AF18"], status: .created)
            let threats = try await api.call(.get, "\(path)/threats", documentedAs: "/api/v1/defenders/{id}/threats", headers: officer.api, status: .ok)
            #expect((threats["threats"] as? [[String: Any]])?.first?["date"] as? String == "1405-03")
            #expect((threats["threats"] as? [[String: Any]])?.first?["id"] as? String == threat["id"] as? String)

            let assessments = "/api/v1/defenders/{id}/assessments"
            try await api.call(.post, "\(path)/assessments", documentedAs: assessments, headers: officer.api,
                               json: ["level": "high", "reviewInDays": 0], status: .unprocessableContent)
            try await api.call(.post, "\(path)/assessments", documentedAs: assessments, headers: officer.api,
                               json: ["level": "extreme", "reviewInDays": 30], status: .unprocessableContent)
            try await api.call(.post, "\(path)/assessments", documentedAs: assessments, headers: officer.api,
                               json: ["level": "high"], status: .unprocessableContent)
            try await api.call(.post, "\(path)/assessments", documentedAs: assessments, headers: officer.api, json: [
                "level": "critical", "reviewInDays": 14, "threats": ["Followed home"], "vulnerabilities": ["Lives alone"],
                "capacities": ["Neighbours"], "reasoning": "Surveillance precedes abductions here",
            ], status: .created)
            let listed = try await api.call(.get, "\(path)/assessments", documentedAs: assessments, headers: officer.api, status: .ok)
            let latest = try #require((listed["assessments"] as? [[String: Any]])?.first)
            #expect((listed["assessments"] as? [[String: Any]])?.count == 1, "refused assessments were not kept")
            #expect(latest["level"] as? String == "critical")
            #expect(latest["reviewDue"] as? Bool == false)

            try await api.call(.post, "\(path)/cases", documentedAs: "/api/v1/defenders/{id}/cases", headers: officer.api,
                               json: ["threatId": UUIDv7.make().text], status: .unprocessableContent)
            let opened = try await api.call(.post, "\(path)/cases", documentedAs: "/api/v1/defenders/{id}/cases", headers: officer.api,
                                            json: ["threatId": threat["id"] as? String ?? ""], status: .created)
            #expect(opened["origin"] as? String == "threat")
            let caseID = try #require(opened["id"] as? String)
            let casePath = "/api/v1/cases/\(caseID)"
            try await api.call(.post, "\(casePath)/measures", documentedAs: "/api/v1/cases/{id}/measures", headers: officer.api,
                               json: ["kind": "relocation", "followUpInDays": 400], status: .unprocessableContent)
            try await api.call(.post, "\(casePath)/measures", documentedAs: "/api/v1/cases/{id}/measures", headers: officer.api,
                               json: ["kind": "teleportation"], status: .unprocessableContent)
            let withMeasure = try await api.call(.post, "\(casePath)/measures", documentedAs: "/api/v1/cases/{id}/measures", headers: officer.api,
                                                 json: ["kind": "legal_aid", "followUpInDays": 7, "notes": "Lawyer from the bar association"],
                                                 status: .created)
            let measure = try #require((withMeasure["measures"] as? [[String: Any]])?.first)
            #expect(measure["notes"] as? String == "Lawyer from the bar association")
            let measureID = try #require(measure["id"] as? String)
            let measurePath = "/api/v1/cases/{id}/measures/{measure}"
            try await api.call(.patch, "\(casePath)/measures/\(UUIDv7.make())", documentedAs: measurePath, headers: officer.api,
                               json: ["status": "done"], status: .notFound)
            try await api.call(.patch, "\(casePath)/measures/\(measureID)", documentedAs: measurePath, headers: officer.api,
                               json: ["status": "finished"], status: .unprocessableContent)
            let updated = try await api.call(.patch, "\(casePath)/measures/\(measureID)", documentedAs: measurePath, headers: officer.api,
                                             json: ["status": "under_way", "followUpInDays": 3], status: .ok)
            #expect((updated["measures"] as? [[String: Any]])?.first?["status"] as? String == "under_way")

            for headers in [documenter.api] {
                try await api.call(.get, casePath, documentedAs: "/api/v1/cases/{id}", headers: headers, status: .forbidden)
                try await api.call(.post, "\(casePath)/close", documentedAs: "/api/v1/cases/{id}/close", headers: headers, status: .forbidden)
                try await api.call(.get, "\(path)/assessments", documentedAs: assessments, headers: headers, status: .forbidden)
                try await api.call(.get, "\(path)/threats", documentedAs: "/api/v1/defenders/{id}/threats", headers: headers, status: .forbidden)
            }

            let closed = try await api.call(.post, "\(casePath)/close", documentedAs: "/api/v1/cases/{id}/close", headers: officer.api, status: .ok)
            #expect(closed["status"] as? String == "closed")
            let entries = (closed["timeline"] as? [[String: Any]])?.compactMap { $0["entry"] as? String }
            #expect(entries == ["opened:threat", "measure:legal_aid:planned", "measure:legal_aid:under_way", "closed"])
            try await api.call(.post, "\(casePath)/measures", documentedAs: "/api/v1/cases/{id}/measures", headers: officer.api,
                               json: ["kind": "advocacy"], status: .conflict)
            try await api.call(.post, "\(casePath)/close", documentedAs: "/api/v1/cases/{id}/close", headers: officer.api, status: .conflict)
            let fetched = try await api.call(.get, casePath, documentedAs: "/api/v1/cases/{id}", headers: officer.api, status: .ok)
            #expect((fetched["measures"] as? [[String: Any]])?.count == 1, "a refused measure was not kept")
            try await api.call(.get, "/api/v1/cases/\(UUIDv7.make())", documentedAs: "/api/v1/cases/{id}", headers: officer.api, status: .notFound)
            let officerCase = try await api.call(.post, "\(path)/cases", documentedAs: "/api/v1/defenders/{id}/cases", headers: officer.api,
                                                 json: [String: String](), status: .created)
            #expect(officerCase["origin"] as? String == "officer")
        }
    }

    @Test("The profile page edits a profile and removes a trusted contact; a bad district is shown and nothing changes",
          arguments: TestDatabase.all)
    func editingPage(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let officer = try await session.signIn(as: .protectionOfficer)
            let documenter = try await session.signIn(as: .documenter)
            let profile = DefenderProfile(identity: DefenderIdentity(name: "Farzana Noori", whereabouts: "Taloqan"),
                                          trustedContacts: [TrustedContact(name: "Her brother", phone: "+93 700 555 000"),
                                                            TrustedContact(name: "Her aunt", email: "aunt@example.org")])
            try await session.store.defenders.create(profile, actor: "test")
            let path = "/protection/defenders/\(profile.id.text)"
            let form = ["name": "Farzana Noori", "known_as": "Khala Gul", "whereabouts": "Kunduz", "districts": "AF1801، AF1702",
                        "area_children": "on"]
            let bad = try await client.post(path, session: officer.pages, csrf: officer.csrf, fields: form.merging(["districts": "AF18"]) { $1 })
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.text.contains("district P-codes"))
            #expect(try await session.store.defenders.find(id: profile.id, viewer: "test")?.identity.whereabouts == "Taloqan")
            #expect(try await client.post(path, session: documenter.pages, csrf: documenter.csrf, fields: form).status == .forbidden)

            #expect(try await client.post(path, session: officer.pages, csrf: officer.csrf, fields: form).status == .found)
            #expect(try await client.post("\(path)/contacts/0/remove", session: officer.pages, csrf: officer.csrf).status == .found)
            #expect(try await client.post("\(path)/contacts/5/remove", session: officer.pages, csrf: officer.csrf).status == .notFound)
            let stored = try #require(try await session.store.defenders.find(id: profile.id, viewer: "test"))
            #expect(stored.identity.knownAs == "Khala Gul")
            #expect(stored.identity.whereabouts == "Kunduz")
            #expect(stored.districtPcodes == ["AF1801", "AF1702"])
            #expect(stored.areasOfWork == [.children])
            #expect(stored.trustedContacts.map(\.name) == ["Her aunt"])
            try await client.execute(uri: "\(path)?lang=fa-AF", method: .get, headers: officer.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("ویرایش مشخصات"))
                #expect(response.body.text.contains("value=\"Khala Gul\""))
            }
        }
    }
}
