import FahrplanCore
import Fluent
import Foundation

/// The portfolio as spreadsheet records: every active project of a municipality with its children, the
/// references written as codes (units, strategy elements, projects) so that the file reads back into the
/// same or another municipality with the same codes — or as ids, for imports that keep current values.
struct PortfolioExport {
    var db: any Database
    var municipalityID: UUID

    enum ReferenceStyle { case codes, ids }

    /// What references are written as, loaded once for the whole portfolio.
    struct Lookup {
        var style: ReferenceStyle
        var departmentCodes: [UUID: String] = [:]
        var elements: [UUID: (kind: StrategyElementKind, code: String)] = [:]
        var projectCodes: [UUID: String] = [:]

        func department(_ id: UUID?) -> String? {
            guard let id else { return nil }
            return style == .ids ? id.uuidString : departmentCodes[id] ?? id.uuidString
        }

        func element(_ id: UUID) -> String { style == .ids ? id.uuidString : elements[id]?.code ?? id.uuidString }
        func project(_ id: UUID) -> String { style == .ids ? id.uuidString : projectCodes[id] ?? id.uuidString }
    }

    func lookup(_ style: ReferenceStyle) async throws -> Lookup {
        var lookup = Lookup(style: style)
        for unit in try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            if let id = unit.id { lookup.departmentCodes[id] = unit.code }
        }
        let kinds = [StrategyElementKind.fieldOfAction, .goal, .program].map(\.rawValue)
        for element in try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$kind ~~ kinds).all() {
            guard let id = element.id, let kind = StrategyElementKind(rawValue: element.kind) else { continue }
            lookup.elements[id] = (kind, element.code ?? element.title)
        }
        if style == .codes {
            for project in try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).field(\.$id).field(\.$code).all() {
                if let id = project.id { lookup.projectCodes[id] = project.code }
            }
        }
        return lookup
    }

    /// Every project that is not archived, ordered by code.
    func records() async throws -> [ProjectSheetRecord] {
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$archivedAt == nil).sort(\.$code).all()
        let details = try await ProjectDetails.loadMany(projects, on: db)
        let lookup = try await lookup(.codes)
        return projects.map { Self.record($0, details[$0.id ?? UUID()], lookup) }
    }

    /// One project as a record. Lists are sorted so that equal projects give equal records.
    static func record(_ project: Project, _ details: ProjectDetails?, _ lookup: Lookup) -> ProjectSheetRecord {
        let details = details ?? ProjectDetails(elementIDs: [], dependencyIDs: [], dependentIDs: [], costs: [], effort: [])
        let effort = details.effort.map { EffortLine(departmentID: lookup.department($0.departmentID) ?? "", year: $0.year, fteHundredths: $0.fteHundredths) }
            .sorted { ($0.year, $0.departmentID) < ($1.year, $1.departmentID) }
        let values = ProjectValues.stored(
            code: project.code, title: project.title, summary: project.summary, description: project.description,
            departmentID: lookup.department(project.$department.id), responsiblePerson: project.responsiblePerson,
            kind: project.projectKind, legalObligation: project.legalObligation, legalReference: project.legalReference,
            legalDeadline: project.legalDeadline.flatMap(CalendarDay.init(iso:)), administrativeService: project.administrativeService,
            beneficiaries: project.beneficiaryList, benefitDescription: project.benefitDescription,
            hoursSavedPerYear: project.hoursSavedPerYear, citizenHoursSavedPerYear: project.citizenHoursSavedPerYear,
            businessHoursSavedPerYear: project.businessHoursSavedPerYear, startOn: project.startOn.flatMap(CalendarDay.init(iso:)),
            endOn: project.endOn.flatMap(CalendarDay.init(iso:)), risks: project.risks, tags: project.tagList,
            dependencyIDs: details.dependencyIDs.map(lookup.project).sorted(),
            costs: details.costs.sorted { $0.year < $1.year }, effort: effort)
        var groups: [StrategyElementKind: [String]] = [:]
        for id in details.elementIDs {
            groups[lookup.elements[id]?.kind ?? .goal, default: []].append(lookup.element(id))
        }
        return ProjectSheetRecord(values: values, status: project.projectStatus,
                                  fieldsOfAction: (groups[.fieldOfAction] ?? []).sorted(), goals: (groups[.goal] ?? []).sorted(),
                                  programs: (groups[.program] ?? []).sorted())
    }

    /// `fahrplan-projekte-musterstadt-2026-03-01.csv`
    static func fileName(slug: String, format: String, on day: CalendarDay) -> String {
        "fahrplan-projekte-\(slug)-\(day.iso).\(format)"
    }

    /// The export in one of its formats.
    enum Format: String, CaseIterable {
        case csv, json

        var contentType: String { self == .csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8" }

        func data(_ records: [ProjectSheetRecord]) throws -> Data {
            self == .csv ? ProjectSpreadsheet.csv(records) : try ProjectSpreadsheet.json(records)
        }
    }
}
