/// The demonstration network `serve --demo` creates: a provincial civil-society network in Takhar
/// with members across the north-east. Invented organisations; real places.
public enum DemoNetwork {
    public static let networkName = LocalizedNames(
        english: "Takhar Provincial Civil Society Network",
        dari: "شبکه جامعه مدنی ولایت تخار",
        pashto: "د تخار ولایت د مدني ټولنې شبکه",
        uzbek: "Taxor viloyati fuqarolik jamiyati tarmogʻi"
    )

    public static let organisations: [Organisation] = [
        member("Taloqan Human Rights Defenders Association", "انجمن مدافعان حقوق بشر تالقان", .ngo, "AF18", "AF1801"),
        member("Farkhar Women's Council", "شورای زنان فرخار", .womensAssociation, "AF18", "AF1808"),
        member("Rustaq Youth for Peace", "جوانان روستاق برای صلح", .youthGroup, "AF18", "AF1810"),
        member("Kunduz Legal Aid Lawyers", "وکلای کمک حقوقی کندز", .lawyersAssociation, "AF19", "AF1901"),
        member("Pul-e-Khumri Independent Media Collective", "جمع رسانه‌های مستقل پلخمری", .mediaOutlet, "AF09", "AF0901"),
        member("Fayzabad Community Shura", "شورای مردمی فیض آباد", .communityCouncil, "AF17", "AF1701"),
    ]

    private static func member(
        _ english: String, _ dari: String, _ kind: Organisation.Kind, _ province: String, _ district: String
    ) -> Organisation {
        Organisation(names: LocalizedNames(english: english, dari: dari), kind: kind,
                     provincePcode: province, districtPcode: district)
    }
}
