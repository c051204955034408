import Foundation
import HamkariCore
@testable import HamkariStore
import TestSupport
import Testing

@Suite("Member directory in the store")
struct DirectoryRepositoryTests {
    static func profile(_ english: String, areas: [String], themes: [Theme]) -> OrganisationProfile {
        OrganisationProfile(organisation: Organisation(names: LocalizedNames(english: english, dari: "سازمان \(english)"), kind: .ngo,
                                                       provincePcode: "AF18"), areas: areas, themes: themes)
    }

    @Test("Organisations by district (their own, or their whole province), by province and by theme; networks and memberships",
          arguments: TestDatabase.all)
    func directory(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let takhar = Self.profile("Takhar Lawyers", areas: ["AF18"], themes: [.legalAid])
            let farkhar = Self.profile("Farkhar Women", areas: ["AF1808"], themes: [.womensRights, .legalAid])
            let kunduz = Self.profile("Kunduz Media", areas: ["AF19"], themes: [.mediaFreedom])
            for profile in [takhar, farkhar, kunduz] { try await store.directory.create(profile, actor: "test") }
            func names(_ profiles: [OrganisationProfile]) -> Set<String> { Set(profiles.map(\.organisation.names.english)) }
            #expect(names(try await store.directory.directory(district: "AF1808")) == ["Takhar Lawyers", "Farkhar Women"])
            #expect(names(try await store.directory.directory(district: "AF1801")) == ["Takhar Lawyers"])
            #expect(names(try await store.directory.directory(province: "AF18")) == ["Takhar Lawyers", "Farkhar Women"])
            #expect(names(try await store.directory.directory(district: "AF1808", theme: .womensRights)) == ["Farkhar Women"])
            #expect(names(try await store.directory.directory(theme: .mediaFreedom)) == ["Kunduz Media"])

            var edited = farkhar
            edited.areas = ["AF1808", "AF1809"]
            edited.themes = [.peacebuilding]
            try await store.directory.update(edited, actor: "test")
            let reread = try #require(try await store.directory.profile(of: farkhar.organisation.id))
            #expect(reread.areas == ["AF1808", "AF1809"] && reread.themes == [.peacebuilding])
            #expect(reread.organisation.names.dari == "سازمان Farkhar Women")

            let network = Network(names: LocalizedNames(english: "Takhar network"), region: ["AF18"])
            try await store.directory.createNetwork(network, actor: "test")
            try await store.directory.setMembership(NetworkMembership(networkID: network.id, organisationID: takhar.organisation.id, status: .member,
                                                                      since: CalendarDay(iso: "2025-03-21")), actor: "test")
            try await store.directory.setMembership(NetworkMembership(networkID: network.id, organisationID: takhar.organisation.id, status: .suspended,
                                                                      since: nil), actor: "test")
            try await store.directory.setMembership(NetworkMembership(networkID: network.id, organisationID: kunduz.organisation.id, status: .observer,
                                                                      since: nil), actor: "test")
            let members = try await store.directory.memberships(of: network.id)
            #expect(members.count == 2 && members.first { $0.organisationID == takhar.organisation.id }?.status == .suspended)
            #expect(try await store.directory.profile(of: kunduz.organisation.id)?.memberships.first?.status == .observer)
            await #expect(throws: StoreError.self) {
                try await store.directory.setMembership(NetworkMembership(networkID: UUIDv7.make(), organisationID: kunduz.organisation.id,
                                                                          status: .member, since: nil), actor: "test")
            }
            await #expect(throws: StoreError.self) { try await store.directory.create(Self.profile("  ", areas: [], themes: []), actor: "test") }
            #expect(try await store.directory.profiles().count == 3, "nothing kept from refused input")
        }
    }

    @Test("Focal points' contacts are sealed on disk; opening them is audited; removal works once", arguments: TestDatabase.all)
    func focalPoints(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let organisation = Self.profile("Takhar Lawyers", areas: ["AF18"], themes: [])
            try await store.directory.create(organisation, actor: "test")
            let point = FocalPoint(contact: FocalPointContact(name: "Mahbooba Seraj-Qaderi", role: "director", phone: "+93 799 123 456",
                                                              email: "m.qaderi@example.invalid", messenger: "signal: +93 799 123 456"))
            try await store.directory.addFocalPoint(point, to: organisation.organisation.id, actor: "test")
            #expect(try await store.directory.profile(of: organisation.organisation.id)?.focalPoints.first?.contact == nil,
                    "the directory lists focal points without opening them")
            let before = try await store.audit.count()
            let opened = try await store.directory.focalPointsRevealing(of: organisation.organisation.id, viewer: "reader-1")
            #expect(opened.first?.contact?.name == "Mahbooba Seraj-Qaderi")
            #expect(try await store.audit.count() == before + 1)
            #expect(try await store.audit.recent(limit: 1).first?.action == AuditAction.focalPointsViewed.rawValue)
            let sealed = try await store.backend.read { db in
                try await db.raw("SELECT contact_sealed FROM focal_points").first()?.decode(column: "contact_sealed", as: Data.self)
            }
            #expect(sealed.map { !String(decoding: $0, as: UTF8.self).contains("Seraj") } == true, "no name in the stored value")
            try await store.directory.removeFocalPoint(point.id, of: organisation.organisation.id, actor: "test")
            await #expect(throws: StoreError.self) {
                try await store.directory.removeFocalPoint(point.id, of: organisation.organisation.id, actor: "test")
            }
        }
    }
}
