import ArgumentParser

extension CaseIterable where Self: RawRepresentable, Self.RawValue == String {
    /// The case an option names, nil when it was not given, or a message listing the choices.
    static func chosen(_ text: String?, option: String) throws -> Self? {
        guard let text else { return nil }
        guard let known = Self(rawValue: text) else {
            throw ValidationError("--\(option): one of \(allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return known
    }
}
