import Foundation

/// A controlled list of terms that documentation draws on. The built-in lists are Hamkari's own
/// concise vocabulary in the four interface languages; `hamkari vocab import` adds the HURIDOCS
/// micro-thesauri as further lists, each term keeping its HURIDOCS code.
public struct VocabularyTerm: Hashable, Sendable, Codable {
    public var list: String
    public var code: String
    public var labels: LocalizedNames
    /// The parent term's code, for hierarchical (HURIDOCS) lists.
    public var parentCode: String?
    public var level: Int
    /// Articles of the standards the term engages, such as `UDHR 3` or `CRC 38`.
    public var articles: [String]

    public init(list: String, code: String, labels: LocalizedNames, parentCode: String? = nil, level: Int = 0, articles: [String] = []) {
        self.list = list
        self.code = code
        self.labels = labels
        self.parentCode = parentCode
        self.level = level
        self.articles = articles
    }
}

/// The lists a record's fields take their terms from.
public enum VocabularyList: String, CaseIterable, Sendable {
    case actType = "act_type"
    case perpetratorType = "perpetrator_type"
    case involvementDegree = "involvement_degree"
    case rightAffected = "right_affected"
}

/// Looks terms up by list and code; made of the built-in lists plus any imported ones.
public struct Vocabulary: Sendable {
    public let terms: [VocabularyTerm]
    /// By list, then code.
    private let byCode: [String: [String: VocabularyTerm]]
    /// By list, then each label lower-cased (in any language; the first term with it wins): an
    /// import resolves every act's terms, and lower-casing every label each time was a quarter of it.
    private let byLabel: [String: [String: String]]

    public init(terms: [VocabularyTerm]) {
        self.terms = terms
        var byCode: [String: [String: VocabularyTerm]] = [:]
        var byLabel: [String: [String: String]] = [:]
        for term in terms {
            byCode[term.list, default: [:]][term.code] = term
            for label in [term.labels.english, term.labels.dari, term.labels.pashto, term.labels.uzbek].compactMap({ $0?.lowercased() })
            where byLabel[term.list]?[label] == nil {
                byLabel[term.list, default: [:]][label] = term.code
            }
        }
        self.byCode = byCode
        self.byLabel = byLabel
    }

    public static let builtIn = Vocabulary(terms: BuiltInVocabulary.all)

    public func term(_ list: VocabularyList, _ code: String) -> VocabularyTerm? {
        byCode[list.rawValue]?[code]
    }

    public func contains(_ list: VocabularyList, _ code: String) -> Bool {
        term(list, code) != nil
    }

    public func terms(in list: VocabularyList) -> [VocabularyTerm] {
        terms.filter { $0.list == list.rawValue }
    }

    /// The label in the reader's language, or the code itself for a term no longer in the list.
    public func label(_ list: VocabularyList, _ code: String, in locale: AppLocale) -> String {
        term(list, code)?.labels.name(in: locale) ?? code
    }

    /// Finds a term by its code or by its label in any language, as a CSV file may give either.
    public func resolve(_ list: VocabularyList, _ text: String) -> String? {
        let wanted = text.trimmingWhiteSpace
        if contains(list, wanted) { return wanted }
        return byLabel[list.rawValue]?[wanted.lowercased()]
    }
}
