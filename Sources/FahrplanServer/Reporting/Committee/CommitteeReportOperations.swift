import FahrplanCore
import Fluent
import Foundation
import Vapor

/// What `fahrplan report committee` writes: the file's bytes and a line for the terminal.
public struct CommitteeReportFile: Sendable {
    public var data: Data
    public var summary: String
}

extension Operations {
    /// The committee report of a municipality for a period as DOCX (`docx: true`) or as the API's JSON. The
    /// period's rules are the page's (`CommitteeReportService.period`); a bad one is a problem naming
    /// `--from`/`--to`. Acts as the installation, which may read every municipality.
    public static func committeeReport(_ app: Application, municipalitySlug: String, from: String?, to: String?, docx: Bool,
                                       german: Bool = true) async throws -> CommitteeReportFile {
        guard let municipality = try await Municipality.query(on: app.db).filter(\.$slug == municipalitySlug).first(),
              let id = municipality.id, municipality.archivedAt == nil else {
            throw AppConfiguration.Problem(description: "No municipality with the slug \(municipalitySlug).")
        }
        let system = User()
        system.id = UUID(); system.email = "system@fahrplan.invalid"; system.displayName = "System"; system.passwordHash = ""
        system.isInstallationAdmin = true
        let context = MunicipalityContext(municipality: municipality, municipalityID: id, user: CurrentUser(system), role: nil,
                                          permissions: Permissions(role: nil, isInstallationAdmin: true), calendar: app.municipalCalendar)
        let period: UpdatePeriod
        do {
            period = try CommitteeReportService.period(from: from, to: to, today: app.municipalCalendar.today)
        } catch FahrplanError.invalid(let problems) {
            let language: Language = german ? .de : .en
            throw AppConfiguration.Problem(description: problems.map { "--\($0.field): \(Strings.problem($0, language))" }.joined(separator: "\n"))
        }
        let service = CommitteeReportService(db: app.db, context: context)
        let report = try await service.report(period)
        let data: Data
        if docx {
            data = try service.docx(report, english: !german)
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            data = try encoder.encode(CommitteeReportDTO(report, slug: municipality.slug))
        }
        let range = "\(period.start.iso) – \(period.end.iso)"
        let summary = german
            ? "\(municipality.name), \(range): \(report.implementedCount) umgesetzt, \(report.inProgressCount) in Umsetzung, \(report.plannedCount) geplant, \(report.decisions.count) Entscheidungen"
            : "\(municipality.name), \(range): \(report.implementedCount) implemented, \(report.inProgressCount) in progress, \(report.plannedCount) planned, \(report.decisions.count) decisions"
        return CommitteeReportFile(data: data, summary: summary)
    }
}
