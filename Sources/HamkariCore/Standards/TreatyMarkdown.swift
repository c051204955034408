/// A treaty as the Dutch treaty database publishes it in Markdown: the Dutch title, the English
/// title as a `####` heading, `### Article  N` sections, then (after another `####` heading) an
/// optional protocol or the Dutch text, which are left out.
enum TreatyMarkdown {
    static func parse(_ text: String) throws(StandardsImport.Failure) -> StandardsImport.Result {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingWhiteSpace }
        guard let titleLine = lines.firstIndex(where: { $0.hasPrefix("####") }) else {
            throw StandardsImport.Failure(.noTitle)
        }
        // A title may begin on the heading before ("### Convention" then "####against torture …").
        var title = heading(lines[titleLine])
        if let before = lines[..<titleLine].lastIndex(where: { !$0.isEmpty }), lines[before].hasPrefix("### "),
           !lines[before].lowercased().hasPrefix("### article") {
            title = heading(lines[before]) + " " + title
        }
        guard let instrument = StandardInstrument.builtIn.first(where: { title.lowercased().hasPrefix($0.names.english.lowercased()) })
                ?? StandardInstrument.builtIn.first(where: { title.lowercased().contains($0.names.english.lowercased()) }) else {
            throw StandardsImport.Failure(.unknownInstrument, title)
        }
        var articles: [StandardArticle] = []
        var number: String?
        var paragraphs: [String] = []
        func finish() {
            if let number {
                articles.append(StandardArticle(instrument: instrument.code, number: number, language: "en", title: "Article \(number)",
                                                text: paragraphs.joined(separator: "\n")))
            }
            number = nil
            paragraphs = []
        }
        for line in lines[(titleLine + 1)...] {
            if line.hasPrefix("####") { break }
            if line.hasPrefix("#") {
                finish()
                let words = heading(line).split(separator: " ")
                if words.count == 2, words[0].lowercased() == "article", words[1].allSatisfy({ $0.isNumber }) { number = String(words[1]) }
                continue
            }
            let paragraph = withoutLinks(line)
            if number != nil, !paragraph.isEmpty { paragraphs.append(paragraph) }
        }
        finish()
        return StandardsImport.Result(instrument: instrument.code, language: "en", articles: articles)
    }

    private static func heading(_ line: String) -> String {
        line.drop { $0 == "#" }.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `[text](target)` as `text`, and runs of spaces as one.
    static func withoutLinks(_ line: String) -> String {
        var output = ""
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "[") {
            output += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "]") else { output += rest[open...]; rest = ""; break }
            let afterClose = rest.index(after: close)
            if afterClose < rest.endIndex, rest[afterClose] == "(", let end = rest[afterClose...].firstIndex(of: ")") {
                output += rest[afterOpen..<close]
                rest = rest[rest.index(after: end)...]
            } else {
                output += rest[open..<afterClose]
                rest = rest[afterClose...]
            }
        }
        output += rest
        return output.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
