import Foundation
import HamkariCore
import HamkariStore

struct FocalPointFields: Decodable, Sendable {
    var accountLogin: String?
    var name: String?
    var role: String?
    var phone: String?
    var email: String?
    var messenger: String?
}

/// Checks directory input the same way for pages and the API; every problem is named by field.
struct DirectoryInputs: Sendable {
    let store: Store

    /// The organisation named by the path's `{id}`, with its profile.
    func profile(_ context: AppRequestContext) async throws -> OrganisationProfile {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let profile = try await store.directory.profile(of: id) else { throw AppError.notFound }
        return profile
    }

    func network(_ context: AppRequestContext) async throws -> Network {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let network = try await store.directory.networks().first(where: { $0.id == id }) else { throw AppError.notFound }
        return network
    }

    func applying(_ fields: OrganisationFields, to original: OrganisationProfile) async throws -> OrganisationProfile {
        let (profile, issues) = try await checked(fields, over: original)
        if !issues.isEmpty { throw AppError.invalid(issues) }
        return profile
    }

    /// What the form showed again after a problem: every valid field applied, the rest left as it was.
    func draft(_ fields: OrganisationFields, over original: OrganisationProfile) async throws -> OrganisationProfile {
        try await checked(fields, over: original).profile
    }

    private func checked(_ fields: OrganisationFields, over original: OrganisationProfile) async throws -> (profile: OrganisationProfile, issues: [ValidationIssue]) {
        DirectoryValidation.checked(fields, over: original, units: try await units())
    }

    func network(from fields: NetworkFields) async throws -> Network {
        let (network, issues) = DirectoryValidation.network(from: fields, units: try await units())
        if !issues.isEmpty { throw AppError.invalid(issues) }
        return network
    }

    func membership(_ fields: MembershipFields, network: UUID, organisation: UUID, calendar: CalendarSystem) throws -> NetworkMembership {
        let (membership, issues) = DirectoryValidation.membership(fields, network: network, organisation: organisation, calendar: calendar)
        guard let membership else { throw AppError.invalid(issues) }
        return membership
    }

    private func units() async throws -> [String: AdminUnit] {
        try await store.gazetteer.byPcode()
    }

    func focalPoint(_ fields: FocalPointFields, of organisation: UUID) async throws -> FocalPoint {
        if let login = fields.accountLogin?.trimmingWhiteSpace.lowercased(), !login.isEmpty {
            guard let account = try await store.users.find(login: login), account.organisationID == organisation else {
                throw AppError.invalid([ValidationIssue(field: "accountLogin", messageKey: "invalid_account")])
            }
            return FocalPoint(accountID: account.id)
        }
        func text(_ value: String?) -> String? { value?.trimmingWhiteSpace.isEmpty == false ? value?.trimmingWhiteSpace : nil }
        guard let name = text(fields.name) else { throw AppError.invalid([ValidationIssue(field: "name", messageKey: "invalid_name_required")]) }
        for (field, value) in [("name", name), ("role", fields.role), ("phone", fields.phone), ("email", fields.email), ("messenger", fields.messenger)]
            where (value?.count ?? 0) > 200 {
            throw AppError.invalid([ValidationIssue(field: field, messageKey: "invalid_text_too_long")])
        }
        return FocalPoint(contact: FocalPointContact(name: name, role: text(fields.role), phone: text(fields.phone), email: text(fields.email),
                                                     messenger: text(fields.messenger)))
    }

}
