extension Migrations {
    /// Which people are victims is asked per person by the dashboard and the reports (an act names
    /// them); without this index each question read every act: 20 s for 100,000 events.
    static let m014VictimIndex = Migration(14, "event_acts: an index by named victim") { _ in [
        "CREATE INDEX event_acts_by_victim ON event_acts (victim_person_id) WHERE victim_person_id IS NOT NULL",
    ] }
}
