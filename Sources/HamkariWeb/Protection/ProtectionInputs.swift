import Foundation
import HamkariCore
import HamkariStore

/// What an officer writes about a defender, from the API or a form. On an edit a field left out
/// (nil) stays as it was; on creation the name is required.
struct DefenderFields: Decodable, Sendable {
    var name: String?
    var knownAs: String?
    var email: String?
    var phone: String?
    var whereabouts: String?
    /// The defender's own account, by login; it lets them see their profile and check in.
    var login: String?
    var areasOfWork: [String]?
    var organisationIds: [String]?
    var districtPcodes: [String]?
    var trustedContacts: [TrustedContact]?
}

/// Checks what officers and colleagues send about defenders, their threats, risks and cases, the
/// same way for pages and the API; every problem is named by field.
struct ProtectionInputs: Sendable {
    let store: Store

    /// The profile named by the path's `{id}`, opened for the signed-in officer (audited by the store).
    func profile(_ context: AppRequestContext, _ identity: SignedIn) async throws -> DefenderProfile {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let profile = try await store.defenders.find(id: id, viewer: identity.user.id.text) else { throw AppError.notFound }
        return profile
    }

    /// The profile with `fields` applied, or every reason it cannot be.
    func applying(_ fields: DefenderFields, to original: DefenderProfile) async throws -> DefenderProfile {
        var profile = original
        var issues: [ValidationIssue] = []
        func trimmed(_ text: String?) -> String? { text?.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let name = trimmed(fields.name) { profile.identity.name = name }
        if let knownAs = trimmed(fields.knownAs) { profile.identity.knownAs = knownAs }
        if let email = trimmed(fields.email) { profile.identity.email = email }
        if let phone = trimmed(fields.phone) { profile.identity.phone = phone }
        if let whereabouts = fields.whereabouts { profile.identity.whereabouts = whereabouts }
        if profile.identity.name.isEmpty { issues.append(ValidationIssue(field: "name", messageKey: "invalid_name_required")) }
        if let login = trimmed(fields.login), !login.isEmpty {
            if let user = try await store.users.find(login: login) { profile.accountID = user.id } else {
                issues.append(ValidationIssue(field: "login", messageKey: "invalid_login_unknown"))
            }
        }
        if let areas = fields.areasOfWork {
            let known = areas.compactMap(DefenderProfile.AreaOfWork.init(rawValue:))
            if known.count == areas.count { profile.areasOfWork = known } else {
                issues.append(ValidationIssue(field: "areasOfWork", messageKey: "invalid_field_value"))
            }
        }
        if let organisations = fields.organisationIds {
            let existing = Set(try await store.organisations.all().map(\.id))
            let ids = organisations.compactMap { UUID(uuidString: $0) }
            if ids.count == organisations.count, ids.allSatisfy(existing.contains) { profile.organisationIDs = ids } else {
                issues.append(ValidationIssue(field: "organisationIds", messageKey: "invalid_organisation"))
            }
        }
        if let districts = fields.districtPcodes {
            let codes = districts.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
            var allKnown = true
            for code in codes where try await store.gazetteer.unit(pcode: code)?.level != .district { allKnown = false }
            if allKnown { profile.districtPcodes = codes } else {
                issues.append(ValidationIssue(field: "districtPcodes", messageKey: "invalid_districts"))
            }
        }
        if let contacts = fields.trustedContacts {
            if contacts.allSatisfy(Self.isUsable) { profile.trustedContacts = contacts } else {
                issues.append(ValidationIssue(field: "trustedContacts", messageKey: "invalid_contact"))
            }
        }
        if !issues.isEmpty { throw AppError.invalid(issues) }
        return profile
    }

    static func isUsable(_ contact: TrustedContact) -> Bool {
        !contact.name.trimmingCharacters(in: .whitespaces).isEmpty && contact.isReachable
    }

    /// A new profile from `fields`, stored and audited.
    func create(_ fields: DefenderFields, actor: String) async throws -> DefenderProfile {
        let profile = try await applying(fields, to: DefenderProfile(identity: DefenderIdentity(name: "")))
        try await linkingAccount { try await store.defenders.create(profile, actor: actor) }
        return profile
    }

    /// The profile changed by `fields`, stored and audited.
    func update(_ original: DefenderProfile, with fields: DefenderFields, actor: String) async throws -> DefenderProfile {
        let profile = try await applying(fields, to: original)
        try await linkingAccount { try await store.defenders.update(profile, actor: actor) }
        return profile
    }

    /// An account has one profile at most; the database enforces it, this says so in words.
    private func linkingAccount(_ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch StoreError.conflict {
            throw AppError.invalid([ValidationIssue(field: "login", messageKey: "invalid_login_has_profile")])
        }
    }

    /// A threat report, after checking its date, perpetrator type, place and the event it links to.
    func threat(
        _ defender: UUID, kind: ThreatReport.Kind, date: String?, calendar: String?, perpetratorType: String?, description: String,
        place: (province: String?, district: String?), eventReference: String?, _ identity: SignedIn
    ) async throws -> ThreatReport {
        var issues: [ValidationIssue] = []
        var parsed: EventDate?
        if let date, !date.trimmingCharacters(in: .whitespaces).isEmpty {
            parsed = try? EventDate.parse(date, calendar: calendar.flatMap(CalendarSystem.init(tag:)) ?? .solarHijri)
            if parsed == nil { issues.append(ValidationIssue(field: "date", messageKey: "invalid_date")) }
        }
        let perpetrator = perpetratorType.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
        if !Vocabulary.builtIn.contains(.perpetratorType, perpetrator) {
            issues.append(ValidationIssue(field: "perpetratorType", messageKey: "invalid_perpetrator_type"))
        }
        func code(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text.uppercased()
        }
        let province = code(place.province), district = code(place.district)
        if let province, try await store.gazetteer.unit(pcode: province)?.level != .province {
            issues.append(ValidationIssue(field: "province", messageKey: "invalid_place"))
        }
        if let district, try await store.gazetteer.unit(pcode: district)?.parentPcode != province {
            issues.append(ValidationIssue(field: "district", messageKey: "invalid_district"))
        }
        var eventID: UUID?
        if let reference = code(eventReference) {
            // Only an event the officer may see can be linked.
            if let event = try await store.events.find(reference: reference), EventVisibility(identity.subject).allows(EventVisibility.Facts(event)) {
                eventID = event.id
            } else {
                issues.append(ValidationIssue(field: "event", messageKey: "invalid_event_reference"))
            }
        }
        if !issues.isEmpty { throw AppError.invalid(issues) }
        return ThreatReport(defenderID: defender, kind: kind, date: parsed, provincePcode: province, districtPcode: district,
                            perpetratorType: perpetrator, description: description, eventID: eventID, reportedBy: identity.user.id.text)
    }

    /// A risk assessment whose review falls `reviewInDays` (1–365) from now.
    static func assessment(
        of defender: UUID, level: RiskAssessment.Level?, findings: RiskAssessment.Findings, reviewInDays: Int?, by identity: SignedIn
    ) throws -> RiskAssessment {
        var issues: [ValidationIssue] = []
        if level == nil { issues.append(ValidationIssue(field: "level", messageKey: "invalid_field_value")) }
        if reviewInDays.map({ !(1...365).contains($0) }) ?? true { issues.append(ValidationIssue(field: "reviewInDays", messageKey: "invalid_review")) }
        guard let level, let reviewInDays, issues.isEmpty else { throw AppError.invalid(issues) }
        return RiskAssessment(defenderID: defender, level: level, findings: findings,
                              reviewBy: Date().addingTimeInterval(TimeInterval(reviewInDays) * 86400), assessedBy: identity.user.id.text)
    }

    /// A follow-up date `days` (0–365) from now; none when no number was given.
    static func followUp(days: Int?) throws -> Date? {
        guard let days else { return nil }
        guard (0...365).contains(days) else { throw AppError.invalid([ValidationIssue(field: "followUpInDays", messageKey: "invalid_review")]) }
        return Date().addingTimeInterval(TimeInterval(days) * 86400)
    }

    /// A whole number typed in a form (Persian or Arabic digits too); nil when the box was empty.
    static func number(_ text: String?, field: String) throws -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = Int(Numerals.asciiDigits(text)) else { throw AppError.invalid([ValidationIssue(field: field, messageKey: "invalid_review")]) }
        return value
    }

    /// A new case for the defender: from one of their threats, or opened by the officer.
    func newCase(for defender: UUID, fromThreat threatText: String?, officer: UUID) async throws -> ProtectionCase {
        guard let threatText = threatText?.trimmingCharacters(in: .whitespaces), !threatText.isEmpty else {
            return ProtectionCase(defenderID: defender, origin: .officer, officerID: officer)
        }
        guard let threatID = UUID(uuidString: threatText), try await store.protection.threats(of: defender).contains(where: { $0.id == threatID }) else {
            throw AppError.invalid([ValidationIssue(field: "threatId", messageKey: "invalid_threat")])
        }
        return ProtectionCase(defenderID: defender, origin: .threat, threatID: threatID, officerID: officer)
    }
}
