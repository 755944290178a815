import FahrplanCore
import Fluent
import Foundation
import Vapor

/// Publishes Musterstadt's transparency portal (`/p/musterstadt`) with ten projects that are approved, running or
/// done, through `PortalService` as the strategy team would. Switched on and off with the maturity data
/// (`loadsDemoMaturity`, off in the testing environment, where the tests publish their own portals).
struct DemoPortalLoader {
    static let team = "digitalisierung@musterstadt.example"
    static let publicCount = 10

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

    func load(_ content: DemoMunicipality) async throws {
        guard enabled, let team = try await DemoContexts.context(Self.team, content, municipality: municipality, userIDs: userIDs,
                                                                 calendar: calendar, on: db) else { return }
        let service = PortalService(db: db, context: team)
        let statuses: [ProjectStatus] = [.inProgress, .completed, .approved]
        let rows = try await Project.query(on: db).filter(\.$municipality.$id == team.municipalityID).filter(\.$archivedAt == nil)
            .filter(\.$status ~~ statuses.map(\.rawValue)).sort(\.$code).field(\.$id).field(\.$status).rows()
        // The projects the published newsletters tell about come first, so that the portal's newsletter part has
        // something to show (it shows only what concerns public projects).
        var chosen: [UUID] = []
        let candidates = Set(try rows.map { try $0.schema(Project.schema).decode("id", as: UUID.self) })
        for issue in try await NewsletterService.published(municipalityID: team.municipalityID, on: db) {
            let digest = issue.digest
            let told = digest.milestonesReached.map(\.projectID) + digest.projectsStarted.map(\.projectID)
                + digest.projectsFinished.map(\.projectID) + digest.lessonsLearned.map(\.projectID)
            for id in told where candidates.contains(id) && !chosen.contains(id) && chosen.count < Self.publicCount / 2 { chosen.append(id) }
        }
        for status in statuses {
            for row in rows.map({ $0.schema(Project.schema) }) where chosen.count < Self.publicCount {
                let id = try row.decode("id", as: UUID.self)
                if try row.decode("status", as: String.self) == status.rawValue, !chosen.contains(id) { chosen.append(id) }
            }
        }
        let today = calendar.today
        try await service.save(PortalSettingsInput(
            published: true,
            intro: "Hier zeigt die Stadt Musterstadt, was sie mit ihrer Digitalstrategie vorhat, welche Projekte laufen und wie weit die Ziele erreicht sind.",
            contactEmail: "barrierefreiheit@musterstadt.example", contactPhone: "+49 1234 56-0",
            contactAddress: "Stadt Musterstadt\nDigitalisierung\nMarktplatz 1\n12345 Musterstadt",
            statementDate: (today.adding(days: -30) ?? today).iso, conformance: PortalConformance.partial.rawValue,
            knownLimitations: "Die Diagramme sind Bilder mit Textbeschreibung; dieselben Zahlen stehen jeweils in einer Tabelle darunter.\nÄltere Newsletter-Ausgaben enthalten teilweise Abkürzungen ohne Erläuterung.",
            enforcementBody: "Ombudsstelle für barrierefreie Informationstechnik des Landes (Beispiel), Landesbehindertenbeauftragte, Musterstraße 2, 12345 Landeshauptstadt"),
            expected: nil)
        try await service.replacePublic(chosen.map(\.uuidString))
    }
}
