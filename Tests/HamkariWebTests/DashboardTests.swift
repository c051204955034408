import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Dashboard: figures, charts, disclosure control, exports")
struct DashboardTests {
    /// Seven verified public events: six in Taloqan, one in Farkhar (a count small enough to point at someone).
    static func events(_ session: TestSession) async throws -> UserAccount {
        let author = try await session.signIn(as: .documenter).user
        for index in 0..<7 {
            var event = SampleEvents.detention(organisationID: author.organisationID, authorID: author.id, confidentiality: .public, status: .verified)
            if index == 6 { event.districtPcode = "AF1808" }
            try await session.store.events.create(event, actor: author.id)
        }
        var draft = SampleEvents.detention(organisationID: author.organisationID, authorID: author.id, confidentiality: .public)
        draft.districtPcode = "AF1810"
        try await session.store.events.create(draft, actor: author.id)
        return author
    }

    /// One figure's section of the dashboard page.
    static func section(_ html: String, _ name: String) throws -> String {
        let section = html.components(separatedBy: "<section class=\"figure\" id=\"\(name)\">").dropFirst().first?.components(separatedBy: "</section>").first
        return try #require(section)
    }

    static func table(_ document: [String: Any], _ name: String) -> [String: Any] {
        ((document["tables"] as? [String: Any])?[name] as? [String: Any]) ?? [:]
    }

    @Test("API: members see every figure over what they may see; partners and publication see small counts held back; bad filters refused",
          arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            _ = try await Self.events(session)
            let member = try await session.signIn(as: .documenter)
            let partner = try await session.signIn(as: .partner)
            let full = try await api.call(.get, "/api/v1/dashboard", documentedAs: "/api/v1/dashboard", headers: member.api, status: .ok)
            #expect(full["suppressed"] as? Bool == false && full["verifiedOnly"] as? Bool == true)
            let districts = Self.table(full, "by_district")
            #expect(districts["rows"] as? [String] == ["AF1801", "AF1808"], "the draft is not verified")
            #expect(districts["cells"] as? [[Int]] == [[6], [1]] && districts["total"] as? Int == 7)
            let everyStatus = try await api.call(.get, "/api/v1/dashboard?statuses=all", documentedAs: "/api/v1/dashboard", headers: member.api,
                                                 status: .ok)
            #expect(Self.table(everyStatus, "by_district")["total"] as? Int == 8)
            let victims = Self.table(full, "victims")
            #expect((victims["cells"] as? [[Int]])?.first == [12 * 7, 7 * 5, 0], "girls 12 and women 4 + a named woman, in each event")

            let held = try await api.call(.get, "/api/v1/dashboard", documentedAs: "/api/v1/dashboard", headers: partner.api, status: .ok)
            #expect(held["suppressed"] as? Bool == true && held["threshold"] as? Int == 5)
            let heldDistricts = Self.table(held, "by_district")
            #expect((heldDistricts["cells"] as? [[Any]])?.map { $0.first is NSNull } == [true, true], "1 held back, and 6 with it: 7 − 6 = 1")
            #expect(heldDistricts["total"] as? Int == 7)
            #expect(Self.table(held, "cases")["rows"] as? [String] == [], "partners count no protection case")

            let published = try await api.call(.get, "/api/v1/dashboard?publication=true", documentedAs: "/api/v1/dashboard", headers: member.api,
                                               status: .ok)
            #expect(published["suppressed"] as? Bool == true && published["publication"] as? Bool == true)
            #expect(Self.table(published, "by_district")["total"] as? Int == 0, "the sources agreed to anonymised use only, not to publication")

            let refused = try await api.call(.get, "/api/v1/dashboard?from=someday&province=AF%2018", documentedAs: "/api/v1/dashboard",
                                             headers: member.api, status: .unprocessableContent)
            #expect(Set(((refused["error"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
                    == ["from", "province"])
            let defender = try await session.signIn(as: .defender)
            try await api.call(.get, "/api/v1/dashboard", documentedAs: "/api/v1/dashboard", headers: defender.api, status: .forbidden)
        }
    }

    @Test("Exports: CSV, HXL and JSON of one table, audited; a partner's export is held back the same way; bad choices refused",
          arguments: TestDatabase.all)
    func exports(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            _ = try await Self.events(session)
            let member = try await session.signIn(as: .documenter)
            let partner = try await session.signIn(as: .partner)
            try await client.execute(uri: "/api/v1/dashboard/export?table=by_district&format=hxl", method: .get, headers: member.api) { response async throws in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(response.body.text == "key,count\r\n#adm2+code,#event+num\r\nAF1801,6\r\nAF1808,1\r\ntotal,7\r\n")
            }
            #expect(try await session.store.audit.recent(limit: 1).first?.action == AuditAction.aggregatesExported.rawValue)
            try await client.execute(uri: "/api/v1/dashboard/export?table=by_district&format=csv", method: .get, headers: partner.api) { response async throws in
                #expect(response.body.text == "key,count\r\nAF1801,\r\nAF1808,\r\ntotal,7\r\n")
            }
            try await client.execute(uri: "/dashboard/export?table=victims&format=json", method: .get, headers: member.pages) { response async throws in
                #expect(response.status == .ok && response.body.text.contains("\"columns\":[\"child\",\"adult\",\"unknown\"]"))
            }
            for bad in ["table=secrets", "format=pdf"] {
                try await client.execute(uri: "/api/v1/dashboard/export?\(bad)", method: .get, headers: member.api) { response async throws in
                    #expect(response.status == .unprocessableContent, "\(bad)")
                }
            }
        }
    }

    @Test("The page in every language: charts drawn on the server with the data table beside them, right to left where the language is",
          arguments: TestDatabase.all)
    func page(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            _ = try await Self.events(session)
            let partner = try await session.signIn(as: .partner)
            for locale in AppLocale.allCases {
                try await client.execute(uri: "/dashboard?lang=\(locale.tag)&statuses=all", method: .get, headers: session.pages) { response async throws in
                    let html = response.body.text
                    #expect(response.status == .ok && html.contains("dir=\"\(locale.direction)\""))
                    #expect(html.contains("<svg") && html.contains("role=\"img\"") && html.contains("<table><caption>"))
                    #expect(!html.contains("http://") || !html.contains("src=\"http"), "nothing from another host")
                    #expect(response.body.readableBytes < 60_000, "\(response.body.readableBytes) bytes")
                }
            }
            try await client.execute(uri: "/dashboard?lang=fa-AF", method: .get, headers: session.pages) { response async throws in
                #expect(response.body.text.contains("۶"), "Dari digits")
            }
            try await client.execute(uri: "/dashboard", method: .get, headers: partner.pages) { response async throws in
                #expect(response.body.text.contains("class=\"notice\""), "partners are told that small counts are held back")
                #expect(!response.body.text.contains("<td>1</td>"))
            }
            try await client.execute(uri: "/dashboard?from=someday", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok && response.body.text.contains("class=\"error\""))
            }
            try await client.execute(uri: "/dashboard?province=AF18", method: .get, headers: session.pages) { response async throws in
                let html = response.body.text
                #expect(html.contains("<option value=\"AF1808\">") && !html.contains("<option value=\"AF1901\">"),
                        "a chosen province's districts are offered, not every district")
            }
        }
    }

    @Test("Across every province: districts offered once a province is chosen, the largest districts listed with their province, one download form with the filter",
          arguments: TestDatabase.all)
    func acrossProvinces(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let author = try await session.signIn(as: .documenter).user
            // Twelve districts of Takhar with one event each, Taloqan (AF1801) with three, and Kunduz city (AF1901) with two.
            for district in (1...12).map({ "AF18\($0.zeroPadded(2))" }) + ["AF1801", "AF1801", "AF1901", "AF1901"] {
                var event = SampleEvents.detention(organisationID: author.organisationID, authorID: author.id, confidentiality: .public, status: .verified)
                (event.provincePcode, event.districtPcode) = (String(district.prefix(4)), district)
                try await session.store.events.create(event, actor: author.id)
            }
            try await client.execute(uri: "/dashboard?lang=en&from=1300-01", method: .get, headers: session.pages) { response async throws in
                let html = response.body.text
                #expect(response.status == .ok)
                #expect(html.contains("<select name=\"district\"><option value=\"\">— choose a province first —</option></select>"))
                let districts = try Self.section(html, "by_district")
                #expect(districts.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 10 + 1, "ten districts and the total")
                #expect(districts.contains("<th scope=\"row\">Taloqan, Takhar</th><td>3</td>") && districts.contains("<td>2</td>"),
                        "the largest first, each with its province")
                #expect(districts.contains("<th scope=\"row\">Total</th><td>16</td>"), "the total is every district's")
                #expect(districts.contains("The 10 districts with the most events, of 13."))
                #expect(!html.contains("/dashboard/export?table="), "no links per table")
                #expect(html.contains("<form method=\"get\" action=\"/dashboard/export\" class=\"exports\"><input type=\"hidden\" name=\"lang\" value=\"en\"><input type=\"hidden\" name=\"from\" value=\"1300-01\">"))
                #expect(html.contains("<option value=\"by_district\">") && html.contains("<button name=\"format\" value=\"hxl\">"))
            }
            // What the form sends: every district, not only the ten shown.
            try await client.execute(uri: "/dashboard/export?lang=en&from=1300-01&table=by_district&format=csv", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok && response.body.text.split(separator: "\r\n").count == 1 + 13 + 1, "a header, every district, the total")
            }
            try await client.execute(uri: "/dashboard?lang=en&province=AF18", method: .get, headers: session.pages) { response async throws in
                let districts = try Self.section(response.body.text, "by_district")
                #expect(districts.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 12 + 1, "a province's districts, all of them")
                #expect(!districts.contains(", Takhar<") && !districts.contains("class=\"hint\""))
            }
            try await client.execute(uri: "/dashboard?lang=en&district=AF1805", method: .get, headers: session.pages) { response async throws in
                let html = response.body.text
                #expect(html.contains("<option value=\"AF1805\" selected>") && html.contains("<option value=\"AF1817\">") && !html.contains("<option value=\"AF1901\">"),
                        "a district names its province: that province's districts are offered")
            }
            let defender = try await session.signIn(as: .defender)
            try await client.execute(uri: "/dashboard", method: .get, headers: defender.pages) { response async throws in
                #expect(response.status == .forbidden && !response.body.text.contains("/dashboard/export"))
            }
        }
    }

    @Test("Many months are laid out a year a row, with the same cells and no year totals", arguments: TestDatabase.all)
    func monthGrid(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let author = try await session.signIn(as: .documenter).user
            // Thirty months, 2022-01 to 2024-06, one event in each and a second one in 2023-05.
            let months = (0..<30).map { String(format: "%04d-%02d", 2022 + $0 / 12, $0 % 12 + 1) } + ["2023-05"]
            for month in months {
                var event = SampleEvents.detention(organisationID: author.organisationID, authorID: author.id, confidentiality: .public, status: .verified)
                event.date = try EventDate.parse(month + "-10", calendar: .gregorian)
                try await session.store.events.create(event, actor: author.id)
            }
            try await client.execute(uri: "/dashboard?lang=en&cal=gregorian", method: .get, headers: session.pages) { response async throws in
                let html = response.body.text
                let grid = try #require(html.components(separatedBy: "<table class=\"grid\">").dropFirst().first?.components(separatedBy: "</table>").first)
                #expect(grid.contains("<th scope=\"col\">January</th>") && grid.contains("<th scope=\"col\">December</th>"))
                let rows = grid.components(separatedBy: "<tr><th scope=\"row\">").dropFirst()
                #expect(rows.map { $0.prefix(4) } == ["2022", "2023", "2024", "Tota"], "a year a row, then the grand total")
                #expect(rows.first { $0.hasPrefix("2023") }?.contains("<td>1</td><td>1</td><td>1</td><td>1</td><td>2</td>") == true, "May 2023: two")
                #expect(rows.first { $0.hasPrefix("2024") }?.hasSuffix("<td>1</td><td></td><td></td><td></td><td></td><td></td><td></td></tr>\n") == true,
                        "months after the last are empty")
                #expect(rows.last?.contains("<td colspan=\"12\">31</td>") == true)
                #expect(!html.contains("<th scope=\"row\">May 2023</th>"), "not also listed a month a row")
            }
        }
    }
}
