/// HXL hashtags (https://hxlstandard.org) for the records CSV: a row of tags under the header lets
/// humanitarian tools (HDX, the HXL Proxy, OCHA's dashboards) read an export without a mapping.
/// The tagged file keeps Hamkari's columns, so it imports again: the importer skips the tag row.
public enum EventHXL {
    static let hashtags: [String: String] = [
        "event_key": "#event+id", "reference": "#event+code", "status": "#status+verification",
        "title": "#event+name", "description": "#description", "date": "#date", "calendar": "#date+calendar",
        "province": "#adm1+code", "district": "#adm2+code", "village": "#loc+name",
        "latitude": "#geo+lat", "longitude": "#geo+lon", "confidentiality": "#meta+confidentiality",
        "act_type": "#event+type", "act_date": "#date+act", "rights": "#indicator+rights", "act_notes": "#description+act",
        "victim_name": "#affected+name", "victim_sex": "#affected+sex", "victim_age_group": "#affected+age",
        "victim_occupation": "#affected+occupation", "victim_is_hrd": "#affected+hrd",
        "victims_men": "#affected+m+adults", "victims_women": "#affected+f+adults",
        "victims_boys": "#affected+m+children", "victims_girls": "#affected+f+children", "victims_unknown": "#affected+unknown",
        "perpetrator_type": "#group+perpetrator+type", "perpetrator_group": "#group+perpetrator+name",
        "involvement_degree": "#group+perpetrator+involvement",
        "source_method": "#meta+source+method", "source_reliability": "#meta+source+reliability",
        "source_credibility": "#meta+source+credibility", "source_consent": "#meta+source+consent",
        "victims_total": "#affected+total", "killed": "#affected+killed", "injured": "#affected+injured",
    ]

    /// Counts humanitarian datasets carry per row, worked out from the act; ignored on import.
    public static let derivedColumns = ["victims_total", "killed", "injured"]

    public static func tag(of column: String) -> String { hashtags[column] ?? "#meta+\(column)" }

    /// A HXL tag row: every filled field a hashtag, at least one filled.
    public static func isHashtagRow(_ fields: [String]) -> Bool {
        let filled = fields.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return !filled.isEmpty && filled.allSatisfy { $0.hasPrefix("#") }
    }

    /// The derived counts of one act's row.
    static func derived(_ act: Act) -> [String: String] {
        let victims: Int
        switch act.victim {
        case .person: victims = 1
        case .group(let count): victims = count.total
        }
        return ["victims_total": String(victims), "killed": String(act.type == "killing" ? victims : 0),
                "injured": String(act.type == "injury" ? victims : 0)]
    }
}
