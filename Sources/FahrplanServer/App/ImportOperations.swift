import FahrplanCore
import Fluent
import Foundation
import Vapor

/// The result of `fahrplan import projects`: the counts, every problem as one line, and whether the
/// projects were written.
public struct ProjectImportOutcome: Sendable {
    public var rows: Int
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    /// "Zeile 14, Spalte Beginn: '31.02.2027' ist kein gültiges Datum." — every error, none left out.
    public var errors: [String]
    public var warnings: [String]
    /// "3 new, 2 updated, 40 unchanged"
    public var summary: String
    public var committed: Bool

    public var hasErrors: Bool { !errors.isEmpty }
}

extension Operations {
    /// Checks a project list and, unless `dryRun` or the file has errors, imports it into the municipality
    /// (all rows in one transaction). Acts as the installation ("System" in the audit trail).
    public static func importProjects(_ app: Application, file: Data, fileName: String, municipalitySlug: String,
                                      dryRun: Bool, german: Bool = false) async throws -> ProjectImportOutcome {
        let context = try await systemContext(app, municipalitySlug)
        let language: Language = german ? .de : .en
        let sheet = ProjectSpreadsheet.read(bytes: file, currentYear: context.calendar.today.year)
        let plan = try await PortfolioImport(db: app.db, context: context, actor: nil)
            .run(sheet, fileName: ImportResponses.cleanFileName(fileName, fallback: "import.csv"), dryRun: dryRun)
        return ProjectImportOutcome(
            rows: plan.rowCount, created: plan.created, updated: plan.updated, unchanged: plan.unchanged,
            errors: plan.problems.filter { $0.severity == .error }.map { ImportMessages.line($0, language) },
            warnings: plan.problems.filter { $0.severity == .warning }.map { ImportMessages.line($0, language) },
            summary: ImportResponses.summary(plan, language), committed: !dryRun && !plan.hasErrors && !plan.drafts.isEmpty)
    }

    /// Every active project of the municipality as CSV (German Excel: UTF-8 with BOM, `;`) or JSON.
    public static func exportProjects(_ app: Application, municipalitySlug: String, format: String) async throws -> Data {
        guard let format = PortfolioExport.Format(rawValue: format.lowercased()) else {
            throw AppConfiguration.Problem(description: "format: csv or json.")
        }
        let context = try await systemContext(app, municipalitySlug)
        return try format.data(try await PortfolioExport(db: app.db, municipalityID: context.municipalityID).records())
    }

    /// The command line acts with the rights of the installation, like the installation administrator.
    private static func systemContext(_ app: Application, _ slug: String) async throws -> MunicipalityContext {
        guard let municipality = try await Municipality.query(on: app.db).filter(\.$slug == slug).first(),
              let id = municipality.id, municipality.archivedAt == nil else {
            throw AppConfiguration.Problem(description: "No municipality with the slug \(slug).")
        }
        let system = User()
        system.id = UUID()
        system.email = "system@fahrplan.invalid"
        system.displayName = "System"
        system.passwordHash = ""
        system.isInstallationAdmin = true
        return MunicipalityContext(municipality: municipality, municipalityID: id, user: CurrentUser(system), role: nil,
                                   permissions: Permissions(role: nil, isInstallationAdmin: true), calendar: app.municipalCalendar)
    }
}
