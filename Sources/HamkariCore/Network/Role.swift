/// What a person does in the network; the authorisation policy decides from it what they may do.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// Runs the network's instance: members, accounts, settings.
    case coordinator
    case documenter
    case reviewer
    case protectionOfficer = "protection_officer"
    case analyst
    case defender
    /// Read-only outside partner, such as a UN human rights officer.
    case partner
}
