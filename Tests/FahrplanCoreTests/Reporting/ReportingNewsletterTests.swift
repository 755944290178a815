import FahrplanCore
import Foundation
import Testing

@Suite("Reporting: newsletter digest and its plain text")
struct ReportingNewsletterTests {
    typealias F = ReportingFixtures

    /// The last issue went out on 1 November, this one on 1 December.
    static func input(editorial: String? = nil) -> NewsletterInput {
        let projects = [
            F.project(1, "P-01", .inProgress, reports: [
                F.report("2026-11-01", obstacles: "am Tag der letzten Ausgabe"),
                F.report("2026-11-10", .yellow, obstacles: "Server verspätet", lessons: "Früh bestellen"),
                F.report("2026-11-20", obstacles: "Server noch immer verspätet"),
            ], milestones: [F.milestone(1, "Konzept fertig", due: "2026-11-15", done: "2026-11-14"),
                            F.milestone(2, "Pilot startet", due: "2026-12-20"),
                            F.milestone(3, "Rollout", due: "2027-03-01")],  // beyond the six weeks
                      started: "2026-11-02"),
            F.project(2, "P-02", .completed, milestones: [F.milestone(4, "Abnahme", due: "2026-11-30", done: "2026-12-01")],
                      started: "2026-01-01", completed: "2026-12-01"),
            F.project(3, "P-03", .completed, started: "2025-01-01", completed: "2026-11-01"),  // in the last issue
            F.project(4, "P-04", .cancelled, milestones: [F.milestone(5, "Nie", due: "2026-12-10")]),
        ]
        return NewsletterInput(since: F.day("2026-11-01"), issueOn: F.day("2026-12-01"), projects: projects,
                               events: [.init(title: "Digitalisierungsausschuss", on: F.day("2026-12-08")),
                                        .init(title: "Vergangen", on: F.day("2026-11-20"))],
                               editorial: editorial)
    }

    @Test("what is new since the last issue: the day after it up to the issue day; upcoming within six weeks")
    func content() throws {
        let digest = try NewsletterDigest.assemble(Self.input())
        #expect(digest.milestonesReached.map(\.milestone) == ["Konzept fertig", "Abnahme"])
        #expect(digest.projectsStarted.map(\.code) == ["P-01"])
        #expect(digest.projectsFinished.map(\.code) == ["P-02"])
        #expect(digest.obstacles.map(\.text) == ["Server noch immer verspätet"])
        #expect(digest.lessonsLearned.map(\.text) == ["Früh bestellen"])
        #expect(digest.lessonsLearned.first?.reportedOn == F.day("2026-11-10"))
        // Cancelled projects announce nothing; past events are not "upcoming".
        #expect(digest.upcoming.map(\.title) == ["Digitalisierungsausschuss", "Pilot startet"])
        #expect(digest.upcoming.map(\.project) == [nil, "P-01 Projekt P-01"])
    }

    @Test("restricted to public projects: other projects' news and milestone dates left out, events and editorial kept")
    func restricted() throws {
        let digest = try NewsletterDigest.assemble(Self.input(editorial: "Liebe Kolleginnen"))
        let onlySecond = digest.restricted(to: [F.id(2)])
        #expect(onlySecond.milestonesReached.map(\.milestone) == ["Abnahme"])
        #expect(onlySecond.projectsStarted.isEmpty)
        #expect(onlySecond.projectsFinished.map(\.code) == ["P-02"])
        #expect(onlySecond.obstacles.isEmpty && onlySecond.lessonsLearned.isEmpty)
        #expect(onlySecond.upcoming.map(\.title) == ["Digitalisierungsausschuss"])
        #expect(onlySecond.editorial == "Liebe Kolleginnen")
        let onlyFirst = digest.restricted(to: [F.id(1)])
        #expect(onlyFirst.upcoming.map(\.title).sorted() == ["Digitalisierungsausschuss", "Pilot startet"])
        #expect(onlyFirst.obstacles.map(\.text) == ["Server noch immer verspätet"])
        #expect(digest.restricted(to: [F.id(1), F.id(2), F.id(3), F.id(4)]) == digest)
        // A digest frozen before milestone dates carried their project: such a date is left out, an event stays.
        var old = digest
        old.upcoming = old.upcoming.map { var entry = $0; entry.projectID = nil; return entry }
        #expect(old.restricted(to: [F.id(1)]).upcoming.map(\.title) == ["Digitalisierungsausschuss"])
    }

    @Test("nothing to tell is a newsletter without content; an issue before the last one names issueOn")
    func badInput() throws {
        let quiet = NewsletterInput(since: F.day("2026-11-01"), issueOn: F.day("2026-12-01"),
                                    projects: [F.project(1, "P-01", .inProgress, started: "2026-01-01")])
        #expect(throws: ValidationFailure([FieldProblem("content", .required)])) { try NewsletterDigest.assemble(quiet) }
        var blankEditorial = quiet
        blankEditorial.editorial = " \n "
        #expect(throws: ValidationFailure([FieldProblem("content", .required)])) { try NewsletterDigest.assemble(blankEditorial) }
        var editorial = quiet
        editorial.editorial = "Frohe Feiertage!"
        #expect(try NewsletterDigest.assemble(editorial).editorial == "Frohe Feiertage!")
        var backwards = Self.input()
        backwards.issueOn = F.day("2026-10-31")
        #expect(throws: ValidationFailure([FieldProblem("issueOn", .endBeforeStart)])) { try NewsletterDigest.assemble(backwards) }
    }

    @Test("plain text: every line at most 72 characters, German and English, headings and items")
    func plainText() throws {
        let long = "Das Digitalisierungsteam dankt allen Ämtern für die Mitarbeit im vergangenen Monat. "
            + "Besonders hervorzuheben ist die Rechnungsbearbeitung, die jetzt vollständig digital läuft. "
            + "Mehr unter https://example.org/" + String(repeating: "sehr-lang", count: 12)
        let digest = try NewsletterDigest.assemble(Self.input(editorial: long + "\n\nZweiter Absatz\u{7}."))
        for english in [false, true] {
            let text = digest.plainText(municipality: "Musterstadt", english: english)
            let lines = text.components(separatedBy: "\n")
            #expect(lines.allSatisfy { $0.count <= 72 }, "\(lines.filter { $0.count > 72 })")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            #expect(text.hasSuffix("\n"))
            #expect(text.contains(english ? "Milestones reached\n------------------" : "Erreichte Meilensteine\n----------------------"))
            #expect(text.contains(english ? "Coming up" : "Demnächst"))
            #expect(text.contains(english ? "- 2026-11-14 P-01 Projekt P-01: Konzept fertig"
                                          : "- 14.11.2026 P-01 Projekt P-01: Konzept fertig"))
            #expect(text.contains("Zweiter Absatz."))
        }
        let german = digest.plainText(municipality: "Musterstadt", english: false)
        #expect(german.hasPrefix("Musterstadt – Neues aus der Digitalisierung\n"))
        #expect(german.contains("Ausgabe vom 01.12.2026, Neues seit dem 01.11.2026"))
    }

    @Test("wrapping: hanging indent, long words cut, nothing lost")
    func wrapping() {
        let lines = PlainText.wrap("eins zwei drei vier fünf sechs sieben", width: 20, first: "- ", rest: "  ")
        #expect(lines == ["- eins zwei drei", "  vier fünf sechs", "  sieben"])
        let cut = PlainText.wrap(String(repeating: "x", count: 50), width: 20, first: "- ", rest: "  ")
        #expect(cut.allSatisfy { $0.count <= 20 })
        #expect(cut.map { $0.dropFirst(2) }.joined() == String(repeating: "x", count: 50))
        #expect(PlainText.wrap("", width: 20) == [""])
        #expect(PlainText.wrap("äöü 😀😀 עברית\u{200F}", width: 20) == ["äöü 😀😀 עברית\u{200F}"])
    }
}
