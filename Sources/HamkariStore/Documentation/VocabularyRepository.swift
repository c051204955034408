import Foundation
import HamkariCore
import SQLKit

/// Imported vocabulary lists (such as the HURIDOCS micro-thesauri), beside the built-in ones.
public struct VocabularyRepository: Sendable {
    let backend: any DatabaseBackend

    /// Replaces every term of the lists `terms` belong to, in one transaction; returns how many were stored.
    @discardableResult
    public func replaceLists(with terms: [VocabularyTerm], source: String, actor: String) async throws -> Int {
        let dialect = backend.dialect
        return try await backend.transaction { database in
            for list in Set(terms.map(\.list)) {
                try await database.delete(from: "vocabulary_terms").where("list", .equal, list).run()
            }
            for batch in stride(from: 0, to: terms.count, by: 200).map({ Array(terms[$0..<min($0 + 200, terms.count)]) }) {
                var insert = database.insert(into: "vocabulary_terms")
                    .columns("list", "code", "parent_code", "level", "label_en", "label_fa", "label_ps", "label_uz", "articles", "source")
                for term in batch {
                    insert = insert.values(
                        SQLBind(term.list), SQLBind(term.code), SQLBind(term.parentCode), SQLBind(term.level), SQLBind(term.labels.english),
                        SQLBind(term.labels.dari), SQLBind(term.labels.pashto), SQLBind(term.labels.uzbek),
                        SQLBind(term.articles.joined(separator: ",")), SQLBind(source))
                }
                try await insert.run()
            }
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: .vocabularyImported, target: "\(terms.count) terms from \(source)"), in: database, dialect: dialect)
            return terms.count
        }
    }

    /// Each imported list with its number of terms.
    public func lists() async throws -> [(list: String, count: Int)] {
        try await backend.read { database in
            try await database.raw("SELECT list, COUNT(*) AS n FROM vocabulary_terms GROUP BY list ORDER BY list").all()
                .map { (list: try $0.text("list"), count: try $0.int("n")) }
        }
    }

    public func terms(in list: String) async throws -> [VocabularyTerm] {
        try await backend.read { database in
            try await database.select().column("*").from("vocabulary_terms").where("list", .equal, list).orderBy("code").all().map { row in
                VocabularyTerm(
                    list: try row.text("list"), code: try row.text("code"),
                    labels: LocalizedNames(english: try row.text("label_en"), dari: try row.optionalText("label_fa"),
                                           pashto: try row.optionalText("label_ps"), uzbek: try row.optionalText("label_uz")),
                    parentCode: try row.optionalText("parent_code"), level: try row.int("level"),
                    articles: try row.text("articles").split(separator: ",").map(String.init))
            }
        }
    }
}
