import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Events: CSV import and export, evidence through the API")
struct EventTransferTests {
    /// A file of `rows` acts over the four north-eastern provinces; returns it with the events per province.
    static func bigFile(rows: Int) -> (csv: String, perProvince: [String: Int]) {
        let provinces = ["AF18", "AF19", "AF09", "AF17"]
        let types = ["killing", "injury", "threat", "arbitrary_detention", "attack_on_school"]
        var csv = "event_key,title,description,date,calendar,province,act_type,victims_women,victims_men,perpetrator_type,source_consent\r\n"
        var perProvince: [String: Int] = [:]
        var row = 0
        var event = 0
        while row < rows {
            let province = provinces[event % provinces.count]
            let acts = min(1 + event % 3, rows - row)
            perProvince[province, default: 0] += 1
            for act in 0..<acts {
                csv += "e\(event),Event \(event) in \(province),\"Narrative \(event), with a comma\",1404-\(String(format: "%02d", event % 12 + 1)),solar-hijri,"
                csv += "\(province),\(types[(event + act) % types.count]),\(event % 4),1,non_state_armed_group,internal\r\n"
                row += 1
            }
            event += 1
        }
        return (csv, perProvince)
    }

    @Test("A 10,000-row import finishes, and the count per province through the API equals the file's", arguments: TestDatabase.all)
    func bigImport(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let file = Self.bigFile(rows: 10_000)
            let report = try await api.call(.post, "/api/v1/events/import", documentedAs: "/api/v1/events/import", headers: session.api,
                                            body: ByteBuffer(string: file.csv), contentType: "text/csv", status: .created)
            #expect(report["rows"] as? Int == 10_000)
            #expect(report["committed"] as? Bool == true)
            let counts = try await api.call(.get, "/api/v1/events/counts?by=province", documentedAs: "/api/v1/events/counts",
                                            headers: session.api, status: .ok)
            let byProvince = Dictionary(uniqueKeysWithValues: (counts["counts"] as? [[String: Any]] ?? []).map { ($0["key"] as! String, $0["count"] as! Int) })
            #expect(byProvince == file.perProvince)
            #expect(counts["total"] as? Int == file.perProvince.values.reduce(0, +))
        }
    }

    @Test("A dry run changes nothing; a file with errors is refused whole, its lines named in the reader's language", arguments: TestDatabase.all)
    func importErrors(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let good = Self.bigFile(rows: 5).csv
            let dry = try await api.call(.post, "/api/v1/events/import?dryRun=true", documentedAs: "/api/v1/events/import", headers: session.api,
                                         body: ByteBuffer(string: good), contentType: "text/csv", status: .ok)
            #expect(dry["committed"] as? Bool == false)
            #expect(dry["events"] as? Int == 3)
            let bad = good + "e99,,x,1404-01,solar-hijri,AF18,killing,0,1,aliens,internal\r\n"
            let refused = try await api.call(.post, "/api/v1/events/import?lang=fa-AF", documentedAs: "/api/v1/events/import", headers: session.api,
                                             body: ByteBuffer(string: bad), contentType: "text/csv", status: .unprocessableContent)
            let errors = try #require(refused["errors"] as? [[String: Any]])
            #expect(Set(errors.map { "\($0["line"] ?? ""):\($0["column"] ?? "")" }) == ["7:title", "7:perpetrator_type"])
            #expect(errors.contains { ($0["message"] as? String)?.contains("عنوان") == true }, "messages in the reader's language")
            let mapped = try await api.call(.post, "/api/v1/events/import", documentedAs: "/api/v1/events/import", headers: session.api,
                                            json: ["csv": "Incident,Violation\nA,Murder\n", "dryRun": true,
                                                   "mapping": ["columns": ["title": "Incident", "act_type": "Violation"],
                                                               "values": ["act_type": ["Murder": "killing"]]]], status: .ok)
            #expect(mapped["events"] as? Int == 1)
            let coordinator = try #require(try await session.store.users.find(login: session.coordinatorLogin))
            #expect(try await session.store.events.search(EventQuery(), visibility: EventVisibility(AccessPolicy.Subject(coordinator))).total == 0)
            let analyst = try await session.signIn(as: .analyst)
            try await api.call(.post, "/api/v1/events/import", documentedAs: "/api/v1/events/import", headers: analyst.api,
                               body: ByteBuffer(string: good), contentType: "text/csv", status: .forbidden)
        }
    }

    @Test("Export: what the reader may see, names only on request and right, every export audited", arguments: TestDatabase.all)
    func export(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let created = try await api.call(.post, "/api/v1/events", documentedAs: "/api/v1/events", headers: session.api,
                                             json: EventAPI.detention, status: .created)
            let id = try #require((created["event"] as? [String: Any])?["id"] as? String)
            try await api.call(.post, "/api/v1/events/\(id)/status", documentedAs: "/api/v1/events/{id}/status", headers: session.api,
                               json: ["status": "submitted"], status: .ok)
            let plain = try await api.call(.get, "/api/v1/events/export", documentedAs: "/api/v1/events/export", headers: session.api, status: .ok)
            let people = ((plain["events"] as? [[String: Any]])?.first?["people"] as? [[String: Any]]) ?? []
            #expect(people.count == 1 && (people[0]["name"] == nil || people[0]["name"] is NSNull))
            #expect(try await session.store.audit.recent(limit: 1).first?.action == AuditAction.eventsExported.rawValue)
            try await client.execute(uri: "/api/v1/events/export?format=csv&identities=true", method: .get, headers: session.api) { response async throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.body.text.contains(SampleEvents.victimName))
            }
            try await client.execute(uri: "/api/v1/events/export?format=hxl", method: .get, headers: session.api) { response async throws in
                let lines = response.body.text.components(separatedBy: "\r\n")
                #expect(response.status == .ok && response.headers[.contentDisposition]?.hasSuffix(".hxl.csv\"") == true)
                #expect(lines.count > 2 && lines[1].hasPrefix("#event+id,#event+code,") && lines[1].contains("#adm1+code"))
                #expect(lines.contains { $0.contains("TAK-1405-0001") } && !response.body.text.contains(SampleEvents.victimName))
            }
            try await client.execute(uri: "/events/export.hxl.csv", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok && response.body.text.contains("#affected+killed"))
            }
            let unknown = try await api.call(.get, "/api/v1/events/export?format=xlsx", documentedAs: "/api/v1/events/export", headers: session.api,
                                             status: .unprocessableContent)
            #expect((unknown["error"] as? [String: Any])?["code"] as? String == "invalid_query")
            let analyst = try await session.signIn(as: .analyst)
            try await api.call(.get, "/api/v1/events/export?identities=true", documentedAs: "/api/v1/events/export", headers: analyst.api,
                               status: .forbidden)
            let defender = try await session.signIn(as: .defender)
            try await api.call(.get, "/api/v1/events/export?format=hxl", documentedAs: "/api/v1/events/export", headers: defender.api, status: .forbidden)
            try await client.execute(uri: "/api/v1/events/export?format=csv", method: .get, headers: analyst.api) { response async throws in
                #expect(response.status == .ok)
                #expect(!response.body.text.contains(SampleEvents.victimName))
                #expect(response.body.text.contains("TAK-1405-0001"))
            }
        }
    }

    @Test("Evidence through the API: streamed upload, SHA-256, download recorded in custody; who may not", arguments: TestDatabase.all)
    func evidence(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let created = try await api.call(.post, "/api/v1/events", documentedAs: "/api/v1/events", headers: session.api,
                                             json: EventAPI.event(["confidentiality": "public"]), status: .created)
            let id = try #require((created["event"] as? [String: Any])?["id"] as? String)
            let photo = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            let uploaded = try await api.call(.post, "/api/v1/events/\(id)/evidence?filename=scene.jpg", documentedAs: "/api/v1/events/{id}/evidence",
                                              headers: session.api, body: ByteBuffer(bytes: photo), contentType: "image/jpeg", status: .created)
            let sha = try SHA256Sum.of(photo)
            #expect(uploaded["sha256"] as? String == sha)
            let evidenceID = try #require(uploaded["id"] as? String)
            try await client.execute(uri: "/api/v1/evidence/\(evidenceID)/content", method: .get, headers: session.api) { response async throws in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == photo)
            }
            let details = try await api.call(.get, "/api/v1/evidence/\(evidenceID)", documentedAs: "/api/v1/evidence/{id}", headers: session.api, status: .ok)
            #expect((details["custody"] as? [[String: Any]])?.map { $0["action"] as? String } == ["uploaded", "downloaded"])
            let partner = try await session.signIn(as: .partner)
            try await api.call(.post, "/api/v1/events/\(id)/status", documentedAs: "/api/v1/events/{id}/status", headers: session.api,
                               json: ["status": "submitted"], status: .ok)
            let listed = try await api.call(.get, "/api/v1/events/\(id)/evidence", documentedAs: "/api/v1/events/{id}/evidence", headers: partner.api,
                                            status: .ok)
            #expect((listed["evidence"] as? [[String: Any]])?.first?["filename"] is NSNull
                    || (listed["evidence"] as? [[String: Any]])?.first?["filename"] == nil)
            try await api.call(.get, "/api/v1/evidence/\(evidenceID)/content", documentedAs: "/api/v1/evidence/{id}/content", headers: partner.api,
                               status: .forbidden)
            try await api.call(.post, "/api/v1/events/\(id)/evidence", documentedAs: "/api/v1/events/{id}/evidence", headers: partner.api,
                               body: ByteBuffer(bytes: photo), contentType: "image/jpeg", status: .forbidden)
        }
    }
}

