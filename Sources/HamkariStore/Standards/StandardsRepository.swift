import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// The standards library: the articles of the instruments, in every language imported. The texts
/// are public, so they are stored as they are; their words are kept normalised (`SearchNormalizer`)
/// so that a search finds an article however its words are spelt.
public struct StandardsRepository: Sendable {
    let backend: any DatabaseBackend

    /// Replaces the articles of one instrument in one language with those read from a file.
    @discardableResult
    public func importArticles(_ result: StandardsImport.Result, source: String, actor: String) async throws -> Int {
        let dialect = backend.dialect
        let now = Int64(Date().timeIntervalSince1970)
        try await backend.transaction { database in
            for table in ["standard_articles", "standard_article_words"] {
                try await database.delete(from: table).where("instrument", .equal, result.instrument)
                    .where("language", .equal, result.language).run()
            }
            var articles = InsertBatch(order: ["standard_articles", "standard_article_words"])
            for (position, article) in result.articles.enumerated() {
                var row = Row()
                row.set("instrument", article.instrument)
                row.set("number", article.number)
                row.set("language", article.language)
                row.set("position", position)
                row.set("title", article.title)
                row.set("body", article.text)
                row.set("source", source)
                row.set("imported_at", now)
                articles.add(row, to: "standard_articles")
                for word in Set(SearchNormalizer.words(article.title + "\n" + article.text)) {
                    var entry = Row()
                    entry.set("word", word)
                    entry.set("language", article.language)
                    entry.set("instrument", article.instrument)
                    entry.set("number", article.number)
                    articles.add(entry, to: "standard_article_words")
                }
            }
            try await articles.write(to: database)
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: .standardsImported,
                           target: "\(result.instrument) \(result.language): \(result.articles.count) articles from \(source)"),
                in: database, dialect: dialect)
        }
        return result.articles.count
    }

    /// For each instrument that has articles, the languages they are in and how many there are in each.
    public func holdings() async throws -> [String: [(language: String, articles: Int)]] {
        try await backend.read { database in
            var holdings: [String: [(language: String, articles: Int)]] = [:]
            for row in try await database.raw("""
                SELECT instrument, language, COUNT(*) AS n FROM standard_articles GROUP BY instrument, language ORDER BY instrument, language
                """).all() {
                holdings[try row.text("instrument"), default: []].append((try row.text("language"), try row.int("n")))
            }
            return holdings
        }
    }

    /// The articles of an instrument in one language, in the instrument's order.
    public func articles(of instrument: String, language: String) async throws -> [StandardArticle] {
        try await backend.read { database in
            try await database.select().columns("instrument", "number", "language", "title", "body").from("standard_articles")
                .where("instrument", .equal, instrument.uppercased()).where("language", .equal, language).orderBy("position")
                .all().map(Self.decode)
        }
    }

    /// An article in every language it was imported in (its translations).
    public func translations(of reference: ArticleReference) async throws -> [StandardArticle] {
        try await articles(referenced: [reference])
    }

    /// The articles cited, each in every language it has (for an event's page or a meeting's agenda).
    public func articles(referenced references: [ArticleReference]) async throws -> [StandardArticle] {
        guard !references.isEmpty else { return [] }
        return try await backend.read { database in
            var found: [StandardArticle] = []
            for instrument in Set(references.map(\.instrument)) {
                let numbers = references.filter { $0.instrument == instrument }.map { SQLBind($0.number) }
                found += try await database.select().columns("instrument", "number", "language", "title", "body").from("standard_articles")
                    .where("instrument", .equal, instrument).where("number", .in, SQLGroupExpression(SQLList(numbers)))
                    .orderBy("language").all().map(Self.decode)
            }
            return found.sorted { $0.reference != $1.reference ? $0.reference < $1.reference : $0.language < $1.language }
        }
    }

    /// Articles holding every word of `text` (whole words, spelling folded), in `language` or any.
    public func search(_ text: String, language: String? = nil, limit: Int = 100) async throws -> [StandardArticle] {
        let words = Array(Set(SearchNormalizer.words(text)))
        guard !words.isEmpty else { return [] }
        let wordList = SQLGroupExpression(SQLList(words.map { SQLBind($0) }))
        let inLanguage: SQLQueryString = language.map { "AND w.language = \(bind: $0)" } ?? ""
        return try await backend.read { database in
            try await database.raw("""
                SELECT a.instrument, a.number, a.language, a.title, a.body FROM standard_articles a JOIN (
                    SELECT w.instrument, w.number, w.language FROM standard_article_words w WHERE w.word IN \(wordList) \(inLanguage)
                    GROUP BY w.instrument, w.number, w.language HAVING COUNT(*) = \(literal: words.count)
                ) m ON m.instrument = a.instrument AND m.number = a.number AND m.language = a.language
                ORDER BY a.instrument, a.position, a.language LIMIT \(literal: limit)
                """).all().map(Self.decode)
        }
    }

    static func decode(_ row: any SQLRow) throws -> StandardArticle {
        StandardArticle(instrument: try row.text("instrument"), number: try row.text("number"), language: try row.text("language"),
                        title: try row.text("title"), text: try row.text("body"))
    }
}
