/// What a new password must be: long enough, not one of the passwords every attacker tries first.
/// No composition rules (they make passwords harder to remember, not harder to guess), and long
/// passphrases are welcome.
public enum PasswordPolicy {
    public static let minimumLength = 10
    public static let maximumLength = 1024

    public enum Problem: Error, Equatable, Sendable {
        case tooShort
        case tooLong
        case tooCommon
    }

    public static func check(_ password: String, login: String? = nil) -> Problem? {
        if password.count < minimumLength { return .tooShort }
        if password.count > maximumLength { return .tooLong }
        let folded = password.lowercased()
        if commonPasswords.contains(folded) || folded == login?.lowercased() { return .tooCommon }
        if Set(folded).count <= 2 { return .tooCommon }
        return nil
    }

    /// The most frequent passwords of at least ten characters in public breach lists.
    static let commonPasswords: Set<String> = [
        "1234567890", "0123456789", "12345678910", "123456789a", "1q2w3e4r5t", "1qaz2wsx3edc", "qwertyuiop",
        "password12", "password123", "password1234", "passw0rd123", "iloveyou12", "qwerty1234", "qwerty12345",
        "abcdefghij", "abcd123456", "a123456789", "asdfghjkl1", "zxcvbnm123", "1111111111", "0000000000",
        "9876543210", "princess12", "football12", "baseball12", "letmein123", "welcome123", "admin12345",
        "administrator", "changeme123", "trustno1234", "superman123", "sunshine12", "monkey1234", "dragon1234",
        "master1234", "starwars12", "whatever12", "qazwsxedc123", "1q2w3e4r5t6y", "pakistan123", "afghanistan",
        "afghanistan1", "afghanistan123", "kabul12345", "hamkari123", "hamkari1234",
    ]
}
