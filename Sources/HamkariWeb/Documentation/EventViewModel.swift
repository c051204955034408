import Foundation
import HamkariCore
import HamkariStore

/// Turns events into what templates show, in the reader's language and calendar.
struct EventViewModel {
    let localizer: Localizer
    let locale: AppLocale
    let calendar: CalendarSystem
    let places: [String: AdminUnit]
    let organisations: [UUID: Organisation]
    let vocabulary = Vocabulary.builtIn

    init(localizer: Localizer, context: AppRequestContext, units: [AdminUnit], organisations: [Organisation]) {
        self.init(localizer: localizer, locale: context.locale, calendar: context.calendar, units: units, organisations: organisations)
    }

    init(localizer: Localizer, locale: AppLocale, calendar: CalendarSystem, units: [AdminUnit], organisations: [Organisation]) {
        self.localizer = localizer
        self.locale = locale
        self.calendar = calendar
        places = Dictionary(units.map { ($0.pcode, $0) }, uniquingKeysWith: { first, _ in first })
        self.organisations = Dictionary(organisations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func text(_ key: String) -> String { localizer.string(key, locale) }

    func date(_ date: EventDate?) -> String {
        date?.formatted(in: locale, calendar: calendar) { text("season_\($0.rawValue)") } ?? text("date_unknown")
    }

    func place(province: String?, district: String?) -> String {
        [district, province].compactMap { $0.flatMap { places[$0]?.name(in: locale) } }
            .joined(separator: locale.isRightToLeft ? "، " : ", ")
    }

    func organisation(_ id: UUID?) -> String {
        id.flatMap { organisations[$0]?.names.name(in: locale) } ?? ""
    }

    func summaryRow(_ summary: EventSummary) -> [String: Any] {
        [
            "id": summary.id.text, "reference": summary.reference, "title": summary.title, "date": date(summary.date),
            "place": place(province: summary.provincePcode, district: summary.districtPcode),
            "status": text("status_\(summary.status.rawValue)"), "statusCode": summary.status.rawValue,
            "acts": summary.actTypes.map { vocabulary.label(.actType, $0, in: locale) }.joined(separator: "; "),
        ]
    }

    func number(_ value: Int) -> String { Numerals.format(value, for: locale) }

    func victim(_ act: Act, in event: Event) -> String {
        switch act.victim {
        case .person(let id): return event.person(id)?.code ?? ""
        case .group(let count):
            return [("men", count.men), ("women", count.women), ("boys", count.boys), ("girls", count.girls), ("unknown", count.unknown)]
                .filter { $0.1 > 0 }.map { "\(text("group_\($0.0)")): \(number($0.1))" }.joined(separator: ", ")
        }
    }

    /// Options for a select of a vocabulary list, the current value marked.
    func options(_ list: VocabularyList, selected: String?) -> [[String: Any]] {
        vocabulary.terms(in: list).map { ["value": $0.code, "label": $0.labels.name(in: locale), "selected": $0.code == selected] }
    }

    func options<Value: CaseIterable & RawRepresentable>(
        _ type: Value.Type, prefix: String, selected: Value?
    ) -> [[String: Any]] where Value.RawValue == String {
        type.allCases.map { option in
            ["value": option.rawValue, "label": text("\(prefix)_\(option.rawValue)"), "selected": option.rawValue == selected?.rawValue]
        }
    }

    func provinceOptions(selected: String?) -> [[String: Any]] {
        places.values.filter { $0.level == .province }.sorted { $0.pcode < $1.pcode }
            .map { ["value": $0.pcode, "label": $0.name(in: locale), "selected": $0.pcode == selected] }
    }

    /// Districts grouped by province, for a select with `optgroup`s: those of `province` when one is
    /// chosen, else of the provinces the member organisations work in (a full gazetteer has some 400
    /// districts, too many for a small page), and always the district already chosen.
    func districtGroups(selected: String?, within province: String?) -> [[String: Any]] {
        var provinces = province.map { [$0] } ?? Set(organisations.values.compactMap(\.provincePcode))
        if let selected, let parent = places[selected]?.parentPcode { provinces.insert(parent) }
        let shown = places.values.filter { $0.level == .district && (provinces.isEmpty || provinces.contains($0.parentPcode)) }
        let districts = Dictionary(grouping: shown, by: \.parentPcode)
        return districts.keys.sorted().map { province in
            [
                "label": places[province]?.name(in: locale) ?? province,
                "districts": districts[province]!.sorted { $0.pcode < $1.pcode }
                    .map { ["value": $0.pcode, "label": $0.name(in: locale), "selected": $0.pcode == selected] },
            ]
        }
    }

    func organisationOptions(selected: Set<UUID>) -> [[String: Any]] {
        organisations.values.sorted { $0.names.english < $1.names.english }
            .map { ["value": $0.id.text, "label": $0.names.name(in: locale), "selected": selected.contains($0.id)] }
    }
}
