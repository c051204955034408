import HamkariCore
import HamkariStore
import Hummingbird

/// Provinces and districts: pages and the JSON API.
struct GazetteerController: Sendable {
    let store: Store
    let renderer: PageRenderer

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/gazetteer", .viewGazetteer) { request, context, _ in
            let provinces = try await store.gazetteer.provinces()
            return try await page(heading: renderer.localizer.string("gazetteer_provinces", context.locale),
                                  units: provinces, linked: true, request: request, context: context)
        }
        guarded.allowed(.get, "/gazetteer/{pcode}", .viewGazetteer) { request, context, _ in
            let province = try await province(context)
            let districts = try await store.gazetteer.districts(ofProvince: province.pcode)
            return try await page(heading: province.name(in: context.locale), units: districts, linked: false,
                                  request: request, context: context)
        }
        guarded.allowed(.get, "/api/v1/gazetteer/provinces", .viewGazetteer) { _, _, _ in
            JSONBody(value: ProvinceList(provinces: try await store.gazetteer.provinces().map(AdminUnitDTO.init)))
        }
        guarded.allowed(.get, "/api/v1/gazetteer/provinces/{pcode}/districts", .viewGazetteer) { _, context, _ in
            let province = try await province(context)
            let districts = try await store.gazetteer.districts(ofProvince: province.pcode)
            return JSONBody(value: DistrictList(province: AdminUnitDTO(province), districts: districts.map(AdminUnitDTO.init)))
        }
        guarded.allowed(.get, "/api/v1/gazetteer/units/{pcode}", .viewGazetteer) { _, context, _ in
            guard let unit = try await store.gazetteer.unit(pcode: try pcode(context)) else { throw AppError.notFound }
            return JSONBody(value: AdminUnitDTO(unit))
        }
    }

    private func pcode(_ context: AppRequestContext) throws -> String {
        guard let pcode = context.parameters.get("pcode"), PcodeListImport.isPcode(pcode) else { throw AppError.invalidPcode }
        return pcode
    }

    private func province(_ context: AppRequestContext) async throws -> AdminUnit {
        guard let unit = try await store.gazetteer.unit(pcode: try pcode(context)), unit.level == .province else {
            throw AppError.notFound
        }
        return unit
    }

    private func page(
        heading: String, units: [AdminUnit], linked: Bool, request: Request, context: AppRequestContext
    ) async throws -> HTMLPage {
        let rows = units.map { unit -> [String: Any] in
            var row: [String: Any] = [
                "pcode": unit.pcode, "nameEnglish": unit.nameEnglish, "nameDari": unit.nameDari ?? "",
                "validFrom": unit.validFrom,
            ]
            if let latitude = unit.latitude, let longitude = unit.longitude {
                row["coordinates"] = String(format: "%.4f, %.4f", latitude, longitude)
            }
            if linked { row["href"] = "/gazetteer/\(unit.pcode)" }
            return row
        }
        return renderer.render(
            "gazetteer", title: heading,
            values: ["heading": heading, "units": rows, "hasUnits": !rows.isEmpty, "parentLink": !linked],
            networkName: try await store.networkName(), request: request, context: context
        )
    }
}

struct AdminUnitDTO: Encodable, Sendable {
    let pcode: String
    let level: String
    let parentPcode: String
    let nameEnglish: String
    let nameDari: String?
    let latitude: Double?
    let longitude: Double?
    let validFrom: String
    let source: String

    init(_ unit: AdminUnit) {
        pcode = unit.pcode
        level = unit.level == .province ? "province" : "district"
        parentPcode = unit.parentPcode
        nameEnglish = unit.nameEnglish
        nameDari = unit.nameDari
        latitude = unit.latitude
        longitude = unit.longitude
        validFrom = unit.validFrom
        source = unit.source
    }
}

struct ProvinceList: Encodable, Sendable {
    let provinces: [AdminUnitDTO]
}

struct DistrictList: Encodable, Sendable {
    let province: AdminUnitDTO
    let districts: [AdminUnitDTO]
}

import Foundation
