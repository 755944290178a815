import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// An IT system and an administrative service (with an assessment), for the tenant-isolation walk's `:system` and
/// `:service` routes.
struct WalkInventory {
    var systemID: UUID
    var serviceID: UUID
    var all: [UUID] { [systemID, serviceID] }

    static func create(context: MunicipalityContext, departmentID: UUID, suffix: String, on db: any Database) async throws -> WalkInventory {
        let service = InventoryService(db: db, context: context)
        let system = try await service.createSystem(.init(input: ITSystemInput(
            name: "Walk-System \(suffix)", vendor: "Walk \(suffix)", departmentIDs: [departmentID.uuidString], lifecycle: "keep")))
        let record = try await service.createService(.init(input: AdministrativeServiceInput(
            name: "Walk-Leistung \(suffix)", departmentID: departmentID.uuidString, casesPerYear: "100",
            assessments: [MaturityAssessmentInput(criterion: "antrag", level: "2", assessedOn: "2025-01-15")])))
        return WalkInventory(systemID: try system.requireID(), serviceID: try record.requireID())
    }
}

extension RouteWalk {
    /// Form fields the inventory pages accept on the target's own data (each create its own name: names are unique).
    static func inventoryForm(segments: [String], target: WalkTarget) -> [(String, String)]? {
        guard segments.count > 2, segments[2] == "inventory" else { return nil }
        let path = segments.dropFirst(3).joined(separator: "/")
        switch path {
        case "import": return [("kind", "systems"), ("content", "Name;Hersteller\nWalk-Import-System;Walk\n")]
        case "model": return [("model", InventoryWebController.json(.ozg)), ("version", "")]
        case "systems/new": return [("name", "Übernommenes System (Formular)"), ("departmentIDs[]", target.departmentID.uuidString)]
        case "systems/:system/edit": return [("name", "Übernommenes System"), ("departmentIDs[]", target.departmentID.uuidString)]
        case "services/new": return [("name", "Übernommene Leistung (Formular)"), ("departmentID", target.departmentID.uuidString)]
        case "services/:service/edit":
            return [("name", "Übernommene Leistung"), ("departmentID", target.departmentID.uuidString), ("criterion[]", "antrag"),
                    ("level[]", "3"), ("assessedOn[]", "01.02.2025")]
        default: return nil
        }
    }

    /// JSON bodies of the inventory API.
    static func inventoryJSON(segments: [String], target: WalkTarget) -> [String: Any]? {
        guard segments.count > 3, segments[0] == "api", segments[2] == "inventory" else { return nil }
        let path = segments.dropFirst(3).joined(separator: "/")
        switch path {
        case "maturity-model":
            let model = MaturityModel.ozg
            return ["key": model.key, "onlineFrom": model.onlineFrom,
                    "levels": model.levels.map { ["number": $0.number, "germanLabel": $0.germanLabel, "englishLabel": $0.englishLabel] },
                    "criteria": model.criteria.map { ["key": $0.key, "germanName": $0.germanName, "englishName": $0.englishName] }]
        case "systems": return ["name": "Übernommenes System (API)", "departmentIds": [target.departmentID.uuidString]]
        case "systems/:system": return ["name": "Übernommenes System", "departmentIds": [target.departmentID.uuidString]]
        case "services": return ["name": "Übernommene Leistung (API)", "departmentId": target.departmentID.uuidString]
        case "services/:service":
            return ["name": "Übernommene Leistung", "departmentId": target.departmentID.uuidString,
                    "assessments": [["criterion": "bescheid", "level": 1, "assessedOn": "2025-02-01"]]]
        case "systems/import": return ["csv": "Name;Hersteller\nWalk-API-Import;Walk\n"]
        case "services/import": return ["csv": "Leistung;Fallzahl pro Jahr\nWalk-API-Leistung;10\n"]
        default: return nil
        }
    }
}
