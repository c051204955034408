extension Migrations {
    /// The standards library: articles of the instruments in every imported language, and their
    /// normalised words for search (public texts: plain words, one code path on both engines).
    static let m009Standards = Migration(9, "standards library: articles in every language, their words") { t in [
        """
        CREATE TABLE standard_articles (
            instrument TEXT NOT NULL,
            number TEXT NOT NULL,
            language TEXT NOT NULL,
            position \(t.integer) NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            source TEXT NOT NULL,
            imported_at \(t.bigint) NOT NULL,
            PRIMARY KEY (instrument, number, language)
        )
        """,
        """
        CREATE TABLE standard_article_words (
            word TEXT NOT NULL,
            language TEXT NOT NULL,
            instrument TEXT NOT NULL,
            number TEXT NOT NULL,
            PRIMARY KEY (word, language, instrument, number)
        )
        """,
        "CREATE INDEX standard_article_words_by_article ON standard_article_words (instrument, number, language)",
    ] }
}
