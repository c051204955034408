import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The UDHR-in-Unicode format: `<udhr xml:lang=…>` holding `<article number=…>` elements, each a
/// `<title>` and paragraphs, some in numbered lists.
enum UDHRXML {
    static func parse(_ data: Data) throws(StandardsImport.Failure) -> StandardsImport.Result {
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse(), reader.failure == nil else {
            throw reader.failure ?? StandardsImport.Failure(.malformedXML, String(parser.lineNumber))
        }
        guard let language = reader.language, !language.isEmpty else { throw StandardsImport.Failure(.noLanguage) }
        return StandardsImport.Result(instrument: "UDHR", language: language, articles: reader.articles.map {
            StandardArticle(instrument: "UDHR", number: $0.number, language: language, title: $0.title, text: $0.paragraphs.joined(separator: "\n"))
        })
    }

    private final class Reader: NSObject, XMLParserDelegate {
        struct Article { var number: String; var title = ""; var paragraphs: [String] = [] }
        var language: String?
        var articles: [Article] = []
        var failure: StandardsImport.Failure?
        private var current: Article?
        private var text = ""
        private var listItem: Int?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "udhr": language = attributes["xml:lang"]
            case "article":
                guard let number = attributes["number"], !number.isEmpty else { failure = StandardsImport.Failure(.articleWithoutNumber); parser.abortParsing(); return }
                current = Article(number: number)
            case "orderedlist": listItem = 0
            case "listitem": listItem = (listItem ?? 0) + 1
            default: break
            }
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let value = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            switch name {
            case "title" where current != nil: current?.title = value
            case "para" where current != nil && !value.isEmpty:
                let numbered = listItem.map { $0 > 0 && current?.paragraphs.count ?? 0 < $0 ? "\($0). " : "" } ?? ""
                current?.paragraphs.append(numbered + value)
            case "orderedlist": listItem = nil
            case "article":
                if let current { articles.append(current) }
                current = nil
            default: break
            }
            text = ""
        }
    }
}
