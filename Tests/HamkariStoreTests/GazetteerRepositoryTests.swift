import HamkariCore
import HamkariStore
import TestSupport
import Testing

@Suite("Gazetteer repository")
struct GazetteerRepositoryTests {
    @Test("Provinces and the districts of a province, by P-code", arguments: TestDatabase.all)
    func lookups(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let provinces = try await store.gazetteer.provinces()
            #expect(provinces.count == 34)
            #expect(provinces.first?.pcode == "AF01")
            let takhar = try await store.gazetteer.districts(ofProvince: "AF18")
            #expect(takhar.count == 17)
            #expect(takhar.first?.nameDari == "تالقان")
            let taloqan = try #require(try await store.gazetteer.unit(pcode: "AF1801"))
            #expect(taloqan.latitude == 36.7398)
            #expect(taloqan.validFrom == "2021-11-17")
            #expect(try await store.gazetteer.unit(pcode: "AF9999") == nil)
            #expect(try await store.gazetteer.districts(ofProvince: "AF01").isEmpty)
        }
    }

    @Test("Importing OCHA's full list gives 34 provinces and 401 districts and keeps the Dari names", arguments: TestDatabase.all)
    func importFullList(database: TestDatabase) async throws {
        let units = try PcodeListImport.parse(try SharedData.text(SharedData.ochaPcodes), source: "OCHA test import")
        try await database.withStore { store async throws in
            try await store.gazetteer.importUnits(units, actor: "test")
            #expect(try await store.gazetteer.count(level: .province) == 34)
            #expect(try await store.gazetteer.count(level: .district) == 401)
            let taloqan = try #require(try await store.gazetteer.unit(pcode: "AF1801"))
            #expect(taloqan.nameDari == "تالقان")
            #expect(taloqan.latitude != nil)
            #expect(taloqan.source == "OCHA test import")
            #expect(try await store.gazetteer.districts(ofProvince: "AF01").count == 15)
            try await store.gazetteer.importUnits(units, actor: "test")
            #expect(try await store.gazetteer.count(level: .district) == 401)
        }
    }
}
