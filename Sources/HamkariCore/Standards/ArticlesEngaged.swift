extension Event {
    /// The articles of the standards its acts engage: those the vocabulary links to each type of act
    /// and each right affected, in the instruments' order.
    public func articlesEngaged(in vocabulary: Vocabulary) -> [ArticleReference] {
        var cited = Set<String>()
        for act in acts {
            cited.formUnion(vocabulary.term(.actType, act.type)?.articles ?? [])
            for right in act.rightsAffected { cited.formUnion(vocabulary.term(.rightAffected, right)?.articles ?? []) }
        }
        return cited.compactMap(ArticleReference.init).sorted()
    }
}
