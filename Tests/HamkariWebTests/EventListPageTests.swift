import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Events list page")
struct EventListPageTests {
    @Test("With OCHA's 400 districts the list stays small: districts of the network's provinces, or of the one chosen; choices stay marked",
          arguments: TestDatabase.all)
    func filters(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            try await session.store.gazetteer.importUnits(try PcodeListImport.parse(try SharedData.text(SharedData.ochaPcodes), source: "test"),
                                                        actor: "test")
            let me = try await session.signIn(as: .documenter)
            try await client.execute(uri: "/events?lang=fa-AF", method: .get, headers: me.pages) { response async throws in
                #expect(response.status == .ok)
                let page = response.body.text
                #expect(response.body.readableBytes < 30_000, "\(response.body.readableBytes) bytes")
                #expect(page.contains("<option value=\"AF1801\">"), "a district of Takhar, where members work")
                #expect(!page.contains("<option value=\"AF0101\">"), "Kabul's districts wait until Kabul is chosen")
                #expect(page.contains("<option value=\"AF01\">"), "every province can be chosen")
            }
            try await client.execute(uri: "/events?province=AF01&status=verified&actType=threat", method: .get, headers: me.pages) { response async throws in
                let page = response.body.text
                #expect(page.contains("<option value=\"AF01\" selected>"))
                #expect(page.contains("<option value=\"AF0101\">"))
                #expect(!page.contains("<option value=\"AF1801\">"))
                #expect(page.contains("<option value=\"verified\" selected>"))
                #expect(page.contains("<option value=\"threat\" selected>"))
            }
            try await client.execute(uri: "/events?district=AF0102", method: .get, headers: me.pages) { response async throws in
                let page = response.body.text
                #expect(page.contains("<option value=\"AF0102\" selected>"), "a chosen district is shown even outside the members' provinces")
                #expect(page.contains("<option value=\"AF1801\">"))
                #expect(!page.contains("selected>—"))
            }
            try await client.execute(uri: "/events?province=%22%3E%3Cscript%3E", method: .get, headers: me.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(!response.body.text.contains("<script>"), "an unknown value chooses nothing and is never written out raw")
            }
        }
    }
}
