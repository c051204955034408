import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// The standards library: instruments, their articles in every imported language, search in any
/// spelling; pages for every member and the same through the API. Coordinators import texts.
struct StandardsController: Sendable {
    let store: Store
    let renderer: PageRenderer
    static let importLimit = 4 << 20

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/standards", .viewStandards) { _, context, _ in
            let holdings = try await store.standards.holdings()
            return JSONBody(value: StandardsDocuments.Instruments(instruments: StandardInstrument.builtIn.map {
                StandardsDocuments.Instrument($0, holdings: holdings[$0.code] ?? [], locale: context.locale)
            }))
        }
        guarded.allowed(.get, "/api/v1/standards/search", .viewStandards) { request, _, _ in
            let parameters = request.uri.queryParameters
            let found = try await store.standards.search(parameters.get("q") ?? "", language: parameters.get("language").flatMap(Self.nonEmpty))
            return JSONBody(value: StandardsDocuments.Articles(articles: found.map(StandardsDocuments.Article.init)))
        }
        guarded.allowed(.get, "/api/v1/standards/{code}", .viewStandards) { request, context, _ in
            let instrument = try Self.instrument(context)
            let language = try await language(of: instrument, asked: request.uri.queryParameters.get("language"), context)
            let articles = try await store.standards.articles(of: instrument.code, language: language)
            return JSONBody(value: StandardsDocuments.Articles(articles: articles.map(StandardsDocuments.Article.init)))
        }
        guarded.allowed(.get, "/api/v1/standards/{code}/{number}", .viewStandards) { _, context, _ in
            let translations = try await translations(context)
            return JSONBody(value: StandardsDocuments.Articles(articles: translations.map(StandardsDocuments.Article.init)))
        }
        guarded.allowed(.post, "/api/v1/standards/import", .importStandards) { request, _, identity in
            var request = request
            let body = try await request.collectBody(upTo: Self.importLimit)
            let result: StandardsImport.Result
            do throws(StandardsImport.Failure) {
                result = try StandardsImport.parse(Data(buffer: body))
            } catch {
                throw AppError.invalid([ValidationIssue(field: "file", messageKey: error.messageKey, value: error.value)],
                                       code: "invalid_file", messageKey: "error_invalid_file")
            }
            let source = request.uri.queryParameters.get("source").flatMap(Self.nonEmpty) ?? "API upload"
            try await store.standards.importArticles(result, source: String(source.prefix(200)), actor: identity.user.id.text)
            return JSONBody(value: StandardsDocuments.Imported(instrument: result.instrument, language: result.language,
                                                               articles: result.articles.count), status: .created)
        }
        guarded.allowed(.get, "/standards", .viewStandards) { request, context, _ in
            try await libraryPage(request, context)
        }
        guarded.allowed(.get, "/standards/{code}", .viewStandards) { request, context, _ in
            try await instrumentPage(request, context)
        }
        guarded.allowed(.get, "/standards/{code}/{number}", .viewStandards) { request, context, _ in
            let translations = try await translations(context)
            let view = StandardsView(localizer: renderer.localizer, locale: context.locale)
            let first = translations[0]
            let instrument = StandardInstrument.builtIn(code: first.instrument)
            let values: [String: Any] = [
                "instrument": instrument?.names.name(in: context.locale) ?? first.instrument, "code": first.instrument,
                "reference": first.reference.description,
                "translations": view.ordered(translations).map(view.articleBlock),
            ]
            return renderer.render("standard-article", title: first.reference.description, values: values,
                                   networkName: try await store.networkName(), request: request, context: context)
        }
    }

    private func libraryPage(_ request: Request, _ context: AppRequestContext) async throws -> HTMLPage {
        let parameters = request.uri.queryParameters
        let view = StandardsView(localizer: renderer.localizer, locale: context.locale)
        let holdings = try await store.standards.holdings()
        let query = parameters.get("q") ?? ""
        let language = parameters.get("language").flatMap(Self.nonEmpty)
        let languages = Set(holdings.values.flatMap { $0.map(\.language) }).sorted()
        var values: [String: Any] = [
            "q": query,
            "instruments": StandardInstrument.builtIn.map { instrument -> [String: Any] in
                let held = holdings[instrument.code] ?? []
                return ["code": instrument.code, "name": instrument.names.name(in: context.locale), "adopted": Numerals.format(instrument.adopted, for: context.locale),
                        "languages": held.map { ["language": $0.language, "name": StandardArticle.endonym($0.language),
                                                  "count": Numerals.format($0.articles, for: context.locale)] },
                        "empty": held.isEmpty]
            },
            "languages": languages.map { ["value": $0, "label": StandardArticle.endonym($0), "selected": $0 == language] },
            "searched": !query.isEmpty,
        ]
        if !query.isEmpty {
            let found = try await store.standards.search(query, language: language)
            values["results"] = found.map(view.result)
            values["resultCount"] = Numerals.format(found.count, for: context.locale)
        }
        return renderer.render("standards", title: view.text("standards_title"), values: values,
                               networkName: try await store.networkName(), request: request, context: context)
    }

    private func instrumentPage(_ request: Request, _ context: AppRequestContext) async throws -> HTMLPage {
        let instrument = try Self.instrument(context)
        let view = StandardsView(localizer: renderer.localizer, locale: context.locale)
        let held = (try await store.standards.holdings())[instrument.code] ?? []
        let language = try await language(of: instrument, asked: request.uri.queryParameters.get("language"), context)
        let articles = try await store.standards.articles(of: instrument.code, language: language)
        let values: [String: Any] = [
            "code": instrument.code, "name": instrument.names.name(in: context.locale),
            "languages": held.map { ["value": $0.language, "label": StandardArticle.endonym($0.language), "current": $0.language == language] },
            "language": language, "dir": StandardArticle.isRightToLeft(language) ? "rtl" : "ltr",
            "articles": articles.map { ["number": $0.number, "title": $0.title, "paragraphs": view.paragraphs($0.text)] },
            "empty": articles.isEmpty,
        ]
        return renderer.render("standard-instrument", title: instrument.names.name(in: context.locale), values: values,
                               networkName: try await store.networkName(), request: request, context: context)
    }

    /// The instrument a path names, or 404.
    static func instrument(_ context: AppRequestContext) throws -> StandardInstrument {
        guard let instrument = context.parameters.get("code").flatMap(StandardInstrument.builtIn(code:)) else { throw AppError.notFound }
        return instrument
    }

    /// The article a path names, in every language it has; 404 when it has none.
    private func translations(_ context: AppRequestContext) async throws -> [StandardArticle] {
        let instrument = try Self.instrument(context)
        guard let number = context.parameters.get("number"), !number.isEmpty, number.count <= 10, number.allSatisfy(\.isNumber) else {
            throw AppError.notFound
        }
        let translations = try await store.standards.translations(of: ArticleReference(instrument: instrument.code, number: number))
        guard !translations.isEmpty else { throw AppError.notFound }
        return translations
    }

    /// The language asked for when the instrument has it, else the one that serves the reader best.
    private func language(of instrument: StandardInstrument, asked: String?, _ context: AppRequestContext) async throws -> String {
        let held = ((try await store.standards.holdings())[instrument.code] ?? []).map(\.language)
        if let asked, held.contains(asked) { return asked }
        return StandardArticle.language(for: context.locale, among: held) ?? "en"
    }

    static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }
}
