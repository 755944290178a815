import FahrplanCore
import Fluent
import Foundation

/// The municipality's maturity model for its services (see `CreateInventory`): the core's `MaturityModel` as JSON.
/// Without a row the OZG model (0–4) applies; `InventoryService.maturityModel()` reads it.
final class InventorySettingsRecord: Model, @unchecked Sendable {
    static let schema = "inventory_settings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "maturity_model") var maturityModelJSON: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?

    init() {}

    /// The stored model; rows are written only from validated models, so a failure means a hand-edited row, and
    /// the OZG model is used rather than taking the inventory offline.
    var maturityModel: MaturityModel {
        (try? JSONDecoder().decode(MaturityModel.self, from: Data(maturityModelJSON.utf8))).flatMap { try? $0.validated() } ?? .ozg
    }

    static func encode(_ model: MaturityModel) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(model)) ?? Data(), as: UTF8.self)
    }

    var properties: [any AnyProperty] { [_id, _municipality, _maturityModelJSON, _version, _createdAt, _updatedAt, _archivedAt] }
}

/// How a project relates to an IT system it is linked to.
enum ITSystemProjectRelation: String, Codable, CaseIterable, Sendable {
    /// The project replaces (or retires) the system.
    case replaces
    /// The project extends or connects the system.
    case extends
}

/// An IT system or application in use. `interfaces` is a JSON array of the names of the systems it exchanges
/// data with (free text: they need not be in the inventory); `hosting`, `dataProtection`, `lifecycle` are the
/// core's raw values, nil while unrecorded; `nameKey` is `GermanFolding.matchKey(name)`, which the CSV import
/// matches rows on. Departments and projects are link rows.
final class ITSystemRecord: Model, @unchecked Sendable {
    static let schema = "it_systems"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "name") var name: String
    @Field(key: "name_key") var nameKey: String
    @OptionalField(key: "vendor") var vendor: String?
    @OptionalField(key: "product") var product: String?
    @OptionalField(key: "hosting") var hosting: String?
    @OptionalField(key: "contract_ends_on") var contractEndsOn: String?
    @Field(key: "interfaces") var interfacesJSON: String
    @OptionalField(key: "data_protection") var dataProtection: String?
    @OptionalField(key: "lifecycle") var lifecycle: String?
    @OptionalField(key: "note") var note: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?

    init() {}

    init(municipalityID: UUID) {
        id = UUID(); $municipality.id = municipalityID; version = 1; interfacesJSON = "[]"
    }

    var interfaces: [String] {
        get { (try? JSONDecoder().decode([String].self, from: Data(interfacesJSON.utf8))) ?? [] }
        set { interfacesJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }

    /// Copies the validated system's own fields (not its departments and projects, which are link rows).
    func apply(_ system: ITSystem, note: String?) {
        name = system.name; nameKey = GermanFolding.matchKey(system.name)
        vendor = system.vendor; product = system.product; hosting = system.hosting?.rawValue
        contractEndsOn = system.contractEndsOn?.iso; interfaces = system.interfaces
        dataProtection = system.dataProtection?.rawValue; lifecycle = system.lifecycle?.rawValue; self.note = note
    }

    var hostingChoice: ITHosting? { hosting.flatMap(ITHosting.init(rawValue:)) }
    var dataProtectionChoice: DataProtectionRelevance? { dataProtection.flatMap(DataProtectionRelevance.init(rawValue:)) }
    var lifecycleChoice: ITSystemLifecycle? { lifecycle.flatMap(ITSystemLifecycle.init(rawValue:)) }
    var contractEndDay: CalendarDay? { contractEndsOn.flatMap(CalendarDay.init(iso:)) }

    var properties: [any AnyProperty] { [_id, _municipality, _name, _nameKey, _vendor, _product, _hosting, _contractEndsOn, _interfacesJSON, _dataProtection, _lifecycle, _note, _version, _createdAt, _updatedAt, _archivedAt] }
}

/// A department using an IT system.
final class ITSystemDepartmentRecord: Model, @unchecked Sendable {
    static let schema = "it_system_departments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "system_id") var system: ITSystemRecord
    @Parent(key: "department_id") var department: Department

    init() {}

    init(municipalityID: UUID, systemID: UUID, departmentID: UUID) {
        id = UUID(); $municipality.id = municipalityID; $system.id = systemID; $department.id = departmentID
    }

    var properties: [any AnyProperty] { [_id, _municipality, _system, _department] }
}

/// A project that replaces or extends an IT system (`relation`: `ITSystemProjectRelation`).
final class ITSystemProjectRecord: Model, @unchecked Sendable {
    static let schema = "it_system_projects"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "system_id") var system: ITSystemRecord
    @Parent(key: "project_id") var project: Project
    @Field(key: "relation") var relation: String

    init() {}

    init(municipalityID: UUID, systemID: UUID, projectID: UUID, relation: ITSystemProjectRelation) {
        id = UUID(); $municipality.id = municipalityID; $system.id = systemID; $project.id = projectID
        self.relation = relation.rawValue
    }

    var properties: [any AnyProperty] { [_id, _municipality, _system, _project, _relation] }
}

/// An administrative service (Verwaltungsleistung): responsible department, yearly cases, the project that raises
/// its maturity. Its levels are `ServiceAssessmentRecord`s.
final class AdministrativeServiceRecord: Model, @unchecked Sendable {
    static let schema = "administrative_services"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "name") var name: String
    @Field(key: "name_key") var nameKey: String
    @OptionalField(key: "leika_key") var leikaKey: String?
    @OptionalField(key: "ozg_id") var ozgID: String?
    @OptionalParent(key: "department_id") var department: Department?
    @OptionalField(key: "cases_per_year") var casesPerYear: Int?
    @OptionalParent(key: "project_id") var project: Project?
    @OptionalField(key: "note") var note: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?

    init() {}

    init(municipalityID: UUID) {
        id = UUID(); $municipality.id = municipalityID; version = 1
    }

    /// Copies the validated service's own fields; `departmentID` and `projectID` must already be resolved ids.
    func apply(_ service: AdministrativeService, departmentID: UUID?, projectID: UUID?, note: String?) {
        name = service.name; nameKey = GermanFolding.matchKey(service.name)
        leikaKey = service.leikaKey; ozgID = service.ozgID; casesPerYear = service.casesPerYear
        $department.id = departmentID; $project.id = projectID; self.note = note
    }

    var properties: [any AnyProperty] { [_id, _municipality, _name, _nameKey, _leikaKey, _ozgID, _department, _casesPerYear, _project, _note, _version, _createdAt, _updatedAt, _archivedAt] }
}

/// One dated rating of one criterion of a service (`level` is the model level's number). Never updated.
final class ServiceAssessmentRecord: Model, @unchecked Sendable {
    static let schema = "service_assessments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "service_id") var service: AdministrativeServiceRecord
    @Field(key: "criterion_key") var criterionKey: String
    @Field(key: "level") var level: Int
    @Field(key: "assessed_on") var assessedOn: String
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "recorded_by_name") var recordedByName: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?

    init() {}

    init(municipalityID: UUID, serviceID: UUID, _ assessment: MaturityAssessment, recordedBy: String?) {
        id = UUID(); $municipality.id = municipalityID; $service.id = serviceID
        criterionKey = assessment.criterionKey; level = assessment.level; assessedOn = assessment.assessedOn.iso
        note = assessment.note; recordedByName = recordedBy
    }

    var assessment: MaturityAssessment? {
        CalendarDay(iso: assessedOn).map { MaturityAssessment(criterionKey: criterionKey, level: level, assessedOn: $0, note: note) }
    }

    var properties: [any AnyProperty] { [_id, _municipality, _service, _criterionKey, _level, _assessedOn, _note, _recordedByName, _createdAt, _archivedAt] }
}
