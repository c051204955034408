import Foundation
import HamkariCore
import Testing

@Suite("Check-in plans and alert texts")
struct CheckInPlanTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("On time until due plus grace; then ask the defender; after another grace alert the network; once")
    func steps() {
        var plan = CheckInPlan(defenderID: UUIDv7.make(), interval: .seconds(3600), grace: .seconds(600), lastCheckIn: Self.start)
        #expect(plan.step(at: Self.start.addingTimeInterval(3600 + 599)) == .nothing)
        #expect(plan.step(at: Self.start.addingTimeInterval(3600 + 600)) == .askDefender)
        plan.stage = .askedDefender
        plan.stageChangedAt = Self.start.addingTimeInterval(4200)
        #expect(plan.step(at: Self.start.addingTimeInterval(4799)) == .nothing)
        #expect(plan.step(at: Self.start.addingTimeInterval(4800)) == .alertNetwork)
        plan.stage = .escalated
        #expect(plan.step(at: Self.start.addingTimeInterval(99_999)) == .nothing, "an escalation is never repeated")
        let again = plan.checkedIn(at: Self.start.addingTimeInterval(5000))
        #expect(again.stage == .onTime)
        #expect(again.dueAt == Self.start.addingTimeInterval(5000 + 3600))
        var paused = again
        paused.active = false
        #expect(paused.step(at: Self.start.addingTimeInterval(1_000_000)) == .nothing)
    }

    @Test("Plans outside one second to 30 days are refused")
    func validity() {
        let id = UUIDv7.make()
        #expect(CheckInPlan(defenderID: id, interval: .seconds(12 * 3600), grace: .seconds(3600), lastCheckIn: Self.start).isValid)
        #expect(!CheckInPlan(defenderID: id, interval: .zero, grace: .zero, lastCheckIn: Self.start).isValid)
        #expect(!CheckInPlan(defenderID: id, interval: .seconds(31 * 86400), grace: .zero, lastCheckIn: Self.start).isValid)
        #expect(!CheckInPlan(defenderID: id, interval: .seconds(60), grace: .seconds(-1), lastCheckIn: Self.start).isValid)
    }

    @Test("An alert names only whom (as contacts know them) and when")
    func alertText() {
        for kind in [AlertText.Kind.areYouSafe, .missedCheckIn, .panic] {
            let body = AlertText.body(kind, name: "Khala Gul", since: Self.start)
            #expect(body.contains("2026-05-28T"))
            #expect(kind == .areYouSafe || body.contains("Khala Gul"))
        }
    }
}
