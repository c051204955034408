import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Calls to the events API, each checked against the OpenAPI document.
struct EventAPI {
    let client: any TestClientProtocol
    let conformance: OpenAPIConformance

    init(_ client: any TestClientProtocol) throws {
        self.client = client
        conformance = try APITests.conformance()
    }

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, documentedAs path: String, headers: HTTPFields, json: Any? = nil,
        body: ByteBuffer? = nil, contentType: String = "application/json", status: HTTPResponse.Status
    ) async throws -> [String: Any] {
        var headers = headers
        var payload = body
        if let json {
            payload = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        if payload != nil { headers[.contentType] = contentType }
        return try await client.execute(uri: uri, method: method, headers: headers, body: payload) { response async throws in
            #expect(response.status == status, "\(method) \(uri): \(response.body.text.prefix(600))")
            guard response.status != .noContent else { return [:] }
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let schema = try conformance.responseSchema(path: path, status: Int(response.status.code), method: method.rawValue.lowercased())
            let problems = try conformance.violations(of: body, against: schema)
            #expect(problems.isEmpty, "\(method) \(uri): \(problems)")
            return body
        }
    }

    static var detention: [String: Any] { [
        "title": "بازداشت خودسرانه معلم در تالقان",
        "description": "معلم مکتب دخترانه توسط افراد مسلح بازداشت شد.",
        "date": "1405-03-12", "calendar": "solar-hijri", "provincePcode": "AF18", "districtPcode": "AF1801",
        "village": "Guzar-e Naw", "latitude": 36.73612, "longitude": 69.53451,
        "people": [["ref": "v", "roles": ["victim"], "name": SampleEvents.victimName, "sex": "female", "ageGroup": "26-59",
                    "occupation": "teacher", "isHumanRightsDefender": true]],
        "acts": [["type": "arbitrary_detention", "victimPerson": "v", "notes": "سه روز بدون اتهام",
                  "rightsAffected": ["liberty_from_arbitrary_arrest"],
                  "involvements": [["perpetratorType": "de_facto_authorities", "degree": "direct"]]],
                 ["type": "threat", "victimGroup": ["women": 4, "girls": 12]]],
        "sources": [["person": "v", "method": "interview", "reliability": "B", "credibility": 2, "consent": "anonymised"]],
        "interventions": [["kind": "legal_aid", "status": "ongoing", "date": "1405-03-20"]],
    ] }

    static func event(_ changes: [String: Any] = [:]) -> [String: Any] {
        detention.merging(changes) { _, new in new }
    }
}

@Suite("Events API")
struct EventAPITests {
    @Test("Create, read, search, count, update, review, history — as documented", arguments: TestDatabase.all)
    func lifecycle(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let documenter = try await session.signIn(as: .documenter)
            let reviewer = try await session.signIn(as: .reviewer)
            let created = try await api.call(.post, "/api/v1/events", documentedAs: "/api/v1/events", headers: documenter.api,
                                             json: EventAPI.detention, status: .created)
            let event = try #require(created["event"] as? [String: Any])
            let id = try #require(event["id"] as? String)
            #expect(event["reference"] as? String == "TAK-1405-0001")
            #expect(event["status"] as? String == "draft")
            let people = try #require(event["people"] as? [[String: Any]])
            #expect((people[0]["code"] as? String)?.hasPrefix("P-") == true)

            let read = try await api.call(.get, "/api/v1/events/\(id)", documentedAs: "/api/v1/events/{id}", headers: reviewer.api, status: .ok)
            let readPeople = try #require(read["people"] as? [[String: Any]])
            #expect(readPeople[0]["name"] == nil || readPeople[0]["name"] is NSNull, "names are not sent unless asked")
            let named = try await api.call(.get, "/api/v1/events/\(id)?identities=true", documentedAs: "/api/v1/events/{id}",
                                           headers: reviewer.api, status: .ok)
            #expect((named["people"] as? [[String: Any]])?.first?["name"] as? String == SampleEvents.victimName)
            #expect(try await session.store.audit.recent(limit: 1).first?.action == AuditAction.eventIdentityViewed.rawValue)

            let found = try await api.call(.get, "/api/v1/events?q=%D8%A8%D8%A7%D8%B2%D8%AF%D8%A7%D8%B4%D8%AA&province=AF18&actType=threat",
                                           documentedAs: "/api/v1/events", headers: reviewer.api, status: .ok)
            #expect(found["total"] as? Int == 1)
            let counts = try await api.call(.get, "/api/v1/events/counts?by=act_type", documentedAs: "/api/v1/events/counts",
                                            headers: reviewer.api, status: .ok)
            #expect((counts["counts"] as? [[String: Any]])?.count == 2)

            var update = EventAPI.event(["title": "بازداشت معلم", "revision": 1])
            update["people"] = [["ref": people[0]["id"] as! String, "id": people[0]["id"] as! String, "roles": ["victim"], "sex": "female"]]
            update["acts"] = [["type": "arbitrary_detention", "victimPerson": people[0]["id"] as! String]]
            update["sources"] = [[String: Any]]()
            let updated = try await api.call(.put, "/api/v1/events/\(id)", documentedAs: "/api/v1/events/{id}", headers: documenter.api,
                                             json: update, status: .ok)
            #expect((updated["event"] as? [String: Any])?["revision"] as? Int == 2)
            let stale = try await api.call(.put, "/api/v1/events/\(id)", documentedAs: "/api/v1/events/{id}", headers: documenter.api,
                                           json: update, status: .conflict)
            #expect((stale["error"] as? [String: Any])?["code"] as? String == "edit_conflict")
            let kept = try #require(try await session.store.events.findRevealingIdentities(id: UUID(uuidString: id)!, viewer: "t"))
            #expect(kept.people[0].identity?.name == SampleEvents.victimName, "an update without names keeps them")

            try await api.call(.post, "/api/v1/events/\(id)/status", documentedAs: "/api/v1/events/{id}/status", headers: documenter.api,
                               json: ["status": "submitted"], status: .ok)
            try await api.call(.post, "/api/v1/events/\(id)/status", documentedAs: "/api/v1/events/{id}/status", headers: reviewer.api,
                               json: ["status": "under_review"], status: .ok)
            let verified = try await api.call(.post, "/api/v1/events/\(id)/status", documentedAs: "/api/v1/events/{id}/status",
                                              headers: reviewer.api, json: ["status": "verified", "reason": "confirmed"], status: .ok)
            #expect(verified["status"] as? String == "verified")
            let history = try await api.call(.get, "/api/v1/events/\(id)/history", documentedAs: "/api/v1/events/{id}/history",
                                             headers: reviewer.api, status: .ok)
            #expect((history["history"] as? [[String: Any]])?.map { $0["change"] as? String } == ["created", "edited", "status", "status", "status"])
            try await api.call(.put, "/api/v1/events/\(id)", documentedAs: "/api/v1/events/{id}", headers: documenter.api,
                               json: EventAPI.event(["revision": 5]), status: .forbidden)
        }
    }

    @Test("Bad input gets a clear error naming the field, and nothing is stored", arguments: TestDatabase.all)
    func badInput(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            func rejected(_ json: Any?, body: ByteBuffer? = nil, contentType: String = "application/json",
                          status: HTTPResponse.Status = .unprocessableContent) async throws -> [String] {
                let answer = try await api.call(.post, "/api/v1/events?lang=fa-AF", documentedAs: "/api/v1/events", headers: session.api, json: json,
                                                body: body, contentType: contentType, status: status)
                let error = answer["error"] as? [String: Any] ?? [:]
                #expect(!(error["message"] as? String ?? "").isEmpty)
                return (error["issues"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            }
            #expect(try await rejected(EventAPI.event(["title": "  "])) == ["title"])
            #expect(try await rejected(EventAPI.event(["date": "1405-13-40"])) == ["date"])
            #expect(try await rejected(EventAPI.event(["districtPcode": "AF1901"])) == ["district"])
            #expect(try await rejected(EventAPI.event(["acts": [["type": "killin"]]])) == ["acts[0].type", "acts[0].victim"])
            #expect(try await rejected(EventAPI.event(["acts": [["type": "killing", "victimPerson": "nobody"]]])) == ["acts[0].victimPerson"])
            #expect(try await rejected(EventAPI.event(["confidentiality": "secret"])) == ["confidentiality"])
            #expect(try await rejected(["description": "no title"]) == ["title"])
            let syntax = try await rejected(nil, body: ByteBuffer(string: "{\"title\": "))
            #expect(syntax.isEmpty)
            _ = try await rejected(nil, body: ByteBuffer(string: "title=x"), contentType: "application/x-www-form-urlencoded", status: .unsupportedMediaType)
            #expect(try await session.store.events.search(EventQuery(), visibility: EventVisibility(AccessPolicy.Subject(
                try #require(try await session.store.users.find(login: session.coordinatorLogin))))).total == 0)
            try await api.call(.get, "/api/v1/events?status=lost&from=yesterday", documentedAs: "/api/v1/events", headers: session.api,
                               status: .unprocessableContent)
            try await api.call(.get, "/api/v1/events/not-an-id", documentedAs: "/api/v1/events/{id}", headers: session.api, status: .badRequest)
            try await api.call(.get, "/api/v1/events/\(UUIDv7.make())", documentedAs: "/api/v1/events/{id}", headers: session.api, status: .notFound)
        }
    }

    @Test("Policy: other organisations' restricted records, partners, reviewers of their own record, analysts", arguments: TestDatabase.all)
    func policy(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let documenter = try await session.signIn(as: .documenter)
            let outsider = try await session.signIn(as: .documenter, organisation: 1)
            let partner = try await session.signIn(as: .partner)
            let analyst = try await session.signIn(as: .analyst)
            let reviewer = try await session.signIn(as: .reviewer)
            func create(_ changes: [String: Any], as who: HTTPFields) async throws -> String {
                let created = try await api.call(.post, "/api/v1/events", documentedAs: "/api/v1/events", headers: who, json: EventAPI.event(changes),
                                                 status: .created)
                return try #require((created["event"] as? [String: Any])?["id"] as? String)
            }
            let restricted = try await create(["confidentiality": "organisations"], as: documenter.api)
            let public_ = try await create(["confidentiality": "public"], as: documenter.api)
            try await api.call(.get, "/api/v1/events/\(restricted)", documentedAs: "/api/v1/events/{id}", headers: outsider.api, status: .notFound)
            let outsiderList = try await api.call(.get, "/api/v1/events", documentedAs: "/api/v1/events", headers: outsider.api, status: .ok)
            #expect(outsiderList["total"] as? Int == 0, "drafts and restricted records of others are neither listed nor counted")
            for id in [restricted, public_] {
                for step in ["submitted"] {
                    try await api.call(.post, "/api/v1/events/\(id)/status", documentedAs: "/api/v1/events/{id}/status", headers: documenter.api,
                                       json: ["status": step], status: .ok)
                }
            }
            let partnerList = try await api.call(.get, "/api/v1/events", documentedAs: "/api/v1/events", headers: partner.api, status: .ok)
            #expect((partnerList["events"] as? [[String: Any]])?.map { $0["id"] as? String } == [public_])
            try await api.call(.get, "/api/v1/events/\(public_)?identities=true", documentedAs: "/api/v1/events/{id}", headers: partner.api,
                               status: .forbidden)
            try await api.call(.get, "/api/v1/events/\(public_)?identities=true", documentedAs: "/api/v1/events/{id}", headers: analyst.api,
                               status: .forbidden)
            let analystView = try await api.call(.get, "/api/v1/events/\(public_)", documentedAs: "/api/v1/events/{id}", headers: analyst.api, status: .ok)
            #expect(analystView["latitude"] as? Double == 36.7, "coordinates rounded for those without the right to precise ones")
            #expect(analystView["village"] == nil || analystView["village"] is NSNull, "the village is shown with precise locations only")
            try await api.call(.post, "/api/v1/events", documentedAs: "/api/v1/events", headers: analyst.api, json: EventAPI.detention, status: .forbidden)
            try await api.call(.post, "/api/v1/events", documentedAs: "/api/v1/events", headers: documenter.api,
                               json: EventAPI.event(["confidentiality": "protection"]), status: .unprocessableContent)
            // A reviewer cannot verify a record they wrote.
            let own = try await create([:], as: reviewer.api)
            try await api.call(.post, "/api/v1/events/\(own)/status", documentedAs: "/api/v1/events/{id}/status", headers: reviewer.api,
                               json: ["status": "submitted"], status: .ok)
            let refused = try await api.call(.post, "/api/v1/events/\(own)/status", documentedAs: "/api/v1/events/{id}/status",
                                             headers: reviewer.api, json: ["status": "under_review"], status: .forbidden)
            #expect((refused["error"] as? [String: Any])?["code"] as? String == "own_record")
            try await api.call(.delete, "/api/v1/events/\(restricted)", documentedAs: "/api/v1/events/{id}", headers: outsider.api, status: .notFound)
            try await api.call(.post, "/api/v1/events/\(restricted)/status", documentedAs: "/api/v1/events/{id}/status", headers: partner.api,
                               json: ["status": "under_review"], status: .notFound)
        }
    }

    @Test("A draft can be deleted by its organisation; a submitted record cannot", arguments: TestDatabase.all)
    func deleting(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let created = try await api.call(.post, "/api/v1/events", documentedAs: "/api/v1/events", headers: session.api,
                                             json: EventAPI.detention, status: .created)
            let id = try #require((created["event"] as? [String: Any])?["id"] as? String)
            try await api.call(.delete, "/api/v1/events/\(id)", documentedAs: "/api/v1/events/{id}", headers: session.api, status: .noContent)
            try await api.call(.get, "/api/v1/events/\(id)", documentedAs: "/api/v1/events/{id}", headers: session.api, status: .notFound)
        }
    }
}
