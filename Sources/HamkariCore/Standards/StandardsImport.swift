import Foundation

/// Reads the texts the standards library is filled from, recognising each by its content: the
/// UDHR-in-Unicode XML format (any language), and treaty texts in Markdown as the Dutch treaty
/// database publishes them (the English text; what follows it is left out). The whole file is
/// checked first: a file that is neither, or names no known instrument, is refused with a reason.
public enum StandardsImport {
    public struct Result: Sendable, Equatable {
        public var instrument: String
        public var language: String
        public var articles: [StandardArticle]
    }

    /// Why a file was refused: a message key of the interface catalogs (`standards_…`, which says
    /// it with `{value}`), and the English sentence for the command line.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public enum Reason: String, Sendable {
            case unknownFormat = "standards_unknown_format"
            case unknownInstrument = "standards_unknown_instrument"
            case noTitle = "standards_no_title"
            case noLanguage = "standards_no_language"
            case malformedXML = "standards_malformed_xml"
            case articleWithoutNumber = "standards_article_without_number"
            case noArticles = "standards_no_articles"
            case repeatedArticle = "standards_repeated_article"
            case emptyArticle = "standards_empty_article"
        }

        public var reason: Reason
        public var value: String

        public init(_ reason: Reason, _ value: String = "") {
            self.reason = reason
            self.value = value
        }

        public var messageKey: String { reason.rawValue }

        public var description: String {
            switch reason {
            case .unknownFormat: "not a UDHR-in-Unicode XML file nor a treaty text in Markdown"
            case .unknownInstrument: "\"\(value)\" is none of the instruments the library knows"
            case .noTitle: "the text has no English title (a #### heading)"
            case .noLanguage: "the declaration names no language (xml:lang)"
            case .malformedXML: "the XML is malformed (line \(value))"
            case .articleWithoutNumber: "an article has no number"
            case .noArticles: "the file holds no articles"
            case .repeatedArticle: "article \(value) appears twice"
            case .emptyArticle: "article \(value) has no text"
            }
        }
    }

    public static func parse(_ data: Data) throws(Failure) -> Result {
        let head = String(decoding: data.prefix(4096), as: UTF8.self)
        let result: Result
        if head.contains("<udhr") {
            result = try UDHRXML.parse(data)
        } else if head.contains("####") || head.contains("### Article") {
            result = try TreatyMarkdown.parse(String(decoding: data, as: UTF8.self))
        } else {
            throw Failure(.unknownFormat)
        }
        guard !result.articles.isEmpty else { throw Failure(.noArticles) }
        var numbers = Set<String>()
        for article in result.articles {
            guard numbers.insert(article.number).inserted else { throw Failure(.repeatedArticle, article.number) }
            guard !article.text.isEmpty else { throw Failure(.emptyArticle, article.number) }
        }
        return result
    }
}
