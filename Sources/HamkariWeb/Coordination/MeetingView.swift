import Foundation
import HamkariCore

/// Meetings as pages show them, in the reader's language and calendar.
struct MeetingView {
    let directory: DirectoryView
    let organisations: [UUID: Organisation]

    func text(_ key: String) -> String { directory.text(key) }

    func organisation(_ id: UUID) -> String {
        organisations[id]?.names.name(in: directory.locale) ?? ""
    }

    func row(_ meeting: Meeting) -> [String: Any] {
        ["id": meeting.id.text, "title": meeting.title, "kind": text("meeting_kind_\(meeting.kind.rawValue)"), "date": directory.day(meeting.day),
         "where": directory.place(meeting.districtPcode ?? meeting.provincePcode),
         "people": Numerals.format(meeting.attendance.total, for: directory.locale)]
    }

    func attendance(_ count: GroupCount) -> String {
        [("attendance_women", count.women), ("attendance_men", count.men), ("attendance_girls", count.girls), ("attendance_boys", count.boys),
         ("attendance_unknown", count.unknown)].filter { $0.1 > 0 }
            .map { "\(text($0.0)): \(Numerals.format($0.1, for: directory.locale))" }.joined(separator: " · ")
    }

    func attendanceColumns(_ count: GroupCount) -> [String: Any] {
        ["women": Numerals.format(count.women, for: directory.locale), "men": Numerals.format(count.men, for: directory.locale),
         "girls": Numerals.format(count.girls, for: directory.locale), "boys": Numerals.format(count.boys, for: directory.locale),
         "unknown": Numerals.format(count.unknown, for: directory.locale)]
    }

    func organisationOptions(chosen: [UUID]) -> [[String: Any]] {
        organisations.values.sorted { $0.names.english < $1.names.english }
            .map { ["value": $0.id.text, "label": $0.names.name(in: directory.locale), "checked": chosen.contains($0.id)] }
    }

    func calendars(_ selected: CalendarSystem) -> [[String: Any]] {
        CalendarSystem.allCases.map { option in
            ["value": option.rawValue, "label": text(option == .gregorian ? "calendar_gregorian" : "calendar_solar_hijri"), "selected": option == selected]
        }
    }
}
