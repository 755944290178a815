import FahrplanCore
import Foundation
import Testing

@Suite("Calls for projects: reminder text and mailto link")
struct CallReminderTests {
    static let deadline = CalendarDay(iso: "2026-12-18")!
    static let missing = CallReminder.Unit(label: "50 Sozialamt", submitted: 0, drafts: 0, complete: false)
    static let drafting = CallReminder.Unit(label: "40 Amt für Schule und Sport", submitted: 1, drafts: 2, complete: false)

    static func reminder(today: String = "2026-11-24", english: Bool = false) -> CallReminder {
        CallReminder(callTitle: "Projektabfrage 2027/2028", deadline: deadline, today: CalendarDay(iso: today)!,
                     link: "https://fahrplan.example/m/musterstadt/calls/1", sender: "Julia Sommerfeld", english: english)
    }

    @Test("German text for one unit: call, deadline with days left, the unit, what is missing, link and sender")
    func germanSingle() {
        let text = Self.reminder().body(for: [Self.missing])
        #expect(text.contains("„Projektabfrage 2027/2028“"))
        #expect(text.contains("Meldung von 50 Sozialamt"))
        #expect(text.contains("- noch kein Projektsteckbrief"))
        #expect(text.contains("- die Erklärung „Meldung vollständig“"))
        #expect(text.contains("Die Frist endet am 18.12.2026 (noch 24 Tage)."))
        #expect(text.contains("Zur Abfrage: https://fahrplan.example/m/musterstadt/calls/1"))
        #expect(text.hasSuffix("Julia Sommerfeld"))
        #expect(Self.reminder().subject == "Erinnerung: Projektabfrage „Projektabfrage 2027/2028“ – Frist 18.12.2026")
    }

    @Test("several units in one letter, each with its own gaps; the deadline today, tomorrow and passed")
    func severalAndDeadlines() {
        let text = Self.reminder().body(for: [Self.missing, Self.drafting])
        #expect(text.contains("- 50 Sozialamt: noch kein Projektsteckbrief, die Erklärung „Meldung vollständig“"))
        #expect(text.contains("- 40 Amt für Schule und Sport: 2 Entwürfe noch nicht eingereicht, die Erklärung „Meldung vollständig“"))
        #expect(Self.reminder(today: "2026-12-18").body(for: [Self.missing]).contains("Die Frist endet heute, am 18.12.2026."))
        #expect(Self.reminder(today: "2026-12-17").body(for: [Self.missing]).contains("(noch 1 Tag)"))
        #expect(Self.reminder(today: "2027-01-04").body(for: [Self.missing]).contains("Die Frist ist am 18.12.2026 abgelaufen"))
    }

    @Test("English text by UI language")
    func english() {
        let reminder = Self.reminder(english: true)
        let text = reminder.body(for: [Self.missing, Self.drafting])
        #expect(reminder.subject == "Reminder: call for projects “Projektabfrage 2027/2028” – deadline 18 December 2026")
        #expect(text.hasPrefix("Dear colleagues,"))
        #expect(text.contains("- 50 Sozialamt: no project profile yet, the declaration “answer complete”"))
        #expect(text.contains("2 drafts not submitted yet"))
        #expect(text.contains("The deadline is 18 December 2026 (24 days left)."))
        #expect(!text.contains("Sie "))
    }

    @Test("without a link or sender the letter still reads well")
    func minimal() {
        let text = CallReminder(callTitle: "Abfrage", deadline: Self.deadline, today: CalendarDay(iso: "2026-12-01")!).body(for: [Self.missing])
        #expect(!text.contains("Zur Abfrage"))
        #expect(text.hasSuffix("Vielen Dank und freundliche Grüße"))
    }

    @Test("mailto: recipients, subject and body percent-encoded as UTF-8, CRLF line breaks")
    func mailto() {
        let link = MailtoLink.make(to: ["kuehn@musterstadt.example", "jansen+abfrage@musterstadt.example"],
                                   subject: "Erinnerung: „Abfrage“ & Frist", body: "Zeile 1\nZeile 2 = ok?")
        #expect(link.hasPrefix("mailto:kuehn@musterstadt.example,jansen%2Babfrage@musterstadt.example?subject="))
        #expect(link.contains("subject=Erinnerung%3A%20%E2%80%9EAbfrage%E2%80%9C%20%26%20Frist"))
        #expect(link.hasSuffix("&body=Zeile%201%0D%0AZeile%202%20%3D%20ok%3F"))
        #expect(MailtoLink.make(to: [], subject: "S", body: "B") == "mailto:?subject=S&body=B")
    }
}
