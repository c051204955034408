import Foundation
import HamkariCore
import HamkariStore
import TestSupport
import Testing

@Suite("Standards library in the store")
struct StandardsRepositoryTests {
    @Test("The four UDHR files give 30 articles in each language, each article's translations linked", arguments: TestDatabase.all)
    func declarations(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await StandardsFixtures.importDeclarations(into: store, treaties: ["CRC_BWBV0002508.md"])
            let holdings = try await store.standards.holdings()
            #expect(holdings["UDHR"]?.map(\.language).sorted() == ["en", "fa-AF", "ps", "uz-Latn"])
            #expect(holdings["UDHR"]?.allSatisfy { $0.articles == 30 } == true)
            #expect(holdings["CRC"]?.map(\.articles) == [54])
            for number in ["1", "19", "30"] {
                let translations = try await store.standards.translations(of: ArticleReference(instrument: "UDHR", number: number))
                #expect(translations.map(\.language).sorted() == ["en", "fa-AF", "ps", "uz-Latn"], "UDHR \(number)")
            }
            let dari = try await store.standards.articles(of: "UDHR", language: "fa-AF")
            #expect(dari.map(\.number) == (1...30).map(String.init), "in the declaration's order")
            // Importing a file again replaces its articles: nothing doubles.
            try await store.standards.importArticles(try StandardsFixtures.read("udhr/udhr_pbu.xml"), source: "again", actor: "test")
            #expect(try await store.standards.articles(of: "UDHR", language: "ps").count == 30)
            #expect(try await store.audit.recent(limit: 1).first?.action == AuditAction.standardsImported.rawValue)
        }
    }

    @Test("A Dari-spelled search finds the Pashto article written with Arabic yeh; words are whole; languages filter", arguments: TestDatabase.all)
    func search(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await StandardsFixtures.importDeclarations(into: store)
            let pashto = try await store.standards.search("تبعیض", language: "ps")
            #expect(pashto.contains { $0.number == "2" }, "Pashto article 2 writes تبعيض with Arabic yeh")
            #expect(pashto.allSatisfy { $0.language == "ps" && $0.text.contains("تبعيض") })
            let english = try await store.standards.search("torture")
            #expect(english.map(\.reference.description) == ["UDHR 5"])
            #expect(try await store.standards.search("tortur").isEmpty, "whole words only")
            #expect(try await store.standards.search("Everyone RIGHT liberty", language: "en").contains { $0.number == "3" })
            #expect(try await store.standards.search("").isEmpty)
            let references = try await store.standards.articles(referenced: [ArticleReference("UDHR 9")!, ArticleReference("CRC 38")!])
            #expect(Set(references.map(\.reference.description)) == ["UDHR 9"], "an instrument not imported cites nothing")
        }
    }
}
