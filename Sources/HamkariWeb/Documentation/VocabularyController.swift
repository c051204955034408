import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// The vocabularies: the built-in lists records use, and imported ones (HURIDOCS micro-thesauri).
struct VocabularyController: Sendable {
    let store: Store
    let renderer: PageRenderer

    struct TermDocument: Encodable, Sendable {
        let code: String
        let label: String
        let labels: [String: String]
        let parent: String?
        let level: Int
        let articles: [String]

        init(_ term: VocabularyTerm, locale: AppLocale) {
            code = term.code
            label = term.labels.name(in: locale)
            labels = Dictionary(uniqueKeysWithValues: AppLocale.allCases.map { ($0.tag, term.labels.name(in: $0)) })
            parent = term.parentCode
            level = term.level
            articles = term.articles
        }
    }

    struct ListsDocument: Encodable, Sendable {
        struct List: Encodable, Sendable {
            let list: String
            let builtIn: Bool
            let terms: Int
        }
        let lists: [List]
    }

    struct TermsDocument: Encodable, Sendable {
        let list: String
        let terms: [TermDocument]
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/vocabularies", .viewEvents) { _, _, _ in
            JSONBody(value: ListsDocument(lists: try await lists().map { .init(list: $0.list, builtIn: $0.builtIn, terms: $0.count) }))
        }
        guarded.allowed(.get, "/api/v1/vocabularies/{list}", .viewEvents) { _, context, _ in
            let name = context.parameters.get("list") ?? ""
            let terms = try await terms(of: name)
            guard !terms.isEmpty else { throw AppError.notFound }
            return JSONBody(value: TermsDocument(list: name, terms: terms.map { TermDocument($0, locale: context.locale) }))
        }
        guarded.allowed(.get, "/vocabularies", .viewEvents) { request, context, _ in
            let selected = request.uri.queryParameters.get("list").map { String($0) }
            var values: [String: Any] = [
                "lists": try await lists().map { ["list": $0.list, "count": Numerals.format($0.count, for: context.locale),
                                                  "current": $0.list == selected] },
            ]
            if let selected {
                values["selected"] = selected
                values["terms"] = try await terms(of: selected).map { term -> [String: Any] in
                    ["code": term.code, "label": term.labels.name(in: context.locale), "indent": term.level,
                     "articles": term.articles.joined(separator: ", ")]
                }
            }
            return renderer.render("vocabularies", title: renderer.localizer.string("vocabularies_title", context.locale), values: values,
                                   networkName: try await store.networkName(), request: request, context: context)
        }
    }

    private func lists() async throws -> [(list: String, builtIn: Bool, count: Int)] {
        VocabularyList.allCases.map { (list: $0.rawValue, builtIn: true, count: Vocabulary.builtIn.terms(in: $0).count) }
            + (try await store.vocabularies.lists()).map { (list: $0.list, builtIn: false, count: $0.count) }
    }

    private func terms(of name: String) async throws -> [VocabularyTerm] {
        if let list = VocabularyList(rawValue: name) { return Vocabulary.builtIn.terms(in: list) }
        return try await store.vocabularies.terms(in: name)
    }
}
