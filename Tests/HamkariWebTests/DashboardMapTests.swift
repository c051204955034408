import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Dashboard maps: boundaries from geoBoundaries, choropleth and symbols, the same disclosure control")
struct DashboardMapTests {
    static func importProvinces(_ store: Store) async throws {
        let result = try BoundaryImport(units: try await store.gazetteer.all(), source: "test")
            .run(try SharedData.data(SharedData.provinceBoundaries))
        try await store.boundaries.importBoundaries(result.boundaries, actor: "test")
    }

    @Test("Without boundaries: symbols at centroids and a note; with them: each province shaded, named and counted; partners see small counts hatched",
          arguments: TestDatabase.all)
    func maps(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            _ = try await DashboardTests.events(session)
            let member = try await session.signIn(as: .documenter)
            let partner = try await session.signIn(as: .partner)
            try await client.execute(uri: "/dashboard/map?level=district", method: .get, headers: member.pages) { response async throws in
                let html = response.body.text
                #expect(response.status == .ok && html.contains("class=\"map\"") && html.contains("<circle"))
                #expect(html.contains("hamkari gazetteer import-boundaries"), "the reader is told why there are no outlines")
                #expect(html.contains("<title>Taloqan: 6</title>") && html.contains("<title>Farkhar: 1</title>"))
            }
            try await Self.importProvinces(session.store)
            try await client.execute(uri: "/api/v1/dashboard/map.svg?level=province", method: .get, headers: member.api) { response async throws in
                let svg = response.body.text
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("image/svg+xml") == true)
                #expect(svg.components(separatedBy: "<path d=").count - 1 == 34, "every province drawn")
                #expect(svg.contains("<title>Takhar: 7</title>") && svg.contains("<title>Kabul: 0</title>"))
                #expect(response.body.readableBytes < 30_000, "\(response.body.readableBytes) bytes")
            }
            try await client.execute(uri: "/api/v1/dashboard/map.svg?level=province&style=symbols", method: .get, headers: member.api) { response async throws in
                #expect(response.body.text.contains("<title>Takhar: 7</title></circle>"))
            }
            try await client.execute(uri: "/api/v1/dashboard/map.svg?level=district", method: .get, headers: partner.api) { response async throws in
                let svg = response.body.text
                #expect(svg.contains("<title>Taloqan: held back (small number)</title>") && svg.contains("<title>Farkhar: held back (small number)</title>"))
                #expect(!svg.contains(": 6<") && !svg.contains(": 1<"), "a partner sees no small count, nor the one that would give it away")
            }
            try await client.execute(uri: "/dashboard/map?level=province&lang=fa-AF", method: .get, headers: member.pages) { response async throws in
                let html = response.body.text
                #expect(html.contains("dir=\"rtl\"") && html.contains("<title>تخار: ۷</title>"))
                #expect(!html.contains("import-boundaries"))
            }
        }
    }

    @Test("Bad choices are refused with the field named; who may not see the dashboard may not see its maps", arguments: TestDatabase.all)
    func refusals(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let member = try await session.signIn(as: .documenter)
            let api = try EventAPI(client)
            for (query, field) in [("style=pie", "style"), ("level=village", "level"), ("figure=secrets", "figure"),
                                   ("figure=awareness&level=district", "level"), ("from=someday", "from")] {
                let refused = try await api.call(.get, "/api/v1/dashboard/map.svg?\(query)", documentedAs: "/api/v1/dashboard/map.svg",
                                                 headers: member.api, status: .unprocessableContent)
                #expect(((refused["error"] as? [String: Any])?["issues"] as? [[String: Any]])?.first?["field"] as? String == field, "\(query)")
            }
            try await client.execute(uri: "/dashboard/map?style=pie", method: .get, headers: member.pages) { response async throws in
                #expect(response.status == .ok && response.body.text.contains("class=\"error\""))
            }
            let defender = try await session.signIn(as: .defender)
            try await api.call(.get, "/api/v1/dashboard/map.svg", documentedAs: "/api/v1/dashboard/map.svg", headers: defender.api, status: .forbidden)
            try await client.execute(uri: "/api/v1/dashboard/map.svg", method: .get) { response async throws in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
