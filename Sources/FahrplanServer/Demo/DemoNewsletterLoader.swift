import FahrplanCore
import Fluent
import Foundation
import Vapor

/// Musterstadt's newsletter (its "digital.kanal"): two published issues and a draft, made through
/// `NewsletterService` as the strategy team would (audit included), each window ending where the previous issue
/// ended, so that every milestone, start, completion and report of the demo's monitoring falls into exactly one
/// issue. A published issue keeps its issue day as publishing day. Days count back from the day the demo is
/// loaded. Off with the maturity data (`loadsDemoMaturity`, off in the testing environment, whose newsletter
/// tests start from none).
struct DemoNewsletterLoader {
    var db: any Database
    var municipality: Municipality
    var userIDs: [String: UUID]
    var calendar: MunicipalCalendar
    var enabled: Bool

    init(app: Application, db: any Database, municipality: Municipality, userIDs: [String: UUID]) {
        self.db = db
        self.municipality = municipality
        self.userIDs = userIDs
        self.calendar = app.municipalCalendar
        self.enabled = app.loadsDemoMaturity
    }

    struct Issue {
        var title: String
        /// Days before the load day: the window's start (the previous issue's day) and the issue day.
        var sinceDaysAgo: Int
        var issueDaysAgo: Int
        var editorial: String
        var published: Bool
    }

    static let issues: [Issue] = [
        Issue(title: "digital.kanal 1 – Wir starten", sinceDaysAgo: 120, issueDaysAgo: 84, editorial: """
            Liebe Kolleginnen und Kollegen,

            mit dem **digital.kanal** berichten wir ab jetzt regelmäßig, was sich bei der Digitalisierung unserer Verwaltung tut: \
            welche Projekte starten, welche Meilensteine erreicht sind – und ehrlich auch, wo es hakt.

            - Die Fachworkshops mit allen Fachdiensten sind abgeschlossen; ihre Ergebnisse fließen in die Digitalstrategie.
            - Am Quick-Check zum Stand der Digitalisierung haben sich über 100 Kolleginnen und Kollegen beteiligt. Danke!

            Fragen und Hinweise gerne an das Team Digitalisierung.
            """, published: true),
        Issue(title: "digital.kanal 2 – E-Akte und Bürgerservice", sinceDaysAgo: 84, issueDaysAgo: 28, editorial: """
            Liebe Kolleginnen und Kollegen,

            die **E-Akte** ist in den ersten Fachdiensten angekommen, und im Bürgerservice läuft die Online-Terminvergabe. \
            Wo es Hindernisse gab, lesen Sie unten – zusammen mit dem, was wir daraus gelernt haben.

            Die nächsten Schulungstermine stehen unter „Demnächst“.
            """, published: true),
        Issue(title: "digital.kanal 3 – Jahresrückblick", sinceDaysAgo: 28, issueDaysAgo: 0, editorial: """
            Entwurf: Rückblick auf das Jahr und Ausblick auf die nächsten Roll-outs. Vor dem Versand mit der Amtsleitung abstimmen.
            """, published: false),
    ]

    func load(_ content: DemoMunicipality) async throws {
        guard enabled, let team = try await DemoContexts.context(DemoMonitoringContent.team, content, municipality: municipality,
                                                                 userIDs: userIDs, calendar: calendar, on: db) else { return }
        let today = calendar.today
        let service = NewsletterService(db: db, context: team)
        for issue in Self.issues {
            let since = today.adding(days: -issue.sinceDaysAgo) ?? today, day = today.adding(days: -issue.issueDaysAgo) ?? today
            let record = try await service.createDraft(.init(title: issue.title, sinceOn: since.iso, issueOn: day.iso, editorial: issue.editorial))
            guard issue.published else { continue }
            try await service.publish(record, expected: nil)
            // Published on its issue day, as it was sent then.
            record.publishedOn = day.iso
            record.publishedAt = Calendar(identifier: .gregorian).date(byAdding: .day, value: -issue.issueDaysAgo, to: calendar.now()) ?? calendar.now()
            try await record.save(on: db)
        }
    }
}
