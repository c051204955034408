/// The reports the builder makes: one for the network's advocacy and briefings, and the three
/// shaped for the UN human rights mechanisms. Every one of them is a publication: only verified
/// records every source of which agreed to public use, with small counts held back.
public enum ReportKind: String, CaseIterable, Sendable {
    /// Summary figures, charts, a map, tables, anonymised case summaries and the methodology.
    case general
    /// The annex of a stakeholder submission to the Universal Periodic Review: documented
    /// violations by right affected and by year.
    case upr
    /// For the Committee on the Elimination of Discrimination against Women: violence against
    /// women and girls, by type of act.
    case cedaw
    /// For the Committee on the Rights of the Child: violations against children, by type of act.
    case crc
}
