import FahrplanCore
import Fluent
import Foundation

/// Replacing the maturity model (JSON, a preset, the API) must not turn a known rating into "unknown" behind
/// anyone's back: a model that lacks a level a service is currently rated on is refused, naming the services
/// (`MaturityModelChange`). Older assessments in a service's history may use such a level; they stay and are
/// shown with their number, marked as not in the model.
extension InventoryService {
    /// The refusal: which levels, which services.
    struct ModelLevelsInUse: Error {
        var missing: [MaturityModelChange.LevelImpact]
    }

    /// The latest rating of each criterion of each service (archived services too: a restore brings them back).
    static func currentRatings(municipalityID: UUID, today: CalendarDay, model: MaturityModel, on db: any Database) async throws
        -> [MaturityModelChange.Rating] {
        let names = try await AdministrativeServiceRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
            .field(\.$id).field(\.$name).rows()
        var nameByID: [UUID: String] = [:]
        for row in names {
            let r = row.schema(AdministrativeServiceRecord.schema)
            nameByID[try r.decode("id", as: UUID.self)] = try r.decode("name", as: String.self)
        }
        let stored = try await InventoryService.assessments(municipalityID: municipalityID, on: db)
        return stored.flatMap { serviceID, assessments in
            model.criterionLevels(assessments, on: today).map { key, level in
                MaturityModelChange.Rating(service: nameByID[serviceID] ?? serviceID.uuidString, criterionKey: key, level: level)
            }
        }
    }

    /// What replacing the current model by `model` does to the current ratings.
    func modelImpact(of model: MaturityModel) async throws -> MaturityModelChange.Impact {
        let current = try await maturityModel()
        let ratings = try await Self.currentRatings(municipalityID: context.municipalityID, today: context.calendar.today, model: current, on: db)
        return MaturityModelChange.impact(from: current, to: model, current: ratings)
    }
}
