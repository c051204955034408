/// Hamkari's own concise vocabulary, in English, Dari, Pashto and Uzbek. Act types name the
/// articles of the Universal Declaration (and of the CRC where children are concerned) they engage.
enum BuiltInVocabulary {
    static var all: [VocabularyTerm] { actTypes + perpetratorTypes + involvementDegrees + rightsAffected }

    private static func term(
        _ list: VocabularyList, _ code: String, _ english: String, _ dari: String, _ pashto: String, _ uzbek: String,
        _ articles: [String] = []
    ) -> VocabularyTerm {
        VocabularyTerm(list: list.rawValue, code: code,
                       labels: LocalizedNames(english: english, dari: dari, pashto: pashto, uzbek: uzbek), articles: articles)
    }

    static let actTypes: [VocabularyTerm] = [
        term(.actType, "killing", "Killing", "قتل", "وژنه", "Qotillik", ["UDHR 3"]),
        term(.actType, "injury", "Injury", "جراحت", "ټپي کول", "Jarohat yetkazish", ["UDHR 3", "UDHR 5"]),
        term(.actType, "abduction", "Abduction or enforced disappearance", "اختطاف یا ناپدید سازی اجباری",
             "تښتونه یا جبري ورکول", "Odam o‘g‘irlash yoki majburiy yo‘qotish", ["UDHR 3", "UDHR 9"]),
        term(.actType, "arbitrary_detention", "Arbitrary arrest or detention", "گرفتاری یا بازداشت خودسرانه",
             "خپلسري نیول یا توقیف", "O‘zboshimchalik bilan hibsga olish", ["UDHR 9", "UDHR 10"]),
        term(.actType, "torture", "Torture or ill-treatment", "شکنجه یا بدرفتاری", "شکنجه یا ناوړه چلند",
             "Qiynoq yoki shafqatsiz muomala", ["UDHR 5"]),
        term(.actType, "threat", "Threat or intimidation", "تهدید یا ارعاب", "ګواښ یا ډارول", "Tahdid yoki qo‘rqitish",
             ["UDHR 3", "UDHR 12"]),
        term(.actType, "sexual_violence", "Sexual and gender-based violence", "خشونت جنسی و مبتنی بر جنسیت",
             "جنسي او جنسیتي تاوتریخوالی", "Jinsiy va gender asosidagi zo‘ravonlik", ["UDHR 3", "UDHR 5"]),
        term(.actType, "forced_displacement", "Forced displacement", "بیجاشدن اجباری", "جبري بې ځایه کېدل",
             "Majburiy ko‘chirish", ["UDHR 13", "UDHR 17"]),
        term(.actType, "attack_on_school", "Attack on a school", "حمله بر مکتب", "پر ښوونځي برید", "Maktabga hujum",
             ["UDHR 26"]),
        term(.actType, "attack_on_health_facility", "Attack on a health facility", "حمله بر مرکز صحی",
             "پر روغتیايي مرکز برید", "Tibbiyot muassasasiga hujum", ["UDHR 25"]),
        term(.actType, "denial_of_education", "Denial of education", "محرومیت از تعلیم", "له زده کړې محرومول",
             "Ta’limdan mahrum qilish", ["UDHR 26"]),
        term(.actType, "restriction_of_expression", "Restriction of expression", "محدودیت آزادی بیان",
             "د بیان پر آزادۍ بندیز", "So‘z erkinligini cheklash", ["UDHR 19"]),
        term(.actType, "restriction_of_assembly", "Restriction of assembly or association", "محدودیت آزادی تجمع و انجمن",
             "د غونډو او ټولنو پر آزادۍ بندیز", "Yig‘ilish va uyushma erkinligini cheklash", ["UDHR 20"]),
        term(.actType, "restriction_of_movement", "Restriction of movement", "محدودیت آزادی رفت و آمد",
             "د ګرځېدو پر آزادۍ بندیز", "Harakat erkinligini cheklash", ["UDHR 13"]),
        term(.actType, "destruction_of_property", "Destruction of property", "تخریب دارایی", "د شتمنۍ ویجاړول",
             "Mulkni vayron qilish", ["UDHR 17"]),
        term(.actType, "child_recruitment", "Recruitment or use of children", "جلب و استفاده از اطفال",
             "د ماشومانو جلبول یا کارول", "Bolalarni jalb qilish yoki ishlatish", ["UDHR 4", "CRC 38"]),
        term(.actType, "forced_marriage", "Forced or child marriage", "ازدواج اجباری یا ازدواج اطفال",
             "جبري یا د ماشومانو واده", "Majburiy yoki erta nikoh", ["UDHR 16", "CEDAW 16"]),
        term(.actType, "denial_of_humanitarian_access", "Denial of humanitarian access", "ممانعت از دسترسی بشردوستانه",
             "بشري لاسرسي ته خنډ", "Insonparvarlik yordamiga to‘sqinlik", ["UDHR 25"]),
        term(.actType, "other", "Other", "دیگر", "نور", "Boshqa"),
    ]

    static let perpetratorTypes: [VocabularyTerm] = [
        term(.perpetratorType, "state_forces", "State forces", "نیروهای دولتی", "دولتي ځواکونه", "Davlat kuchlari"),
        term(.perpetratorType, "de_facto_authorities", "De facto authorities", "مقامات بالفعل", "واقعي چارواکي",
             "Amaldagi hokimiyat"),
        term(.perpetratorType, "non_state_armed_group", "Non-state armed group", "گروه مسلح غیردولتی", "غیر دولتي وسله وال ډله",
             "Nodavlat qurolli guruh"),
        term(.perpetratorType, "local_militia", "Local militia or strongman", "ملیشه یا زورمند محلی", "سیمه ییزه ملېشه یا زورواکی",
             "Mahalliy militsiya yoki zo‘ravon"),
        term(.perpetratorType, "criminal_group", "Criminal group", "گروه جنایتکار", "جنايي ډله", "Jinoiy guruh"),
        term(.perpetratorType, "family_or_community", "Family or community member", "عضو خانواده یا جامعه", "د کورنۍ یا ټولنې غړی",
             "Oila yoki jamoa a’zosi"),
        term(.perpetratorType, "unknown", "Unknown", "نامعلوم", "نامعلوم", "Noma’lum"),
        term(.perpetratorType, "other", "Other", "دیگر", "نور", "Boshqa"),
    ]

    static let involvementDegrees: [VocabularyTerm] = [
        term(.involvementDegree, "direct", "Direct perpetrator", "عامل مستقیم", "مستقیم عامل", "Bevosita ijrochi"),
        term(.involvementDegree, "ordered", "Ordered or planned", "دستور دهنده یا طراح", "امر کوونکی یا پلان جوړوونکی",
             "Buyruq bergan yoki rejalashtirgan"),
        term(.involvementDegree, "complicit", "Complicit or assisted", "همدست یا همکار", "شریک یا مرستندوی",
             "Sherik yoki yordamchi"),
        term(.involvementDegree, "failed_to_protect", "Failed to protect or investigate", "کوتاهی در حمایت یا تحقیق",
             "د ساتنې یا څېړنې کوتاهي", "Himoya yoki tergovda beparvolik"),
        term(.involvementDegree, "unknown", "Unknown", "نامعلوم", "نامعلوم", "Noma’lum"),
    ]

    static let rightsAffected: [VocabularyTerm] = [
        term(.rightAffected, "life_liberty_security", "Life, liberty and security of person", "حق حیات، آزادی و امنیت شخصی",
             "د ژوند، آزادۍ او شخصي امنیت حق", "Yashash, erkinlik va shaxsiy daxlsizlik huquqi", ["UDHR 3"]),
        term(.rightAffected, "freedom_from_slavery", "Freedom from slavery and servitude", "منع بردگی و بندگی",
             "له غلامۍ او مریتوب څخه خلاصون", "Qullikdan ozodlik", ["UDHR 4"]),
        term(.rightAffected, "freedom_from_torture", "Freedom from torture", "منع شکنجه", "له شکنجې څخه خوندیتوب",
             "Qiynoqdan ozodlik", ["UDHR 5"]),
        term(.rightAffected, "equality_before_law", "Equality before the law", "برابری در برابر قانون", "د قانون په وړاندې برابري",
             "Qonun oldida tenglik", ["UDHR 7"]),
        term(.rightAffected, "liberty_from_arbitrary_arrest", "Freedom from arbitrary arrest", "منع گرفتاری خودسرانه",
             "له خپلسري نیونې څخه خوندیتوب", "O‘zboshimchalik bilan hibsdan ozodlik", ["UDHR 9"]),
        term(.rightAffected, "fair_trial", "Fair trial", "محاکمه عادلانه", "عادلانه محاکمه", "Adolatli sud", ["UDHR 10", "UDHR 11"]),
        term(.rightAffected, "privacy", "Privacy, family and home", "حریم خصوصی، خانواده و منزل", "شخصي حریم، کورنۍ او کور",
             "Shaxsiy hayot, oila va uy daxlsizligi", ["UDHR 12"]),
        term(.rightAffected, "freedom_of_movement", "Freedom of movement", "آزادی رفت و آمد", "د ګرځېدو آزادي",
             "Harakat erkinligi", ["UDHR 13"]),
        term(.rightAffected, "marriage_by_consent", "Marriage only with free and full consent", "ازدواج با رضایت کامل و آزاد",
             "یوازې په بشپړې او آزادې خوښې واده", "Faqat erkin va to‘liq rozilik bilan nikoh", ["UDHR 16"]),
        term(.rightAffected, "property", "Property", "مالکیت", "ملکیت", "Mulk", ["UDHR 17"]),
        term(.rightAffected, "freedom_of_religion", "Freedom of thought and religion", "آزادی اندیشه و دین", "د فکر او دین آزادي",
             "Fikr va din erkinligi", ["UDHR 18"]),
        term(.rightAffected, "freedom_of_expression", "Freedom of opinion and expression", "آزادی عقیده و بیان", "د نظر او بیان آزادي",
             "Fikr va so‘z erkinligi", ["UDHR 19"]),
        term(.rightAffected, "freedom_of_assembly", "Freedom of assembly and association", "آزادی تجمع و انجمن",
             "د غونډو او ټولنو آزادي", "Yig‘ilish va uyushmalar erkinligi", ["UDHR 20"]),
        term(.rightAffected, "work", "Work", "کار", "کار", "Mehnat", ["UDHR 23"]),
        term(.rightAffected, "health_and_living", "Health and an adequate standard of living", "صحت و سطح زندگی کافی",
             "روغتیا او مناسب ژوند", "Sog‘liq va munosib turmush darajasi", ["UDHR 25"]),
        term(.rightAffected, "education", "Education", "تعلیم و تربیه", "زده کړه", "Ta’lim", ["UDHR 26"]),
        term(.rightAffected, "child_protection", "Protection of the child", "حمایت از طفل", "د ماشوم ساتنه", "Bolani himoya qilish",
             ["CRC 19", "CRC 38"]),
    ]
}
