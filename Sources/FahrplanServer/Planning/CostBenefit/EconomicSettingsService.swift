import FahrplanCore
import Fluent
import Foundation

/// Reads and changes a municipality's economic settings. Like the rest of the municipality's frame, only the
/// strategy team (and installation administrators) may change them (`Permissions.canEditFrame`); every member
/// may read them, since every member sees the figures computed from them.
struct EconomicSettingsService {
    var db: any Database
    var context: MunicipalityContext

    static let auditedFields = ["staffHourlyRateCents", "citizenHourlyRateCents", "businessHourlyRateCents", "interestBasisPoints", "horizonYears"]

    func settings() async throws -> EconomicSettings {
        try await MunicipalityEconomics.settings(of: context.municipalityID, on: db)
    }

    /// Validates and stores; nothing is written when a value is out of range. Returns the stored settings.
    @discardableResult
    func save(_ input: EconomicSettings) async throws -> EconomicSettings {
        try context.require(context.permissions.canEditFrame)
        let settings = try input.validated()
        let municipalityID = context.municipalityID
        let actor = context.user
        try await db.writeTransaction { db in
            let row = try await MunicipalityEconomics.query(on: db).filter(\.$municipality.$id == municipalityID).first()
            let before = Self.snapshot(row?.settings ?? .defaults)
            let changes = FieldChange.between(before, Self.snapshot(settings), fields: Self.auditedFields)
            guard !changes.isEmpty || row == nil else { return }
            if let row {
                row.apply(settings)
                try await row.save(on: db)
            } else {
                try await MunicipalityEconomics(municipalityID: municipalityID, settings: settings).create(on: db)
            }
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .update,
                                        entityType: "economicSettings", entityID: municipalityID, label: "Wirtschaftlichkeit", changes: changes)
        }
        return settings
    }

    static func snapshot(_ settings: EconomicSettings) -> [String: String?] {
        ["staffHourlyRateCents": String(settings.staffHourlyRateCents), "citizenHourlyRateCents": String(settings.citizenHourlyRateCents),
         "businessHourlyRateCents": String(settings.businessHourlyRateCents), "interestBasisPoints": String(settings.interestBasisPoints),
         "horizonYears": String(settings.horizonYears)]
    }
}
