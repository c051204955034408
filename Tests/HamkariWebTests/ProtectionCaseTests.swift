import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Protection: threats, risk assessments, cases")
struct ProtectionCaseTests {
    @Test("Threats are reported, risks assessed with a review date, cases opened with measures whose overdue follow-ups are flagged",
          arguments: TestDatabase.all)
    func casework(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let officer = try await session.signIn(as: .protectionOfficer)
            let documenter = try await session.signIn(as: .documenter)
            let created = try await api.call(.post, "/api/v1/defenders", documentedAs: "/api/v1/defenders", headers: officer.api,
                                             json: ["name": "Farzana Noori", "knownAs": "Khala Gul"], status: .created)
            let id = try #require(created["id"] as? String)
            let defender = try #require(UUID(uuidString: id))
            let path = "/protection/defenders/\(id)"

            try await api.call(.post, "/api/v1/defenders/\(id)/threats", documentedAs: "/api/v1/defenders/{id}/threats", headers: officer.api,
                               json: ["kind": "threat_by_phone", "date": "1405-03-12", "perpetratorType": "aliens"], status: .unprocessableContent)
            try await api.call(.post, "/api/v1/defenders/\(id)/threats", documentedAs: "/api/v1/defenders/{id}/threats", headers: officer.api,
                               json: ["kind": "threat_by_phone", "date": "1405-03-12", "perpetratorType": "de_facto_authorities",
                                      "description": "Called three times at night"], status: .created)
            try await api.call(.post, "/api/v1/defenders/\(id)/threats", documentedAs: "/api/v1/defenders/{id}/threats", headers: documenter.api,
                               json: ["kind": "raid"], status: .forbidden)
            #expect(try await client.post("\(path)/threats", session: officer.pages, csrf: officer.csrf,
                                          fields: ["kind": "surveillance", "perpetrator_type": "unknown"]).status == .found)
            let threats = try await session.store.protection.threats(of: defender)
            #expect(threats.map(\.kind) == [.surveillance, .threatByPhone])
            #expect(threats[1].date?.firstISO == "2026-06-02")

            #expect(try await client.post("\(path)/assessments", session: officer.pages, csrf: officer.csrf,
                                          fields: ["level": "high", "review_days": "0"]).status == .unprocessableContent)
            #expect(try await client.post("\(path)/assessments", session: officer.pages, csrf: officer.csrf, fields: [
                "level": "high", "review_days": "30", "threats": "Phone threats\nCar seen outside the office",
                "vulnerabilities": "Lives alone", "capacities": "Trusted neighbours", "reasoning": "Threats escalate",
            ]).status == .found)
            let assessment = try #require(try await session.store.protection.assessments(of: defender).first)
            #expect(assessment.level == .high)
            #expect(assessment.findings.threats == ["Phone threats", "Car seen outside the office"])
            #expect(try await session.store.protection.reviewsDue(at: Date()).isEmpty)
            #expect(try await session.store.protection.reviewsDue(at: Date().addingTimeInterval(31 * 86400)) == [defender])

            let opened = try await client.post("\(path)/cases", session: officer.pages, csrf: officer.csrf,
                                               fields: ["threat": threats[1].id.uuidString.lowercased()])
            #expect(opened.status == .found)
            let casePath = opened.headers[.location] ?? ""
            #expect(casePath.hasPrefix("/protection/cases/"))
            #expect(try await client.post("\(casePath)/measures", session: officer.pages, csrf: officer.csrf,
                                          fields: ["kind": "relocation", "follow_up_days": "0", "notes": "Stays with relatives in Kunduz"]).status == .found)
            try await Task.sleep(for: .milliseconds(1100))
            let cases = try await api.call(.get, "/api/v1/defenders/\(id)/cases", documentedAs: "/api/v1/defenders/{id}/cases", headers: officer.api,
                                           status: .ok)
            let measures = ((cases["cases"] as? [[String: Any]])?.first?["measures"] as? [[String: Any]]) ?? []
            #expect(measures.first?["overdue"] as? Bool == true)
            try await client.execute(uri: "/protection", method: .get, headers: officer.pages) { response async throws in
                #expect(response.body.text.contains("follow-up overdue"))
            }
            let measureID = try #require(measures.first?["id"] as? String)
            #expect(try await client.post("\(casePath)/measures/\(measureID)", session: officer.pages, csrf: officer.csrf,
                                          fields: ["status": "done"]).status == .found)
            #expect(try await session.store.protection.overdueCases().isEmpty)
            #expect(try await client.post("\(casePath)/close", session: officer.pages, csrf: officer.csrf).status == .found)
            try await client.execute(uri: "\(casePath)?lang=fa-AF", method: .get, headers: officer.pages) { response async throws in
                let html = response.body.text
                #expect(response.status == .ok)
                #expect(html.contains("انتقال موقت: انجام شد"))
                #expect(html.contains("بسته"))
                #expect(html.contains("Stays with relatives"))
            }
            try await client.execute(uri: casePath, method: .get, headers: documenter.pages) { response async throws in
                #expect(response.status == .forbidden)
            }
            try await api.call(.get, "/api/v1/defenders/\(id)/cases", documentedAs: "/api/v1/defenders/{id}/cases", headers: documenter.api,
                               status: .forbidden)
            try await api.call(.get, "/api/v1/defenders/\(UUIDv7.make())/cases", documentedAs: "/api/v1/defenders/{id}/cases", headers: officer.api,
                               status: .notFound)

            // An alert opens a case by itself.
            _ = try await session.store.escalations.panic(defender, actor: "test", officers: [])
            let after = try await session.store.protection.cases(of: defender)
            #expect(after.map(\.origin).sorted { $0.rawValue < $1.rawValue } == [.alert, .threat])
            // Nothing of it is in the clear in the store.
            let raw = try await session.store.backend.read { database in
                try await database.raw("SELECT notes_sealed FROM case_measures").all().map { try $0.decode(column: "notes_sealed", as: Data.self) }
            }
            #expect(raw.allSatisfy { $0.range(of: Data("relatives".utf8)) == nil })
        }
    }
}
