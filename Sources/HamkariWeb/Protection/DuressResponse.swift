import Foundation
import HamkariCore
import HamkariStore
import Logging

/// What a sign-in with the duress password sets off, silently: the account's access to sealed data is
/// suspended until a coordinator restores it, and the protection officers are told at once.
struct DuressResponse: Sendable {
    let store: Store
    let channels: MessageChannels

    func raise(for user: UserAccount) async throws {
        try await store.users.setSealedAccessSuspended(true, for: user.id, actor: AuditEvent.systemActor)
        let name = try await store.users.identity(of: user.id, viewer: AuditEvent.systemActor)?.displayName ?? user.login
        try await store.escalations.duress(user.id, name: name, officers: try await EscalationService.officers(store))
        EscalationService.deliverSoon(store, channels)
    }
}
