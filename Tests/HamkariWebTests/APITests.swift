import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("JSON API")
struct APITests {
    static func json(_ buffer: ByteBuffer) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer: buffer))
    }

    static func conformance() throws -> OpenAPIConformance {
        try OpenAPIConformance(documentData: try Data(contentsOf: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/HamkariWeb/Resources/openapi.json")))
    }

    /// Calls GET `uri`, checks the status and that the body matches the document's schema for `path`.
    static func get(
        _ client: any TestClientProtocol, _ headers: HTTPFields, _ uri: String, documentedAs path: String,
        status: HTTPResponse.Status
    ) async throws -> Any {
        let conformance = try conformance()
        return try await client.execute(uri: uri, method: .get, headers: headers) { response async throws in
            #expect(response.status == status, "\(uri)")
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let body = try json(response.body)
            let schema = try conformance.responseSchema(path: path, status: Int(status.code))
            let problems = try conformance.violations(of: body, against: schema)
            #expect(problems.isEmpty, "\(uri): \(problems)")
            return body
        }
    }

    @Test("Organisations: list and one by id", arguments: TestDatabase.all)
    func organisations(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let list = try await Self.get(client, session.api, "/api/v1/organisations", documentedAs: "/api/v1/organisations", status: .ok)
            let organisations = try #require((list as? [String: Any])?["organisations"] as? [[String: Any]])
            #expect(organisations.count == DemoNetwork.organisations.count)
            let first = try #require(try await session.store.organisations.all().first)
            let one = try await Self.get(client, session.api, "/api/v1/organisations/\(first.id.uuidString)",
                                         documentedAs: "/api/v1/organisations/{id}", status: .ok)
            let names = (one as? [String: Any])?["names"] as? [String: Any]
            #expect(names?["en"] as? String == first.names.english)
            #expect(names?["fa-AF"] as? String == first.names.dari)
        }
    }

    @Test("Organisations: a malformed id is 400, an unknown one 404, both as JSON errors", arguments: TestDatabase.all)
    func organisationErrors(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let bad = try await Self.get(client, session.api, "/api/v1/organisations/not-a-uuid", documentedAs: "/api/v1/organisations/{id}", status: .badRequest)
            #expect(((bad as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == "invalid_id")
            let missing = try await Self.get(client, session.api, "/api/v1/organisations/\(UUIDv7.make().uuidString)",
                                             documentedAs: "/api/v1/organisations/{id}", status: .notFound)
            #expect(((missing as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == "not_found")
        }
    }

    @Test("Gazetteer: provinces, districts of a province, one unit", arguments: TestDatabase.all)
    func gazetteer(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let provinces = try await Self.get(client, session.api, "/api/v1/gazetteer/provinces", documentedAs: "/api/v1/gazetteer/provinces", status: .ok)
            #expect(((provinces as? [String: Any])?["provinces"] as? [Any])?.count == 34)
            let districts = try await Self.get(client, session.api, "/api/v1/gazetteer/provinces/AF19/districts",
                                               documentedAs: "/api/v1/gazetteer/provinces/{pcode}/districts", status: .ok)
            #expect(((districts as? [String: Any])?["districts"] as? [Any])?.count == 7)
            let unit = try await Self.get(client, session.api, "/api/v1/gazetteer/units/AF1801", documentedAs: "/api/v1/gazetteer/units/{pcode}", status: .ok)
            #expect((unit as? [String: Any])?["nameDari"] as? String == "تالقان")
            #expect((unit as? [String: Any])?["level"] as? String == "district")
        }
    }

    @Test("Gazetteer errors: malformed P-code 400, unknown 404, a district is not a province", arguments: [
        ("/api/v1/gazetteer/units/zz", "/api/v1/gazetteer/units/{pcode}", HTTPResponse.Status.badRequest, "invalid_pcode"),
        ("/api/v1/gazetteer/units/AF9999", "/api/v1/gazetteer/units/{pcode}", .notFound, "not_found"),
        ("/api/v1/gazetteer/provinces/AF1801/districts", "/api/v1/gazetteer/provinces/{pcode}/districts", .notFound, "not_found"),
        ("/api/v1/gazetteer/provinces/%27%3B--/districts", "/api/v1/gazetteer/provinces/{pcode}/districts", .badRequest, "invalid_pcode"),
    ])
    func gazetteerErrors(uri: String, path: String, status: HTTPResponse.Status, code: String) async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            let body = try await Self.get(client, session.api, uri, documentedAs: path, status: status)
            #expect(((body as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == code)
        }
    }

    @Test("Error messages follow the request's language")
    func localizedErrors() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            try await client.execute(uri: "/api/v1/gazetteer/units/AF9999?lang=fa-AF", method: .get, headers: session.api) { response async throws in
                let body = try Self.json(response.body) as? [String: [String: String]]
                #expect(body?["error"]?["message"] == "منبع خواسته‌شده پیدا نشد.")
            }
            try await client.execute(uri: "/api/v1/nowhere", method: .get, headers: session.api(adding: [.acceptLanguage: "uz"])) { response async throws in
                #expect(response.status == .notFound)
                let body = try Self.json(response.body) as? [String: [String: String]]
                #expect(body?["error"]?["code"] == "not_found")
                #expect(body?["error"]?["message"] == "Soʻralgan manba topilmadi.")
            }
        }
    }

    @Test("The OpenAPI document is OpenAPI 3.1 and describes every /api/v1 route the router has")
    func openAPICoversRoutes() async throws {
        let conformance = try Self.conformance()
        #expect(conformance.document["openapi"] as? String == "3.1.0")
        let routes = try await TestDatabase.sqlite.withStore { store async throws in
            let built = try await buildRouter(store: store, configuration: AppConfiguration(database: store.backend.location))
            return Set(built.router.routes.map(\.path.description).filter { $0.hasPrefix("/api/") })
        }
        #expect(!routes.isEmpty)
        #expect(routes == conformance.paths, "routes \(routes.subtracting(conformance.paths)) undocumented; documented \(conformance.paths.subtracting(routes)) missing")
        try await withTestApplication(.sqlite) { client, session async throws in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get, headers: session.api) { response async throws in
                #expect(response.status == .ok)
                let served = try Self.json(response.body) as? [String: Any]
                #expect(served?["openapi"] as? String == "3.1.0")
            }
        }
    }

    @Test("Hostile paths and methods never produce a 5xx")
    func hostileInput() async throws {
        let uris = [
            "/api/v1/organisations/%00", "/api/v1/organisations/" + String(repeating: "a", count: 4000),
            "/api/v1/gazetteer/units/%D8%AA%D8%AE%D8%A7%D8%B1", "/api/v1/gazetteer/provinces/AF18/districts/extra",
            "/gazetteer/%F0%9F%92%A3", "/api/v1/organisations/00000000-0000-0000-0000-000000000000",
            "/?lang=%00&cal=%FF", "/api/v1/gazetteer/units/AF18?lang=" + String(repeating: "x", count: 2000),
            "/static/../Package.swift", "/api/v1/../../etc/passwd",
        ]
        try await withTestApplication(.sqlite) { client, session async throws in
            for uri in uris {
                try await client.execute(uri: uri, method: .get, headers: session.api) { response async throws in
                    #expect(response.status.code < 500, "\(uri) → \(response.status)")
                }
            }
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                try await client.execute(uri: "/api/v1/organisations", method: method, body: ByteBuffer(string: "{\"x\":")) { response async throws in
                    #expect(response.status.code < 500, "\(method) → \(response.status)")
                }
            }
        }
    }
}
