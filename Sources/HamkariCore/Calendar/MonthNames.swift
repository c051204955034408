/// Month names as our users write them. Afghanistan names the Solar Hijri months after the zodiac
/// (Hamal, Sawr, …), unlike Iran's Farvardin, Ordibehesht, …; Pashto has its own names for them.
enum MonthNames {
    static func names(calendar: CalendarSystem, locale: AppLocale) -> [String] {
        switch (calendar, locale) {
        case (.solarHijri, .english):
            ["Hamal", "Sawr", "Jawza", "Saratan", "Asad", "Sunbula", "Mizan", "Aqrab", "Qaws", "Jadi", "Dalw", "Hut"]
        case (.solarHijri, .dari):
            ["حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"]
        case (.solarHijri, .pashto):
            ["وری", "غویی", "غبرګولی", "چنګاښ", "زمری", "وږی", "تله", "لړم", "لیندۍ", "مرغومی", "سلواغه", "کب"]
        case (.solarHijri, .uzbek):
            ["Hamal", "Savr", "Javzo", "Saraton", "Asad", "Sunbula", "Mezon", "Aqrab", "Qavs", "Jadi", "Dalv", "Hut"]
        case (.gregorian, .english):
            ["January", "February", "March", "April", "May", "June",
             "July", "August", "September", "October", "November", "December"]
        case (.gregorian, .dari):
            ["جنوری", "فبروری", "مارچ", "اپریل", "می", "جون", "جولای", "اگست", "سپتمبر", "اکتوبر", "نومبر", "دسمبر"]
        case (.gregorian, .pashto):
            ["جنوري", "فبروري", "مارچ", "اپرېل", "مۍ", "جون", "جولای", "اګست", "سپتمبر", "اکتوبر", "نومبر", "دسمبر"]
        case (.gregorian, .uzbek):
            ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr", "oktabr", "noyabr", "dekabr"]
        }
    }
}
