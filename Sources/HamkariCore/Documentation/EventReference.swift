import Foundation

/// Human references for records: `TAK-1405-0042` is the 42nd event of Takhar in Solar Hijri 1405.
public enum EventReference {
    /// Short province codes, unambiguous across the 34 provinces (by OCHA P-code).
    static let provinceCodes: [String: String] = [
        "AF01": "KBL", "AF02": "KAP", "AF03": "PAR", "AF04": "WAR", "AF05": "LOG", "AF06": "NAN", "AF07": "LAG",
        "AF08": "PAN", "AF09": "BGL", "AF10": "BAM", "AF11": "GHA", "AF12": "PKA", "AF13": "PIA", "AF14": "KHO",
        "AF15": "KNR", "AF16": "NUR", "AF17": "BDS", "AF18": "TAK", "AF19": "KDZ", "AF20": "SAM", "AF21": "BAL",
        "AF22": "SAR", "AF23": "GHO", "AF24": "DAY", "AF25": "URU", "AF26": "ZAB", "AF27": "KAN", "AF28": "JOW",
        "AF29": "FYB", "AF30": "HEL", "AF31": "BDG", "AF32": "HER", "AF33": "FRA", "AF34": "NIM",
    ]

    /// The counter a new reference is drawn from: province code and Solar Hijri year of the event
    /// (of the day it is recorded when its date is not known).
    public static func prefix(provincePcode: String?, date: EventDate?, recordedAt: Date) -> String {
        var years = SolarHijriYears()
        return prefix(provincePcode: provincePcode, date: date, recordedAt: recordedAt, years: &years)
    }

    /// The same for one of many events (an import), each distinct day's Solar Hijri year found once
    /// (`years`): a calendar conversion costs more than all the rest of a prefix.
    public static func prefix(provincePcode: String?, date: EventDate?, recordedAt: Date, years: inout SolarHijriYears) -> String {
        let province = provincePcode.flatMap { provinceCodes[String($0.prefix(4))] } ?? "AFG"
        let year = date.flatMap { years.year(of: $0.first) } ?? CalendarDay(recordedAt, in: .solarHijri).year
        return "\(province)-\(year)"
    }

    /// Solar Hijri years of days already converted (nil for a day that has none).
    public struct SolarHijriYears {
        private var known: [CalendarDay: Int?] = [:]

        public init() {}

        mutating func year(of day: CalendarDay) -> Int? {
            if let year = known[day] { return year }
            let year = day.converted(to: .solarHijri)?.year
            known[day] = year
            return year
        }
    }

    public static func make(prefix: String, number: Int) -> String {
        "\(prefix)-\(number.zeroPadded(4))"
    }
}

/// Pseudonymous codes for people: six characters from an alphabet without look-alikes (no 0/O, 1/I/L).
public enum PseudonymousCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// The six symbols are the base-31 digits of one number drawn below 31⁶, uniformly: a draw from
    /// the system's generator is a system call, and a symbol at a time made six of them.
    public static func make<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        let base = UInt64(alphabet.count)
        var number = generator.next(upperBound: (0..<6).reduce(1) { product, _ in product * base })
        var symbols: [Character] = []
        for _ in 0..<6 {
            symbols.append(alphabet[Int(number % base)])
            number /= base
        }
        return "P-" + String(symbols)
    }

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }

    /// Whether `text` has a code's form (`P-` and six of its letters and digits), and so names no one.
    public static func isValid(_ text: String) -> Bool {
        text.count == 8 && text.hasPrefix("P-") && text.dropFirst(2).allSatisfy(alphabet.contains)
    }
}
