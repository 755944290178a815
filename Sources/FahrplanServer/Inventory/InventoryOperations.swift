import FahrplanCore
import Fluent
import Foundation
import Vapor

/// The result of `fahrplan inventory import`: counts, every problem as one line, whether anything was written.
public struct InventoryImportOutcome: Sendable {
    public var rows: Int
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    /// "Zeile 3, Spalte Vertragsende: …" — every problem, none left out.
    public var errors: [String]
    public var committed: Bool
    public var summary: String
}

extension Operations {
    /// Checks an inventory list (`kind`: systems or services) and, unless `dryRun` or the file has problems,
    /// imports it in one transaction. Acts as the installation ("System" in the audit trail).
    public static func importInventory(_ app: Application, kind: String, file: Data, municipalitySlug: String, dryRun: Bool,
                                       german: Bool = false) async throws -> InventoryImportOutcome {
        guard let sheet = InventoryService.SheetKind(rawValue: kind) else { throw AppConfiguration.Problem(description: "kind: systems or services.") }
        let context = try await inventoryContext(app, municipalitySlug)
        let outcome = try await InventoryService(db: app.db, context: context).importCSV(sheet, bytes: Array(file), dryRun: dryRun)
        let language: Language = german ? .de : .en
        let summary = german ? "\(outcome.created) neu, \(outcome.updated) geändert, \(outcome.unchanged) unverändert"
                             : "\(outcome.created) new, \(outcome.updated) updated, \(outcome.unchanged) unchanged"
        return InventoryImportOutcome(rows: outcome.rows, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged,
                                      errors: outcome.problems.map { ImportMessages.line($0, language) }, committed: outcome.committed,
                                      summary: summary)
    }

    /// Every active IT system or service of the municipality as CSV (German Excel: UTF-8 with BOM, `;`).
    public static func exportInventory(_ app: Application, kind: String, municipalitySlug: String) async throws -> Data {
        guard let sheet = InventoryService.SheetKind(rawValue: kind) else { throw AppConfiguration.Problem(description: "kind: systems or services.") }
        let context = try await inventoryContext(app, municipalitySlug)
        return Data(try await InventoryService(db: app.db, context: context).exportCSV(sheet).utf8)
    }

    /// The command line acts with the rights of the installation, like the installation administrator.
    private static func inventoryContext(_ app: Application, _ slug: String) async throws -> MunicipalityContext {
        guard let municipality = try await Municipality.query(on: app.db).filter(\.$slug == slug).first(),
              let id = municipality.id, municipality.archivedAt == nil else {
            throw AppConfiguration.Problem(description: "No municipality with the slug \(slug).")
        }
        let system = User()
        system.id = UUID(); system.email = "system@fahrplan.invalid"; system.displayName = "System"; system.passwordHash = ""
        system.isInstallationAdmin = true
        return MunicipalityContext(municipality: municipality, municipalityID: id, user: CurrentUser(system), role: nil,
                                   permissions: Permissions(role: nil, isInstallationAdmin: true), calendar: app.municipalCalendar)
    }
}
