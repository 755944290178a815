import FahrplanCore
import Foundation
import Vapor

/// An IT system as the API shows it.
struct ITSystemDTO: Content {
    struct ProjectLink: Content {
        var projectId: UUID
        var code: String?
        var relation: String
    }

    var id: UUID
    var name: String
    var vendor: String?
    var product: String?
    var hosting: String?
    var contractEndsOn: String?
    var interfaces: [String]
    var dataProtection: String?
    var lifecycle: String?
    var note: String?
    var departmentIds: [UUID]
    var projects: [ProjectLink]
    var archived: Bool
    var version: Int

    init(_ record: ITSystemRecord, departments: [UUID], projects: [(id: UUID, relation: ITSystemProjectRelation)], lookup: InventoryLookup) throws {
        id = try record.requireID()
        name = record.name; vendor = record.vendor; product = record.product; hosting = record.hosting
        contractEndsOn = record.contractEndsOn; interfaces = record.interfaces; dataProtection = record.dataProtection
        lifecycle = record.lifecycle; note = record.note
        departmentIds = departments
        self.projects = projects.map { ProjectLink(projectId: $0.id, code: lookup.project(id: $0.id)?.code, relation: $0.relation.rawValue) }
        archived = record.archivedAt != nil
        version = record.version
    }
}

/// An IT system to create, or to replace as a whole (PUT).
struct ITSystemWriteDTO: Content {
    /// Named *DTO so the request-body schema tests look inside it.
    struct ProjectLinkDTO: Content {
        var projectId: String?
        var relation: String?
    }

    var name: String?
    var vendor: String?
    var product: String?
    var hosting: String?
    var contractEndsOn: String?
    var interfaces: [String]?
    var dataProtection: String?
    var lifecycle: String?
    var note: String?
    var departmentIds: [String]?
    var projects: [ProjectLinkDTO]?

    func form(version: Int?) -> InventoryService.SystemForm {
        InventoryService.SystemForm(
            input: ITSystemInput(name: name, vendor: vendor, product: product, departmentIDs: departmentIds ?? [], hosting: hosting,
                                 contractEndsOn: contractEndsOn, interfaces: interfaces ?? [], dataProtection: dataProtection,
                                 lifecycle: lifecycle, projectIDs: (projects ?? []).map { $0.projectId ?? "" }),
            projectRelations: (projects ?? []).map(\.relation), note: note, version: version)
    }
}

/// An administrative service with its current levels and its assessment history.
struct AdministrativeServiceDTO: Content {
    struct Assessment: Content {
        var criterion: String
        var level: Int
        var assessedOn: String
        var note: String?
    }

    struct CriterionLevel: Content {
        var criterion: String
        var name: String
        /// The latest assessment's level; absent while the criterion is unassessed.
        var level: Int?
        var assessedOn: String?
    }

    var id: UUID
    var name: String
    var leikaKey: String?
    var ozgId: String?
    var departmentId: UUID?
    var casesPerYear: Int?
    var projectId: UUID?
    var note: String?
    /// The lowest level of the criteria; absent while a criterion is unassessed (`missingCriteria`).
    var overallLevel: Int?
    var missingCriteria: [String]
    var criteria: [CriterionLevel]
    /// Every assessment, oldest first.
    var assessments: [Assessment]
    var archived: Bool
    var version: Int

    init(_ record: AdministrativeServiceRecord, assessments: [MaturityAssessment], model: MaturityModel, today: CalendarDay, english: Bool) throws {
        id = try record.requireID()
        name = record.name; leikaKey = record.leikaKey; ozgId = record.ozgID; departmentId = record.$department.id
        casesPerYear = record.casesPerYear; projectId = record.$project.id; note = record.note
        let overall = model.overall(assessments, on: today)
        overallLevel = overall.level
        if case .unknown(let missing) = overall { missingCriteria = missing } else { missingCriteria = [] }
        criteria = model.criteria.map { criterion in
            let latest = assessments.filter { $0.criterionKey == criterion.key && $0.assessedOn <= today }.last
            return CriterionLevel(criterion: criterion.key, name: criterion.name(english: english), level: latest?.level, assessedOn: latest?.assessedOn.iso)
        }
        self.assessments = assessments.map { Assessment(criterion: $0.criterionKey, level: $0.level, assessedOn: $0.assessedOn.iso, note: $0.note) }
        archived = record.archivedAt != nil
        version = record.version
    }
}

/// A service to create or replace (PUT). `assessments` are added to the history (a rating already stored with the
/// same level and day is not added twice); stored ones are never replaced.
struct AdministrativeServiceWriteDTO: Content {
    /// Named *DTO so the request-body schema tests look inside it.
    struct AssessmentDTO: Content {
        var criterion: String?
        var level: Int?
        var assessedOn: String?
        var note: String?
    }

    var name: String?
    var leikaKey: String?
    var ozgId: String?
    var departmentId: String?
    var casesPerYear: Int?
    var projectId: String?
    var note: String?
    var assessments: [AssessmentDTO]?

    func form(version: Int?) -> InventoryService.ServiceForm {
        InventoryService.ServiceForm(
            input: AdministrativeServiceInput(name: name, leikaKey: leikaKey, ozgID: ozgId, departmentID: departmentId,
                                              casesPerYear: casesPerYear.map(String.init), projectID: projectId,
                                              assessments: (assessments ?? []).map {
                                                  MaturityAssessmentInput(criterion: $0.criterion, level: $0.level.map(String.init),
                                                                          assessedOn: $0.assessedOn, note: $0.note)
                                              }),
            note: note, version: version)
    }
}

/// The overview: counts per level today, by department, and over time.
struct InventoryOverviewDTO: Content {
    struct Level: Content {
        var level: Int
        var label: String
    }

    struct Counts: Content {
        /// One count per level of the model, in the model's order.
        var counts: [Int]
        var unknown: Int
        var total: Int
        var casesPerYear: Int
        var onlineCasesPerYear: Int
        var onlineShare: Double?

        init(_ counts: LevelCounts) {
            self.counts = counts.counts; unknown = counts.unknown; total = counts.total
            casesPerYear = counts.cases; onlineCasesPerYear = counts.onlineCases; onlineShare = counts.onlineShare
        }
    }

    struct Department: Content {
        /// Absent for services without a responsible department.
        var departmentId: UUID?
        var name: String?
        var counts: Counts
    }

    struct Point: Content {
        var day: String
        var counts: Counts
    }

    var modelKey: String
    var levels: [Level]
    var onlineFrom: Int
    var day: String
    var services: Int
    var systems: Int
    var total: Counts
    var byDepartment: [Department]
    var history: [Point]

    init(_ data: InventoryOverviewData, english: Bool) {
        modelKey = data.model.key
        levels = data.model.levels.map { Level(level: $0.number, label: $0.label(english: english)) }
        onlineFrom = data.model.onlineFrom
        day = data.today.day.iso
        services = data.serviceCount
        systems = data.systemCount
        total = Counts(data.today.total)
        byDepartment = data.departments.compactMap { entry in
            data.today.byDepartment[entry.id?.uuidString].map {
                Department(departmentId: entry.id, name: entry.id == nil ? nil : entry.label, counts: Counts($0))
            }
        }
        history = data.history.map { Point(day: $0.day.iso, counts: Counts($0.total)) }
    }
}

/// The import report (the project import's shape): counts and every problem with row, column and message.
struct InventoryImportReportDTO: Content {
    var kind: String
    var dryRun: Bool
    var committed: Bool
    var rows: Int
    var created: Int
    var updated: Int
    var unchanged: Int
    var errorCount: Int
    var errors: [ImportReportDTO.Problem]

    init(_ outcome: InventoryService.ImportOutcome, language: Language) {
        kind = outcome.kind.rawValue; dryRun = outcome.dryRun; committed = outcome.committed; rows = outcome.rows
        created = outcome.created; updated = outcome.updated; unchanged = outcome.unchanged
        errorCount = outcome.problems.count
        errors = outcome.problems.prefix(ImportReportDTO.listLimit).map { ImportReportDTO.problem($0, language) }
    }
}
