import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the Universal Declaration of Human Rights from the UDHR-in-Unicode XML files in
/// `../shared/data/udhr/` (Dari `udhr_pes_2.xml`, Pashto `udhr_pbu.xml`, …).
public enum UDHR {
    /// The text of every `<para>`, with character references resolved.
    public static func paragraphs(_ file: String) throws -> [String] {
        let data = try Data(contentsOf: SharedData.url("udhr/\(file)"))
        let collector = ParagraphCollector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else { throw CocoaError(.fileReadCorruptFile) }
        return collector.paragraphs
    }

    public static func text(_ file: String) throws -> String {
        try paragraphs(file).joined(separator: "\n")
    }

    private final class ParagraphCollector: NSObject, XMLParserDelegate {
        var paragraphs: [String] = []
        private var current: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "para" { current = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            current?.append(string)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "para", let text = current {
                paragraphs.append(text)
                current = nil
            }
        }
    }
}
