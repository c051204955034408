import HamkariCore

/// Articles as the library's pages show them: each in its own language and direction.
struct StandardsView {
    let localizer: Localizer
    let locale: AppLocale

    func text(_ key: String) -> String { localizer.string(key, locale) }

    func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }

    /// The reader's own language first, then English, then the rest.
    func ordered(_ articles: [StandardArticle]) -> [StandardArticle] {
        articles.sorted { rank($0) != rank($1) ? rank($0) < rank($1) : $0.language < $1.language }
    }

    private func rank(_ article: StandardArticle) -> Int {
        switch StandardArticle.locale(ofLanguage: article.language) {
        case locale: 0
        case .english: 1
        default: 2
        }
    }

    func articleBlock(_ article: StandardArticle) -> [String: Any] {
        ["language": article.language, "languageName": StandardArticle.endonym(article.language), "title": article.title,
         "dir": StandardArticle.isRightToLeft(article.language) ? "rtl" : "ltr", "paragraphs": paragraphs(article.text)]
    }

    func result(_ article: StandardArticle) -> [String: Any] {
        let excerpt = article.text.count > 240 ? String(article.text.prefix(240)) + "…" : article.text
        return ["path": "/standards/\(article.instrument)/\(article.number)", "reference": article.reference.description,
                "language": article.language, "languageName": StandardArticle.endonym(article.language), "title": article.title,
                "dir": StandardArticle.isRightToLeft(article.language) ? "rtl" : "ltr", "excerpt": excerpt]
    }
}
