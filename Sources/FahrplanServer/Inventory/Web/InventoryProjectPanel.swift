import FahrplanCore
import Fluent
import Vapor

/// The inventory panel on a project's page (`Application.projectInventorySlot`): the IT systems the project
/// replaces or extends and the administrative services whose maturity it raises, each with a link to its
/// inventory page. Every member reads the inventory, so every reader of the project sees the panel; archived
/// items are left out, as in the inventory's lists. Reads only this project's link rows and the items they name.
struct InventoryProjectPanel: Encodable {
    struct SystemRow: Encodable {
        var name: String
        var url: String
        var relation: String
        var lifecycle: String
    }

    struct ServiceRow: Encodable {
        var name: String
        var url: String
        var department: String
        var level: String
    }

    var systems: [SystemRow]?
    var services: [ServiceRow]?
    var empty: Bool
    var inventoryURL: String
    var modelName: String

    static func load(_ project: Project, req: Request, context: MunicipalityContext) async throws -> InventoryProjectPanel {
        let data = try await InventoryProjectLinks.load(projectID: project.requireID(), db: req.db, context: context)
        let english = req.language != .de
        let slug = context.municipality.slug
        let systems = data.systems.map { item in
            SystemRow(name: item.name, url: SiteURL.municipality(slug, .itSystem(.value(item.id))).path,
                      relation: req.t("inventory.relation.\(item.relation.rawValue)"),
                      lifecycle: item.lifecycle?.label(english: english) ?? req.t("inventory.undecided"))
        }
        let services = data.services.map { item in
            ServiceRow(name: item.name, url: SiteURL.municipality(slug, .administrativeService(.value(item.id))).path,
                       department: item.department ?? "–",
                       level: InventoryServicesWeb.levelText(data.model, item.level, english: english, unknown: req.t("inventory.unknown")))
        }
        return InventoryProjectPanel(systems: systems.isEmpty ? nil : systems, services: services.isEmpty ? nil : services,
                                     empty: systems.isEmpty && services.isEmpty,
                                     inventoryURL: SiteURL.municipality(slug, .inventory()).path, modelName: data.model.key)
    }
}

/// The inventory items linked to one project, for the project page and the API: systems by name with the
/// link's relation, services by name with their current overall level (nil: unknown).
struct InventoryProjectLinks: Sendable {
    struct System: Sendable {
        var id: UUID
        var name: String
        var relation: ITSystemProjectRelation
        var lifecycle: ITSystemLifecycle?
    }

    struct Service: Sendable {
        var id: UUID
        var name: String
        var department: String?
        var level: Int?
    }

    var systems: [System]
    var services: [Service]
    var model: MaturityModel

    static func load(projectID: UUID, db: any Database, context: MunicipalityContext) async throws -> InventoryProjectLinks {
        let inventory = InventoryService(db: db, context: context)
        let links = try await ITSystemProjectRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$project.$id == projectID).all()
        let relations = Dictionary(links.map { ($0.$system.id, ITSystemProjectRelation(rawValue: $0.relation) ?? .extends) },
                                   uniquingKeysWith: { a, _ in a })
        let systemRecords = relations.isEmpty ? [] : try await ITSystemRecord.query(on: db)
            .filter(\.$municipality.$id == context.municipalityID).filter(\.$id ~~ Array(relations.keys))
            .filter(\.$archivedAt == nil).sort(\.$nameKey).all()
        let systems = systemRecords.compactMap { record -> System? in
            guard let id = record.id, let relation = relations[id] else { return nil }
            return System(id: id, name: record.name, relation: relation, lifecycle: record.lifecycleChoice)
        }
        let serviceRecords = try await AdministrativeServiceRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$project.$id == projectID).filter(\.$archivedAt == nil).sort(\.$nameKey).all()
        let model = try await inventory.maturityModel()
        let ids = serviceRecords.compactMap(\.id)
        let assessments = ids.isEmpty ? [:] : try await inventory.assessments(ids)
        let departmentIDs = Set(serviceRecords.compactMap { $0.$department.id })
        let departments = departmentIDs.isEmpty ? [] : try await Department.query(on: db)
            .filter(\.$municipality.$id == context.municipalityID).filter(\.$id ~~ Array(departmentIDs)).all()
        let departmentLabels = Dictionary(departments.compactMap { unit in unit.id.map { ($0, "\(unit.code) \(unit.name)") } },
                                          uniquingKeysWith: { a, _ in a })
        let today = context.calendar.today
        let services = serviceRecords.compactMap { record -> Service? in
            guard let id = record.id else { return nil }
            return Service(id: id, name: record.name, department: record.$department.id.flatMap { departmentLabels[$0] },
                           level: model.overall(assessments[id] ?? [], on: today).level)
        }
        return InventoryProjectLinks(systems: systems, services: services, model: model)
    }
}
