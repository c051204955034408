import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// A `multipart/form-data` body as a browser sends it: fields in order, then files.
struct MultipartBody {
    let boundary = "----hamkari\(UUID().uuidString.prefix(8))"
    var data = Data()

    mutating func field(_ name: String, _ value: String) {
        data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
    }

    mutating func file(_ name: String, filename: String, type: String, _ content: Data) {
        data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8))
        data.append(content)
        data.append(Data("\r\n".utf8))
    }

    func finished() -> (headers: HTTPFields, body: ByteBuffer) {
        var body = data
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ([.contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(bytes: body))
    }
}

@Suite("Event pages")
struct EventPageTests {
    static func location(_ response: TestResponse) -> String { response.headers[.location] ?? "" }

    @Test("Step by step in Dari: basics, a person, an act, a source, an intervention; the record names people by code", arguments: TestDatabase.all)
    func entry(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let me = try await session.signIn(as: .documenter)
            try await client.execute(uri: "/events/new?lang=fa-AF", method: .get, headers: me.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("dir=\"rtl\""))
                #expect(response.body.text.contains("ثبت رویداد جدید"))
                #expect(response.body.readableBytes < 30_000)
            }
            let created = try await client.post("/events", session: me.pages, csrf: me.csrf, fields: [
                "title": "تهدید خبرنگار در فیض آباد", "description": "خبرنگار محلی تهدید شد", "date": "۱۴۰۵-۰۴-۰۲", "calendar": "solar-hijri",
                "province": "AF17", "district": "AF1701", "village": "Shahr-e Naw", "confidentiality": "network",
            ])
            #expect(created.status == .found)
            let path = Self.location(created)
            #expect(path.hasPrefix("/events/"))
            let id = try #require(UUID(uuidString: String(path.dropFirst("/events/".count))))
            for (part, fields) in [
                ("people", ["role_victim": "on", "name": "Nasima Rahimi", "contact": "+93 700 111 222", "sex": "female", "age_group": "18-25",
                            "occupation": "journalist", "journalist": "on"]),
            ] {
                let response = try await client.post("\(path)/\(part)", session: me.pages, csrf: me.csrf, fields: fields)
                #expect(response.status == .found, "\(part): \(response.body.text.prefix(300))")
            }
            let code = try #require(try await session.store.events.find(id: id)?.people.first?.code)
            for (part, fields) in [
                ("acts", ["act_type": "threat", "victim_person": code, "perpetrator_type": "de_facto_authorities", "degree": "direct",
                          "right_freedom_of_expression": "on", "notes": "تهدید تلفنی", "calendar": "solar-hijri"]),
                ("sources", ["source_person": code, "method": "interview", "reliability": "B", "credibility": "2", "consent": "anonymised"]),
                ("interventions", ["kind": "advocacy_letter", "intervention_status": "planned", "intervention_date": "1405-04-10"]),
            ] {
                let response = try await client.post("\(path)/\(part)", session: me.pages, csrf: me.csrf, fields: fields)
                #expect(response.status == .found, "\(part): \(response.body.text.prefix(300))")
            }
            let event = try #require(try await session.store.events.find(id: id))
            #expect(event.date?.firstISO == "2026-06-23")
            #expect(event.acts.first?.victim == .person(event.people[0].id))
            #expect(event.acts.first?.rightsAffected == ["freedom_of_expression"])
            #expect(event.sources.first?.reliability == .b)
            #expect(event.interventions.first?.kind == .advocacyLetter)
            #expect(event.revision == 5)
            try await client.execute(uri: "\(path)?lang=fa-AF", method: .get, headers: me.pages) { response async throws in
                let html = response.body.text
                #expect(response.status == .ok)
                #expect(html.contains(code))
                #expect(!html.contains("Nasima Rahimi"))
                #expect(html.contains("تهدید یا ارعاب"))
                #expect(html.contains("۲ سرطان ۱۴۰۵"), "the date in Solar Hijri with Persian digits")
                #expect(response.body.readableBytes < 30_000, "record page is \(response.body.readableBytes) bytes")
            }
            let before = try await session.store.audit.count()
            try await client.execute(uri: "\(path)?identities=1", method: .get, headers: me.pages) { response async throws in
                #expect(response.body.text.contains("Nasima Rahimi"))
            }
            #expect(try await session.store.audit.count() == before + 1)
            try await client.execute(uri: "/events?q=%D8%AE%D8%A8%D8%B1%D9%86%DA%AF%D8%A7%D8%B1&province=AF17", method: .get, headers: me.pages) { response async throws in
                #expect(response.body.text.contains(event.reference))
            }
            try await client.execute(uri: "/events?province=AF18", method: .get, headers: me.pages) { response async throws in
                #expect(!response.body.text.contains(event.reference))
            }
            // Parts are changed by removing and adding again; a person an act still names cannot be removed.
            let stillNamed = try await client.post("\(path)/remove", session: me.pages, csrf: me.csrf,
                                                   fields: ["part": "person:\(event.people[0].id.uuidString.lowercased())"])
            #expect(stillNamed.status == .unprocessableContent)
            let removed = try await client.post("\(path)/remove", session: me.pages, csrf: me.csrf,
                                                fields: ["part": "intervention:\(event.interventions[0].id.uuidString.lowercased())"])
            #expect(removed.status == .found)
            let after = try #require(try await session.store.events.find(id: id))
            #expect(after.interventions.isEmpty)
            #expect(after.people.count == 1)
            #expect(try await client.post("\(path)/remove", session: me.pages, csrf: me.csrf, fields: ["part": "act:nonsense"]).status == .badRequest)
        }
    }

    @Test("A title whose quote carries a combining mark stays inside its attribute: escaped byte by byte on the form, the record and the list", arguments: TestDatabase.all)
    func combiningMarkInTitle(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let me = try await session.signIn(as: .documenter)
            let hostile = "x\"\u{301} autofocus data-injected=\"1\" <\u{301}b>'\u{301}"
            let created = try await client.post("/events", session: me.pages, csrf: me.csrf, fields: [
                "title": hostile, "description": "روایت", "date": "2026-06-02", "calendar": "gregorian",
                "province": "AF18", "district": "AF1801", "confidentiality": "network",
            ])
            #expect(created.status == .found)
            let path = Self.location(created)
            for page in ["\(path)/edit", path, "/events"] {
                try await client.execute(uri: page, method: .get, headers: me.pages) { response async throws in
                    #expect(response.status == .ok)
                    let html = response.body.text
                    #expect(html.contains("x&quot;\u{301} autofocus data-injected=&quot;1&quot; &lt;\u{301}b&gt;&#39;\u{301}"), "\(page)")
                    #expect(!html.contains("data-injected=\""), "\(page): an attribute was opened")
                    #expect(!html.contains("<\u{301}b>"), "\(page)")
                }
            }
        }
    }

    @Test("Every template names the byte-by-byte escaping on its first line (a partial would otherwise start from the library's)")
    func everyTemplateEscapesByByte() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/HamkariWeb/Resources/templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count > 40)
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("{{% CONTENT_TYPE: HTML_BY_BYTE }}\n"), "\(name)")
        }
    }

    @Test("A form with mistakes comes back with them listed in the reader's language, and nothing is saved", arguments: TestDatabase.all)
    func mistakes(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let me = try await session.signIn(as: .documenter)
            let response = try await client.post("/events?lang=fa-AF", session: me.pages, csrf: me.csrf, fields: [
                "title": "", "date": "1405-13-01", "province": "AF18", "district": "AF1701", "latitude": "north",
            ])
            #expect(response.status == .unprocessableContent)
            let html = response.body.text
            #expect(html.contains("این تاریخ خوانده نمی‌شود"))
            #expect(html.contains("عرض و طول جغرافیایی"))
            #expect(try await session.store.events.search(EventQuery(), visibility: EventVisibility(AccessPolicy.Subject(me.user))).total == 0)
            let missingToken = try await client.post("/events", session: me.pages, csrf: "forged", fields: ["title": "x"])
            #expect(missingToken.status == .forbidden)
        }
    }

    @Test("Review on the record page: submit, take up, verify; no buttons on one's own record; who may not enter", arguments: TestDatabase.all)
    func review(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let author = try await session.signIn(as: .documenter)
            let reviewer = try await session.signIn(as: .reviewer)
            let analyst = try await session.signIn(as: .analyst)
            let event = try await session.store.events.create(
                SampleEvents.detention(organisationID: author.user.organisationID, authorID: author.user.id), actor: author.user.id)
            let path = "/events/\(event.id.uuidString.lowercased())"
            #expect(try await client.post("\(path)/status", session: author.pages, csrf: author.csrf, fields: ["status": "submitted"]).status == .found)
            try await client.execute(uri: path, method: .get, headers: author.pages) { response async throws in
                #expect(!response.body.text.contains("name=\"status\" value=\"under_review\""))
            }
            try await client.execute(uri: path, method: .get, headers: reviewer.pages) { response async throws in
                #expect(response.body.text.contains("name=\"status\" value=\"under_review\""))
            }
            #expect(try await client.post("\(path)/status", session: reviewer.pages, csrf: reviewer.csrf, fields: ["status": "under_review"]).status == .found)
            let noReason = try await client.post("\(path)/status", session: reviewer.pages, csrf: reviewer.csrf, fields: ["status": "discredited"])
            #expect(noReason.status == .unprocessableContent)
            #expect(try await client.post("\(path)/status", session: reviewer.pages, csrf: reviewer.csrf, fields: ["status": "verified"]).status == .found)
            #expect(try await session.store.events.find(id: event.id)?.status == .verified)
            try await client.execute(uri: "/events/new", method: .get, headers: analyst.pages) { response async throws in
                #expect(response.status == .forbidden)
            }
            #expect(try await client.post("\(path)/acts", session: analyst.pages, csrf: analyst.csrf, fields: ["act_type": "killing"]).status == .forbidden)
            let outsider = try await session.signIn(as: .documenter, organisation: 1)
            let restricted = try await session.store.events.create(
                SampleEvents.detention(organisationID: author.user.organisationID, authorID: author.user.id, confidentiality: .organisations),
                actor: author.user.id)
            try await client.execute(uri: "/events/\(restricted.id.uuidString.lowercased())", method: .get, headers: outsider.pages) { response async throws in
                #expect(response.status == .notFound)
                #expect(!response.body.text.contains(restricted.title))
            }
        }
    }

    @Test("Evidence and import through forms: the form token must come first; the list and pages stay small", arguments: TestDatabase.all)
    func uploads(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let me = try await session.signIn(as: .documenter)
            let event = try await session.store.events.create(
                SampleEvents.detention(organisationID: me.user.organisationID, authorID: me.user.id), actor: me.user.id)
            let path = "/events/\(event.id.uuidString.lowercased())"
            let photo = EvidenceFixtures.jpeg(secret: "34.5N 69.1E")
            var form = MultipartBody()
            form.field("csrf_token", me.csrf)
            form.field("working_copy", "on")
            form.file("file", filename: "scene.jpg", type: "image/jpeg", photo)
            var request = form.finished()
            try await client.execute(uri: "\(path)/evidence", method: .post, headers: TestSession.merge(request.headers, me.pages),
                                     body: request.body) { response async throws in
                #expect(response.status == .found)
            }
            let files = try await session.store.evidence.files(of: event.id)
            #expect(files.count == 1)
            #expect(files.first?.sha256 == (try SHA256Sum.of(photo)))
            #expect(files.first?.workingSize != nil)
            try await client.execute(uri: path, method: .get, headers: me.pages) { response async throws in
                #expect(response.body.text.contains(files[0].sha256))
            }
            var forged = MultipartBody()
            forged.file("file", filename: "x.jpg", type: "image/jpeg", photo)
            forged.field("csrf_token", me.csrf)
            request = forged.finished()
            try await client.execute(uri: "\(path)/evidence", method: .post, headers: TestSession.merge(request.headers, me.pages),
                                     body: request.body) { response async throws in
                #expect(response.status == .forbidden, "a file before the form token is refused")
            }
            #expect(try await session.store.evidence.files(of: event.id).count == 1)

            var upload = MultipartBody()
            upload.field("csrf_token", me.csrf)
            upload.field("mapping", "")
            upload.file("file", filename: "events.csv", type: "text/csv",
                        Data("title,act_type,province\nحمله بر مکتب,attack_on_school,Takhar\nx,killin,AF18\n".utf8))
            upload.field("dry_run", "1")
            request = upload.finished()
            try await client.execute(uri: "/events/import?lang=fa-AF", method: .post, headers: TestSession.merge(request.headers, me.pages),
                                     body: request.body) { response async throws in
                #expect(response.status == .unprocessableContent)
                #expect(response.body.text.contains("killin"))
                #expect(response.body.text.contains("چیزی وارد نشد"))
            }
            var commit = MultipartBody()
            commit.field("csrf_token", me.csrf)
            commit.file("file", filename: "events.csv", type: "text/csv", Data("title,act_type,province\nحمله بر مکتب,attack_on_school,Takhar\n".utf8))
            commit.field("commit", "1")
            request = commit.finished()
            try await client.execute(uri: "/events/import", method: .post, headers: TestSession.merge(request.headers, me.pages),
                                     body: request.body) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("Imported."))
            }
            #expect(try await session.store.events.search(EventQuery(text: "مکتب"), visibility: EventVisibility(AccessPolicy.Subject(me.user))).total == 2)
            for locale in AppLocale.allCases {
                for page in ["/events", "/events/new", path, "/events/import", "/vocabularies?list=act_type"] {
                    try await client.execute(uri: "\(page)\(page.contains("?") ? "&" : "?")lang=\(locale.tag)", method: .get, headers: me.pages) { response async throws in
                        #expect(response.status == .ok, "\(page)")
                        #expect(response.body.readableBytes < 30_000, "\(page) in \(locale.tag) is \(response.body.readableBytes) bytes")
                        #expect(!response.body.text.contains("http://") && !response.body.text.contains("https://"), "\(page)")
                    }
                }
            }
        }
    }
}

/// Small image files for upload tests.
enum EvidenceFixtures {
    static func jpeg(secret: String) -> Data {
        let exif = Array("Exif\0\0GPS \(secret)".utf8)
        let app1: [UInt8] = [0xFF, 0xE1, UInt8((exif.count + 2) >> 8), UInt8((exif.count + 2) & 0xFF)] + exif
        let scan: [UInt8] = [0xFF, 0xDA, 0, 2] + (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 13) } + [0xFF, 0xD9]
        return Data([0xFF, 0xD8] + app1 + scan)
    }
}
