import HamkariCore
import HamkariStore

/// The option lists of the events filter in one language, made from the reference data and kept
/// with it (`ReferenceCache`), so that a list page does not render them again on every request.
struct EventFilterOptions: Sendable {
    let provinces: RenderedOptions
    let districts: RenderedOptions
    let actTypes: RenderedOptions
    let perpetratorTypes: RenderedOptions
    let statuses: RenderedOptions
    let sexes: RenderedOptions
    let ageGroups: RenderedOptions

    /// The lists for `view`'s language, with districts as `EventViewModel.districtGroups` shows them.
    static func cached(
        _ view: EventViewModel, province: String?, district: String?, renderer: PageRenderer, store: Store
    ) async throws -> EventFilterOptions {
        // The districts shown depend on the province chosen, or else on the chosen district's province.
        let scope = province.map { "\($0)/" } ?? "/" + (district.flatMap { view.places[$0]?.parentPcode } ?? "")
        return try await store.reference.value(.derived("event-filters:\(view.locale.tag):\(scope)")) {
            EventFilterOptions(
                provinces: renderer.options(view.provinceOptions(selected: nil)),
                districts: renderer.optionGroups(view.districtGroups(selected: district, within: province)),
                actTypes: renderer.options(view.options(.actType, selected: nil)),
                perpetratorTypes: renderer.options(view.options(.perpetratorType, selected: nil)),
                statuses: renderer.options(view.options(VerificationStatus.self, prefix: "status", selected: nil)),
                sexes: renderer.options(view.options(Person.Sex.self, prefix: "sex", selected: nil)),
                ageGroups: renderer.options(view.options(Person.AgeGroup.self, prefix: "age", selected: nil)))
        }
    }
}
