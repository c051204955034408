import HamkariCore
import HamkariStore
import Hummingbird

/// The network's home page: who the network is and what it covers.
struct HomeController: Sendable {
    let store: Store
    let renderer: PageRenderer

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/", .viewHome) { request, context, _ in
            let organisations = try await store.organisations.all()
            let provinces = Set(organisations.compactMap(\.provincePcode))
            let districtCount = try await store.gazetteer.count(level: .district)
            let locale = context.locale
            let networkName = try await store.networkName()
            return renderer.render(
                "home", title: renderer.localizer.string("nav_home", locale),
                values: [
                    "networkName": networkName.name(in: locale),
                    "memberCount": Numerals.format(organisations.count, for: locale),
                    "provincesCovered": Numerals.format(provinces.count, for: locale),
                    "districtsKnown": Numerals.format(districtCount, for: locale),
                ],
                networkName: networkName, request: request, context: context
            )
        }
    }
}
