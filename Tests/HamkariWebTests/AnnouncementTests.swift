import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Announcements to members: pages and API")
struct AnnouncementTests {
    @Test("API: a security alert for one district reaches the organisations working there (in the app and queued by e-mail); read receipts for coordinators",
          arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        try await SMTPSink.with { sink async throws in
            let channels = MessageChannels(smtp: SMTPMailer(url: "smtp://127.0.0.1:\(sink.port)", from: "network@hamkari.local"))
            try await withTestApplication(database, channels: channels) { client, session async throws in
                let api = try EventAPI(client)
                let organisations = try await session.store.organisations.all()
                for (name, email) in [("Farkhar", "farkhar.council@example.org"), ("Kunduz", "kunduz.lawyers@example.org")] {
                    try await session.store.directory.addFocalPoint(FocalPoint(contact: FocalPointContact(name: "Focal point", email: email)),
                                                                    to: organisations[try await session.organisation(named: name)].id, actor: "test")
                }
                let farkhar = try await session.signIn(as: .documenter, organisation: try await session.organisation(named: "Farkhar"))
                let taloqan = try await session.signIn(as: .documenter, organisation: try await session.organisation(named: "Taloqan"))
                let kunduz = try await session.signIn(as: .documenter, organisation: try await session.organisation(named: "Kunduz"))
                let partner = try await session.signIn(as: .partner, organisation: try await session.organisation(named: "Farkhar"))
                let body: [String: Any] = ["title": "Security alert: Farkhar road closed", "body": "Avoid the Farkhar road until Thursday.",
                                           "districts": ["AF1808"]]
                try await api.call(.post, "/api/v1/announcements", documentedAs: "/api/v1/announcements", headers: farkhar.api, json: body,
                                   status: .forbidden)
                let refused = try await api.call(.post, "/api/v1/announcements", documentedAs: "/api/v1/announcements", headers: session.api,
                                                 json: ["title": " ", "districts": ["AF99"], "provinces": ["AF1808"], "themes": ["poetry"]],
                                                 status: .unprocessableContent)
                let fields = Set(((refused["error"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
                #expect(fields == ["title", "districts", "provinces", "themes"])
                #expect(try await session.store.outbox.counts().isEmpty, "nothing was queued")

                let created = try await api.call(.post, "/api/v1/announcements", documentedAs: "/api/v1/announcements", headers: session.api,
                                                 json: body, status: .created)
                let id = try #require(created["id"] as? String)
                for _ in 0..<50 where try await session.store.outbox.counts()["sent"] != 1 {
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(try await session.store.outbox.counts() == ["sent": 1], "one focal point works in Farkhar; Kunduz does not")
                let mails = await sink.received.all
                #expect(mails.count == 1 && mails[0].contains("farkhar.council@example.org"))
                #expect(await sink.bodies().first?.contains("Avoid the Farkhar road") == true)
                #expect(!(try await session.store.rawText(of: "announcements").joined().contains("Avoid the Farkhar road")), "sealed at rest")

                for (account, sees) in [(farkhar, true), (taloqan, true), (kunduz, false)] {
                    let list = try await api.call(.get, "/api/v1/announcements", documentedAs: "/api/v1/announcements", headers: account.api, status: .ok)
                    #expect(((list["announcements"] as? [[String: Any]])?.contains { $0["id"] as? String == id } ?? false) == sees)
                }
                try await api.call(.get, "/api/v1/announcements/\(id)", documentedAs: "/api/v1/announcements/{id}", headers: kunduz.api, status: .notFound)
                try await api.call(.get, "/api/v1/announcements", documentedAs: "/api/v1/announcements", headers: partner.api, status: .forbidden)
                try await client.execute(uri: "/", method: .get, headers: farkhar.pages) { response async throws in
                    #expect(response.body.text.contains("Farkhar road closed"), "unread, on the home page")
                }
                let read = try await api.call(.get, "/api/v1/announcements/\(id)", documentedAs: "/api/v1/announcements/{id}", headers: farkhar.api,
                                              status: .ok)
                #expect(read["readBy"] == nil, "only coordinators see who read")
                try await client.execute(uri: "/", method: .get, headers: farkhar.pages) { response async throws in
                    #expect(!response.body.text.contains("Farkhar road closed"), "read, no longer flagged")
                }
                let receipts = try await api.call(.get, "/api/v1/announcements/\(id)", documentedAs: "/api/v1/announcements/{id}", headers: session.api,
                                                  status: .ok)
                #expect((receipts["readBy"] as? [String])?.contains(farkhar.user.login) == true)
                #expect((receipts["readBy"] as? [String])?.contains(taloqan.user.login) == false)
            }
        }
    }

    @Test("Pages in every language: an announcement to a province and a theme, read by those it is for; the coordinator sees the count",
          arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let kunduz = try await session.signIn(as: .documenter, organisation: try await session.organisation(named: "Kunduz"))
            let taloqan = try await session.signIn(as: .documenter, organisation: try await session.organisation(named: "Taloqan"))
            let media = try await session.signIn(as: .documenter, organisation: try await session.organisation(named: "Pul-e-Khumri"))
            let refused = try await client.post("/announcements", session: session.pages, csrf: session.csrf, fields: ["title": "", "districts": "AF99"])
            #expect(refused.status == .unprocessableContent)
            let saved = try await client.post("/announcements", session: session.pages, csrf: session.csrf, fields: [
                "title": "Legal aid clinic in Kunduz", "body": "Free legal advice every Monday.\nBring your tazkira.",
                "province_AF19": "on", "theme_legal_aid": "on",
            ])
            #expect(saved.status == .found)
            let path = try #require(saved.headers[.location])
            for locale in AppLocale.allCases {
                try await client.execute(uri: "/announcements?lang=\(locale.tag)", method: .get, headers: kunduz.pages) { response async throws in
                    #expect(response.status == .ok && response.body.text.contains("dir=\"\(locale.direction)\""))
                    #expect(response.body.text.contains("Legal aid clinic in Kunduz"))
                    #expect(response.body.readableBytes < 30_000)
                }
                try await client.execute(uri: "\(path)?lang=\(locale.tag)", method: .get, headers: kunduz.pages) { response async throws in
                    #expect(response.status == .ok && response.body.text.contains("Bring your tazkira."))
                }
            }
            for (account, why) in [(taloqan, "works on legal aid in Takhar, not Kunduz"), (media, "works in Kunduz, not on legal aid")] {
                try await client.execute(uri: "/announcements", method: .get, headers: account.pages) { response async throws in
                    #expect(!response.body.text.contains("Legal aid clinic in Kunduz"), "\(why)")
                }
            }
            try await client.execute(uri: path, method: .get, headers: taloqan.pages) { response async throws in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: path, method: .get, headers: session.pages) { response async throws in
                #expect(response.body.text.contains(kunduz.user.login))
            }
        }
    }
}
