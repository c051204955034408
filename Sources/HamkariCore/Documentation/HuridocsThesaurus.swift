import Foundation

/// Reads the HURIDOCS micro-thesauri as published for OpenEvSys (`vocab_number, huri_code,
/// list_code, list_name, term_level, term_order, parent_vocab_number, visible, english, …`).
/// Each micro-thesaurus becomes a list `huridocs:<name>`; each term keeps its HURIDOCS code and
/// its place in the hierarchy. The whole file is checked before anything is returned.
public enum HuridocsThesaurus {
    public static let listPrefix = "huridocs:"
    static let requiredColumns = ["vocab_number", "huri_code", "list_code", "list_name", "term_level", "parent_vocab_number", "english"]

    public static func terms(in text: String) throws(CSVError) -> [VocabularyTerm] {
        let records = try CSVReader.records(in: text)
        guard let header = records.first else { throw CSVError(line: 1, reason: "the file is empty") }
        var column: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() { column[name.trimmingCharacters(in: .whitespaces).lowercased()] = index }
        if let missing = requiredColumns.first(where: { column[$0] == nil }) {
            throw CSVError(line: header.line, reason: "the header has no \(missing) column; is this the HURIDOCS micro-thesauri file?")
        }
        struct Raw { let line: Int; let number: String; let code: String; let list: String; let level: Int; let parent: String; let english: String }
        var raws: [Raw] = []
        var codeByNumber: [String: String] = [:]
        for record in records.dropFirst() {
            func field(_ name: String) -> String {
                let index = column[name]!
                return index < record.fields.count ? record.fields[index].trimmingCharacters(in: .whitespaces) : ""
            }
            let number = field("vocab_number"), code = field("huri_code"), english = field("english")
            guard !number.isEmpty, !code.isEmpty, code.allSatisfy(\.isNumber) else {
                throw CSVError(line: record.line, reason: "a term needs a vocab_number and a numeric huri_code")
            }
            guard !english.isEmpty else { throw CSVError(line: record.line, reason: "the term \(code) has no English label") }
            // Catch-all terms ("Others") carry a negative level in the published file: they sit at the top.
            guard let level = Int(field("term_level")).map({ max(0, $0) }), level <= 9 else {
                throw CSVError(line: record.line, reason: "term_level must be a small number")
            }
            let name = field("list_name").isEmpty ? "list-\(field("list_code"))" : field("list_name")
            raws.append(Raw(line: record.line, number: number, code: code, list: listPrefix + name, level: level,
                            parent: field("parent_vocab_number"), english: english))
            codeByNumber[number] = code
        }
        var seen = Set<String>()
        return try raws.map { raw throws(CSVError) in
            guard seen.insert("\(raw.list) \(raw.code)").inserted else {
                throw CSVError(line: raw.line, reason: "the code \(raw.code) appears twice in \(raw.list)")
            }
            let parent = raw.parent.trimmingCharacters(in: CharacterSet(charactersIn: "0")).isEmpty ? nil : codeByNumber[raw.parent]
            return VocabularyTerm(list: raw.list, code: raw.code, labels: LocalizedNames(english: raw.english), parentCode: parent, level: raw.level)
        }
    }
}
