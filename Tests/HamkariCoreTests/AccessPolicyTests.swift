import Foundation
import HamkariCore
import Testing

@Suite("Authorisation policy")
struct AccessPolicyTests {
    static let ownOrganisation = UUIDv7.make()
    static let otherOrganisation = UUIDv7.make()

    static func subject(_ role: Role, status: UserAccount.Status = .active) -> AccessPolicy.Subject {
        AccessPolicy.Subject(id: UUIDv7.make(), organisationID: ownOrganisation, role: role, status: status)
    }

    /// Who may do what, beyond the shared pages every active member reads.
    static let allowed: [AccessPolicy.Action: Set<Role>] = [
        .manageOrganisations: [.coordinator], .manageUsers: [.coordinator], .importGazetteer: [.coordinator],
        .viewAuditLog: [.coordinator], .checkpointAuditLog: [.coordinator],
        .viewEvents: Set(Role.allCases).subtracting([.defender]), .exportEvents: Set(Role.allCases).subtracting([.defender]),
        .documentEvents: [.documenter, .reviewer, .coordinator, .protectionOfficer],
        .importEvents: [.documenter, .coordinator],
        .reviewEvents: [.reviewer, .coordinator],
        .viewPreciseLocation: [.coordinator, .documenter, .reviewer, .protectionOfficer],
        .manageProtection: [.protectionOfficer],
        .importStandards: [.coordinator], .announce: [.coordinator],
        .viewCoordination: Set(Role.allCases).subtracting([.partner]),
        .recordCoordination: [.coordinator, .documenter, .reviewer, .protectionOfficer, .analyst],
    ]

    /// The whole matrix: role × action → allowed? (identity and precise location on a network record).
    @Test("Administration is for coordinators; documentation by role; every active member may read the shared pages",
          arguments: Role.allCases, AccessPolicy.Action.allCases.filter { $0 != .viewIdentity })
    func matrix(role: Role, action: AccessPolicy.Action) {
        let shared: Set<AccessPolicy.Action> = [.viewHome, .viewGazetteer, .viewDirectory, .manageOwnAccount, .checkIn, .viewStandards, .viewAwareness]
        let expected = shared.contains(action) || Self.allowed[action]?.contains(role) == true
        #expect(AccessPolicy.decide(Self.subject(role), action).isAllowed == expected, "\(role) \(action)")
    }

    @Test("A disabled account may do nothing", arguments: Role.allCases, AccessPolicy.Action.allCases)
    func disabled(role: Role, action: AccessPolicy.Action) {
        #expect(AccessPolicy.decide(Self.subject(role, status: .disabled), action) == .deny("the account is disabled"))
    }

    @Test("Identities by role and compartment: own organisation, other organisation, protection", arguments: Role.allCases)
    func identities(role: Role) {
        let subject = Self.subject(role)
        let network = AccessPolicy.Resource(organisationID: Self.otherOrganisation, compartment: .network)
        let ownOnly = AccessPolicy.Resource(organisationID: Self.ownOrganisation, compartment: .organisations([Self.ownOrganisation]))
        let otherOnly = AccessPolicy.Resource(organisationID: Self.otherOrganisation, compartment: .organisations([Self.otherOrganisation]))
        let protection = AccessPolicy.Resource(compartment: .protection)
        let mayReadIdentities: Set<Role> = [.coordinator, .documenter, .reviewer, .protectionOfficer]
        let reads = mayReadIdentities.contains(role)
        #expect(AccessPolicy.decide(subject, .viewIdentity, on: network).isAllowed == reads)
        #expect(AccessPolicy.decide(subject, .viewIdentity, on: ownOnly).isAllowed == reads)
        #expect(!AccessPolicy.decide(subject, .viewIdentity, on: otherOnly).isAllowed)
        #expect(AccessPolicy.decide(subject, .viewIdentity, on: protection).isAllowed == (role == .protectionOfficer))
    }

    @Test("A defender sees their own protection record and no one else's")
    func defenderOwnRecord() {
        let defender = Self.subject(.defender)
        #expect(AccessPolicy.decide(defender, .viewIdentity, on: .init(compartment: .protection, ownerAccount: defender.id)) == .allow)
        #expect(!AccessPolicy.decide(defender, .viewIdentity, on: .init(compartment: .protection, ownerAccount: UUIDv7.make())).isAllowed)
        #expect(!AccessPolicy.decide(defender, .viewIdentity, on: .network).isAllowed)
    }

    @Test("Denials say why")
    func reasons() {
        #expect(AccessPolicy.decide(Self.subject(.partner), .viewIdentity, on: .network) == .deny("this role works with anonymised data only"))
        #expect(AccessPolicy.decide(Self.subject(.documenter), .manageUsers) == .deny("only coordinators administer the network"))
    }
}

@Suite("Sign-in throttle and password policy")
struct ThrottleAndPasswordPolicyTests {
    @Test("Five free attempts, then waits doubling from 30 seconds to at most an hour")
    func throttle() {
        #expect((1...4).map(LoginThrottle.lockSeconds(afterFailures:)) == [0, 0, 0, 0])
        #expect((5...9).map(LoginThrottle.lockSeconds(afterFailures:)) == [30, 60, 120, 240, 480])
        #expect(LoginThrottle.lockSeconds(afterFailures: 500) == 3600)
    }

    @Test("Passwords: long enough, not common, not the login; long passphrases welcome")
    func passwords() {
        #expect(PasswordPolicy.check("short") == .tooShort)
        #expect(PasswordPolicy.check("Password123") == .tooCommon)
        #expect(PasswordPolicy.check("aaaaaaaaaaaaaa") == .tooCommon)
        #expect(PasswordPolicy.check("ahmad.rahimi", login: "ahmad.rahimi") == .tooCommon)
        #expect(PasswordPolicy.check(String(repeating: "کوه بلند ", count: 12)) == nil)
        #expect(PasswordPolicy.check("correct horse battery staple") == nil)
        #expect(PasswordPolicy.check(String(repeating: "x y ", count: 600)) == .tooLong)
    }
}

@Suite("Suspended sealed access")
struct SuspendedAccessTests {
    @Test("After a duress sign-in an account keeps the ordinary pages and loses everything sealed", arguments: Role.allCases)
    func suspended(role: Role) {
        let subject = AccessPolicy.Subject(id: UUIDv7.make(), organisationID: UUIDv7.make(), role: role, sealedAccessSuspended: true)
        for action in [AccessPolicy.Action.viewHome, .viewDirectory, .viewGazetteer, .manageOwnAccount] {
            #expect(AccessPolicy.decide(subject, action).isAllowed, "\(action)")
        }
        for action in [AccessPolicy.Action.viewIdentity, .documentEvents, .exportEvents, .manageProtection, .viewAuditLog, .checkIn] {
            #expect(!AccessPolicy.decide(subject, action, on: .network).isAllowed, "\(action)")
        }
        let visibility = EventVisibility(subject)
        #expect(!visibility.allows(EventVisibility.Facts(organisationID: subject.organisationID, authorID: subject.id, status: .draft,
                                                         confidentiality: .public, sharedWith: [])), "not even its own records")
    }
}
