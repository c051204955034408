import HamkariCore

/// The JSON shapes of the standards library.
enum StandardsDocuments {
    struct Instrument: Encodable, Sendable {
        struct Holding: Encodable, Sendable {
            let language: String
            let articles: Int
        }
        let code: String
        let name: String
        let names: [String: String]
        let kind: String
        let adopted: Int
        let languages: [Holding]

        init(_ instrument: StandardInstrument, holdings: [(language: String, articles: Int)], locale: AppLocale) {
            code = instrument.code
            name = instrument.names.name(in: locale)
            names = Dictionary(uniqueKeysWithValues: AppLocale.allCases.map { ($0.tag, instrument.names.name(in: $0)) })
            kind = instrument.kind.rawValue
            adopted = instrument.adopted
            languages = holdings.map { Holding(language: $0.language, articles: $0.articles) }
        }
    }

    struct Instruments: Encodable, Sendable {
        let instruments: [Instrument]
    }

    struct Article: Encodable, Sendable {
        let instrument: String
        let number: String
        let language: String
        let title: String
        let text: String

        init(_ article: StandardArticle) {
            instrument = article.instrument
            number = article.number
            language = article.language
            title = article.title
            text = article.text
        }
    }

    struct Articles: Encodable, Sendable {
        let articles: [Article]
    }

    struct Imported: Encodable, Sendable {
        let instrument: String
        let language: String
        let articles: Int
    }
}
