import Foundation
import HamkariCore
import TestSupport
import Testing

@Suite("Standards library: reading the UDHR and the treaties")
struct StandardsImportTests {
    @Test("Each UDHR-in-Unicode file gives 30 articles in its language, numbered lists kept",
          arguments: [("udhr_eng.xml", "en"), ("udhr_pes_2.xml", "fa-AF"), ("udhr_pbu.xml", "ps"), ("udhr_uzn_latn.xml", "uz-Latn")])
    func declaration(file: String, language: String) throws {
        let result = try StandardsImport.parse(try Data(contentsOf: SharedData.url("udhr/\(file)")))
        #expect(result.instrument == "UDHR")
        #expect(result.language == language)
        #expect(result.articles.map(\.number) == (1...30).map(String.init))
        #expect(result.articles.allSatisfy { !$0.title.isEmpty && !$0.text.isEmpty && $0.language == language })
        #expect(result.articles[24].text.split(separator: "\n").count == 2, "article 25 has two numbered paragraphs")
        #expect(result.articles[24].text.hasPrefix("1. "))
    }

    @Test("The treaties give their English articles only, links stripped",
          arguments: [("ICCPR_BWBV0001017.md", "ICCPR", 53), ("ICESCR_BWBV0001016.md", "ICESCR", 31), ("CEDAW_BWBV0002909.md", "CEDAW", 30),
                      ("CRC_BWBV0002508.md", "CRC", 54), ("CAT_BWBV0002507.md", "CAT", 33)])
    func treaty(file: String, code: String, count: Int) throws {
        let result = try StandardsImport.parse(try Data(contentsOf: SharedData.url("treaties/\(file)")))
        #expect(result.instrument == code)
        #expect(result.language == "en")
        #expect(result.articles.count == count)
        #expect(result.articles.first?.number == "1")
        #expect(result.articles.allSatisfy { !$0.text.contains("](") && !$0.text.contains("Artikel") })
        let expected = try Self.firstCharacters(of: code)
        for article in result.articles {
            let start = try #require(expected[article.number], "article \(article.number) is in the published list")
            #expect(article.text.replacingOccurrences(of: "\n", with: " ").hasPrefix(start.prefix(60)), "\(code) \(article.number)")
        }
    }

    @Test("What is neither format, or names no known instrument, or repeats an article, is refused with a reason")
    func refusals() {
        #expect(throws: StandardsImport.Failure(.unknownFormat)) {
            try StandardsImport.parse(Data("name,article\nx,1\n".utf8))
        }
        #expect(throws: StandardsImport.Failure(.unknownInstrument, "Charter of the Moon")) {
            try StandardsImport.parse(Data("####Charter of the Moon\n### Article 1\nText.\n".utf8))
        }
        #expect(throws: StandardsImport.Failure(.repeatedArticle, "1")) {
            try StandardsImport.parse(Data("<udhr xml:lang='en'><article number='1'><para>a</para></article><article number='1'><para>b</para></article></udhr>".utf8))
        }
        #expect(throws: StandardsImport.Failure.self) { try StandardsImport.parse(Data("<udhr xml:lang='en'><article number='1'>".utf8)) }
        #expect(throws: StandardsImport.Failure(.noArticles)) {
            try StandardsImport.parse(Data("####Convention on the Rights of the Child\nNo articles here.\n".utf8))
        }
    }

    @Test("Articles are cited as UDHR 19; a language serves the interface language it is written in")
    func references() {
        #expect(ArticleReference("UDHR 19") == ArticleReference(instrument: "UDHR", number: "19"))
        #expect(ArticleReference("crc-38")?.description == "CRC 38")
        #expect(ArticleReference("UDHR art. 5")?.number == "5")
        #expect(ArticleReference("UDHR") == nil && ArticleReference("19 UDHR") == nil && ArticleReference("") == nil)
        #expect([ArticleReference("UDHR 10")!, ArticleReference("UDHR 9")!, ArticleReference("CRC 1")!].sorted().map(\.description) == ["CRC 1", "UDHR 9", "UDHR 10"])
        #expect(StandardArticle.language(for: .uzbek, among: ["en", "uz-Cyrl", "uz-Latn"]) == "uz-Latn")
        #expect(StandardArticle.language(for: .pashto, among: ["en", "fa-AF"]) == "en")
    }

    /// The first characters of each article as the dataset's own list gives them (treaties/core_treaties_articles_en.csv).
    static func firstCharacters(of code: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for record in try CSVReader.records(in: try SharedData.text("treaties/core_treaties_articles_en.csv")).dropFirst() where record.fields[0] == code {
            // The list keeps the Markdown links; the library keeps their text only.
            let text = record.fields[4].replacing(/\]\([^)]*\)?/, with: "").replacing("[", with: "")
            result[record.fields[1]] = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return result
    }
}
