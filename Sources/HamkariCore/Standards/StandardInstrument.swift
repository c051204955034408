/// A human rights instrument of the standards library: the Universal Declaration and the core
/// treaties the network works with, named in the interface languages. Their articles are imported
/// (`hamkari standards import`), in as many languages as there are texts.
public struct StandardInstrument: Hashable, Sendable, Codable, Identifiable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case declaration, covenant, convention
    }

    /// The short name articles are cited by: `UDHR 19`, `CRC 38`.
    public var code: String
    public var names: LocalizedNames
    public var kind: Kind
    public var adopted: Int
    public var id: String { code }

    public init(code: String, names: LocalizedNames, kind: Kind, adopted: Int) {
        self.code = code
        self.names = names
        self.kind = kind
        self.adopted = adopted
    }

    public static let builtIn: [StandardInstrument] = [
        StandardInstrument(code: "UDHR", names: LocalizedNames(
            english: "Universal Declaration of Human Rights", dari: "اعلامیهٔ جهانی حقوق بشر",
            pashto: "د بشري حقونو نړیواله اعلامیه", uzbek: "Inson huquqlari umumjahon deklaratsiyasi"), kind: .declaration, adopted: 1948),
        StandardInstrument(code: "ICCPR", names: LocalizedNames(
            english: "International Covenant on Civil and Political Rights", dari: "میثاق بین‌المللی حقوق مدنی و سیاسی",
            pashto: "د مدني او سیاسي حقونو نړیوال تړون", uzbek: "Fuqarolik va siyosiy huquqlar toʻgʻrisidagi xalqaro pakt"),
            kind: .covenant, adopted: 1966),
        StandardInstrument(code: "ICESCR", names: LocalizedNames(
            english: "International Covenant on Economic, Social and Cultural Rights", dari: "میثاق بین‌المللی حقوق اقتصادی، اجتماعی و فرهنگی",
            pashto: "د اقتصادي، ټولنیزو او کلتوري حقونو نړیوال تړون",
            uzbek: "Iqtisodiy, ijtimoiy va madaniy huquqlar toʻgʻrisidagi xalqaro pakt"), kind: .covenant, adopted: 1966),
        StandardInstrument(code: "CEDAW", names: LocalizedNames(
            english: "Convention on the Elimination of All Forms of Discrimination against Women",
            dari: "کنوانسیون رفع همه اشکال تبعیض علیه زنان", pashto: "د ښځو پر وړاندې د هر ډول تبعیض د له منځه وړلو کنوانسیون",
            uzbek: "Xotin-qizlarga nisbatan kamsitishning barcha shakllarini tugatish toʻgʻrisidagi konvensiya"), kind: .convention, adopted: 1979),
        StandardInstrument(code: "CRC", names: LocalizedNames(
            english: "Convention on the Rights of the Child", dari: "کنوانسیون حقوق کودک", pashto: "د ماشوم د حقونو کنوانسیون",
            uzbek: "Bola huquqlari toʻgʻrisidagi konvensiya"), kind: .convention, adopted: 1989),
        StandardInstrument(code: "CAT", names: LocalizedNames(
            english: "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
            dari: "کنوانسیون منع شکنجه و سایر رفتارها یا مجازات‌های ظالمانه، غیرانسانی یا تحقیرآمیز",
            pashto: "د شکنجې او نورو ظالمانه، غیرانساني یا سپکوونکو چلندونو یا سزاګانو پر ضد کنوانسیون",
            uzbek: "Qiynoqlar va boshqa shafqatsiz, gʻayriinsoniy yoki qadr-qimmatni kamsituvchi muomala va jazo turlariga qarshi konvensiya"),
            kind: .convention, adopted: 1984),
        StandardInstrument(code: "DHRD", names: LocalizedNames(
            english: "Declaration on Human Rights Defenders", dari: "اعلامیهٔ مدافعان حقوق بشر", pashto: "د بشري حقونو د مدافعینو اعلامیه",
            uzbek: "Inson huquqlari himoyachilari toʻgʻrisidagi deklaratsiya"), kind: .declaration, adopted: 1998),
    ]

    public static func builtIn(code: String) -> StandardInstrument? {
        builtIn.first { $0.code == code.uppercased() }
    }
}
