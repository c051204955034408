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

    /// Where the demonstration members work and on what (by position in `organisations`).
    public static let profiles: [(areas: [String], themes: [Theme])] = [
        (["AF18"], [.humanRightsDefenders, .legalAid]),
        (["AF1808", "AF1809"], [.womensRights, .peacebuilding]),
        (["AF1810", "AF1811", "AF17"], [.peacebuilding, .education, .civicParticipation]),
        (["AF19"], [.legalAid, .womensRights, .children]),
        (["AF09", "AF19"], [.mediaFreedom]),
        (["AF1701", "AF1702"], [.health, .displacement, .civicParticipation]),
    ]

    /// The provincial network every member belongs to, and the north-eastern one some of them form.
    public static let networks: [(network: Network, members: [Int])] = [
        (Network(names: networkName, region: ["AF18"]), [0, 1, 2]),
        (Network(names: LocalizedNames(english: "North-East Civil Society Coordination", dari: "هماهنگی جامعه مدنی شمال شرق",
                                       pashto: "د شمال ختیځ د مدني ټولنې همغږي", uzbek: "Shimoli-sharqiy fuqarolik jamiyati hamkorligi"),
                 region: ["AF09", "AF17", "AF18", "AF19"]), [0, 1, 2, 3, 4, 5]),
    ]

    private static func member(
        _ english: String, _ dari: String, _ kind: Organisation.Kind, _ province: String, _ district: String
    ) -> Organisation {
        Organisation(names: LocalizedNames(english: english, dari: dari), kind: kind,
                     provincePcode: province, districtPcode: district)
    }
}
