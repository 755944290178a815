import FahrplanCore
import Fluent
import Foundation
import Vapor

// JSON shapes of the project portfolio API, described one to one in `Resources/openapi.json`. Money is in
// cents and staff in hundredths of a full-time equivalent, as whole numbers, so nothing is rounded on the way.

struct ProjectTotalsDTO: Content {
    var oneOffCents: Int64
    var runningCents: Int64
    var fteHundredths: Int

    init(_ project: Project) {
        oneOffCents = project.totalOneOffCents
        runningCents = project.totalRunningCents
        fteHundredths = project.totalFTEHundredths
    }

    init(_ project: ProjectSummary) {
        oneOffCents = project.totalOneOffCents
        runningCents = project.totalRunningCents
        fteHundredths = project.totalFTEHundredths
    }
}

/// One row of the project list: enough to show and filter, without the long texts.
struct ProjectSummaryDTO: Content {
    var id: UUID
    var code: String
    var title: String
    var summary: String?
    var status: String
    var kind: String
    var departmentId: UUID?
    var departmentCode: String?
    var totals: ProjectTotalsDTO
    var archived: Bool
    var updatedAt: Date?

    init(_ project: ProjectSummary, departmentCodes: [UUID: String]) {
        id = project.id
        code = project.code
        title = project.title
        summary = project.summary
        status = project.projectStatus.rawValue
        kind = project.projectKind.rawValue
        departmentId = project.departmentID
        departmentCode = project.departmentID.flatMap { departmentCodes[$0] }
        totals = ProjectTotalsDTO(project)
        archived = project.archivedAt != nil
        updatedAt = project.updatedAt
    }

    /// Summaries of `projects` in their order, with one query for the department codes.
    static func list(_ projects: [ProjectSummary], context: MunicipalityContext, on db: any Database) async throws -> [ProjectSummaryDTO] {
        guard !projects.isEmpty else { return [] }
        let codes = try await DepartmentDirectory(db: db, municipalityID: context.municipalityID).codes()
        return projects.map { ProjectSummaryDTO($0, departmentCodes: codes) }
    }
}

struct ProjectPageDTO: Content {
    var items: [ProjectSummaryDTO]
    var total: Int
    var page: Int
    var pageCount: Int
}

struct CostLineDTO: Content {
    var year: Int
    var oneOffCents: Int64
    var runningCents: Int64
}

struct EffortLineDTO: Content {
    var departmentId: UUID
    var year: Int
    var fteHundredths: Int
}

struct StatusChangeDTO: Content {
    var from: String?
    var to: String
    var reason: String?
    var changedAt: Date
    var changedBy: String
}

/// The full profile (Projektsteckbrief) with its links, money, staff and status history.
struct ProjectDTO: Content {
    var id: UUID
    var code: String
    var title: String
    var summary: String?
    var description: String?
    var departmentId: UUID?
    var responsiblePerson: String?
    var kind: String
    var legalObligation: Bool
    var legalReference: String?
    var legalDeadline: String?
    var administrativeService: String?
    var beneficiaries: [String]
    var benefitDescription: String?
    /// Staff hours; citizens' and businesses' hours below.
    var hoursSavedPerYear: Int?
    var citizenHoursSavedPerYear: Int?
    var businessHoursSavedPerYear: Int?
    var startOn: String?
    var endOn: String?
    var risks: String?
    var tags: [String]
    var status: String
    var statusChangedAt: Date?
    var strategyElementIds: [UUID]
    var dependencyIds: [UUID]
    var dependentIds: [UUID]
    var costs: [CostLineDTO]
    var effort: [EffortLineDTO]
    var totals: ProjectTotalsDTO
    var callId: UUID?
    var mergedIntoId: UUID?
    var mergedFromIds: [UUID]
    var archived: Bool
    var createdAt: Date?
    var updatedAt: Date?
    /// Oldest first.
    var statusHistory: [StatusChangeDTO]

    static func load(_ project: Project, on db: any Database) async throws -> ProjectDTO {
        let id = try project.requireID()
        let details = try await ProjectDetails.load(project, on: db)
        let merged = try await Project.query(on: db).filter(\.$mergedInto.$id == id).sort(\.$code).all().compactMap(\.id)
        let history = try await ProjectStatusChangeRecord.query(on: db).filter(\.$project.$id == id).sort(\.$changedAt).all()
        return ProjectDTO(
            id: id, code: project.code, title: project.title, summary: project.summary, description: project.description,
            departmentId: project.$department.id, responsiblePerson: project.responsiblePerson, kind: project.projectKind.rawValue,
            legalObligation: project.legalObligation, legalReference: project.legalReference, legalDeadline: project.legalDeadline,
            administrativeService: project.administrativeService, beneficiaries: project.beneficiaryList.map(\.rawValue),
            benefitDescription: project.benefitDescription, hoursSavedPerYear: project.hoursSavedPerYear,
            citizenHoursSavedPerYear: project.citizenHoursSavedPerYear, businessHoursSavedPerYear: project.businessHoursSavedPerYear,
            startOn: project.startOn, endOn: project.endOn, risks: project.risks, tags: project.tagList,
            status: project.projectStatus.rawValue, statusChangedAt: project.statusChangedAt,
            strategyElementIds: details.elementIDs, dependencyIds: details.dependencyIDs, dependentIds: details.dependentIDs,
            costs: details.costs.map { CostLineDTO(year: $0.year, oneOffCents: $0.oneOffCents, runningCents: $0.runningCents) },
            effort: details.effort.map { EffortLineDTO(departmentId: $0.departmentID, year: $0.year, fteHundredths: $0.fteHundredths) },
            totals: ProjectTotalsDTO(project), callId: project.$call.id, mergedIntoId: project.$mergedInto.id, mergedFromIds: merged,
            archived: project.archivedAt != nil, createdAt: project.createdAt, updatedAt: project.updatedAt,
            statusHistory: history.map {
                StatusChangeDTO(from: $0.fromStatus, to: $0.toStatus, reason: $0.reason, changedAt: $0.changedAt, changedBy: $0.changedByName)
            })
    }
}

// MARK: - Request bodies

struct CostLineWriteDTO: Decodable, Sendable {
    var year: Int?
    var oneOffCents: Int64?
    var runningCents: Int64?
}

struct EffortLineWriteDTO: Decodable, Sendable {
    var departmentId: UUID?
    var year: Int?
    var fteHundredths: Int?
}

/// Body of POST (the whole profile) and PATCH (only the fields to change; `null` clears a field) for
/// projects. The shared validation works on text as typed into a form, so the adapter below writes the
/// API's whole numbers as exact German decimals (`123456` cents → `1234,56`) that read back to the same value.
struct ProjectWriteDTO: Decodable, Sendable {
    var code: PatchValue<String>
    var title: PatchValue<String>
    var summary: PatchValue<String>
    var description: PatchValue<String>
    var departmentId: PatchValue<UUID>
    var responsiblePerson: PatchValue<String>
    var kind: PatchValue<String>
    var legalObligation: PatchValue<Bool>
    var legalReference: PatchValue<String>
    var legalDeadline: PatchValue<String>
    var administrativeService: PatchValue<String>
    var beneficiaries: PatchValue<[String]>
    var benefitDescription: PatchValue<String>
    var hoursSavedPerYear: PatchValue<Int>
    var citizenHoursSavedPerYear: PatchValue<Int>
    var businessHoursSavedPerYear: PatchValue<Int>
    var startOn: PatchValue<String>
    var endOn: PatchValue<String>
    var risks: PatchValue<String>
    var tags: PatchValue<[String]>
    var strategyElementIds: PatchValue<[UUID]>
    var dependencyIds: PatchValue<[UUID]>
    var costs: PatchValue<[CostLineWriteDTO]>
    var effort: PatchValue<[EffortLineWriteDTO]>
    /// Only read on creation: the call for projects (Projektabfrage) the profile answers.
    var callId: PatchValue<UUID>

    enum CodingKeys: String, CodingKey {
        case code, title, summary, description, departmentId, responsiblePerson, kind, legalObligation, legalReference
        case legalDeadline, administrativeService, beneficiaries, benefitDescription, hoursSavedPerYear, startOn, endOn
        case citizenHoursSavedPerYear, businessHoursSavedPerYear
        case risks, tags, strategyElementIds, dependencyIds, costs, effort, callId
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.patch(String.self, forKey: .code)
        title = try c.patch(String.self, forKey: .title)
        summary = try c.patch(String.self, forKey: .summary)
        description = try c.patch(String.self, forKey: .description)
        departmentId = try c.patch(UUID.self, forKey: .departmentId)
        responsiblePerson = try c.patch(String.self, forKey: .responsiblePerson)
        kind = try c.patch(String.self, forKey: .kind)
        legalObligation = try c.patch(Bool.self, forKey: .legalObligation)
        legalReference = try c.patch(String.self, forKey: .legalReference)
        legalDeadline = try c.patch(String.self, forKey: .legalDeadline)
        administrativeService = try c.patch(String.self, forKey: .administrativeService)
        beneficiaries = try c.patch([String].self, forKey: .beneficiaries)
        benefitDescription = try c.patch(String.self, forKey: .benefitDescription)
        hoursSavedPerYear = try c.patch(Int.self, forKey: .hoursSavedPerYear)
        citizenHoursSavedPerYear = try c.patch(Int.self, forKey: .citizenHoursSavedPerYear)
        businessHoursSavedPerYear = try c.patch(Int.self, forKey: .businessHoursSavedPerYear)
        startOn = try c.patch(String.self, forKey: .startOn)
        endOn = try c.patch(String.self, forKey: .endOn)
        risks = try c.patch(String.self, forKey: .risks)
        tags = try c.patch([String].self, forKey: .tags)
        strategyElementIds = try c.patch([UUID].self, forKey: .strategyElementIds)
        dependencyIds = try c.patch([UUID].self, forKey: .dependencyIds)
        costs = try c.patch([CostLineWriteDTO].self, forKey: .costs)
        effort = try c.patch([EffortLineWriteDTO].self, forKey: .effort)
        callId = try c.patch(UUID.self, forKey: .callId)
    }

    /// The profile to validate: the stored project (if any) with this body's fields laid over it.
    func input(over project: Project?, details: ProjectDetails?) -> ProjectInput {
        let costLines = details?.costs.map { CostLineInput(year: String($0.year), oneOff: LocaleNumber.german(cents: $0.oneOffCents),
                                                           running: LocaleNumber.german(cents: $0.runningCents)) } ?? []
        let effortLines = details?.effort.map { EffortLineInput(departmentID: $0.departmentID.uuidString, year: String($0.year),
                                                                fte: LocaleNumber.german(hundredths: $0.fteHundredths)) } ?? []
        return ProjectInput(
            code: code.merged(into: project?.code),
            title: title.merged(into: project?.title),
            summary: summary.merged(into: project?.summary),
            description: description.merged(into: project?.description),
            departmentID: departmentId.merged(into: project?.$department.id?.uuidString),
            responsiblePerson: responsiblePerson.merged(into: project?.responsiblePerson),
            kind: kind.merged(into: project?.kind),
            legalObligation: legalObligation.merged(into: project.map { $0.legalObligation ? "true" : "false" }) ?? "false",
            legalReference: legalReference.merged(into: project?.legalReference),
            legalDeadline: legalDeadline.merged(into: project?.legalDeadline),
            administrativeService: administrativeService.merged(into: project?.administrativeService),
            beneficiaries: beneficiaries.list(over: project?.beneficiaryList.map(\.rawValue) ?? [], { $0 }),
            benefitDescription: benefitDescription.merged(into: project?.benefitDescription),
            hoursSavedPerYear: hoursSavedPerYear.merged(into: project?.hoursSavedPerYear.map(String.init)),
            citizenHoursSavedPerYear: citizenHoursSavedPerYear.merged(into: project?.citizenHoursSavedPerYear.map(String.init)),
            businessHoursSavedPerYear: businessHoursSavedPerYear.merged(into: project?.businessHoursSavedPerYear.map(String.init)),
            startOn: startOn.merged(into: project?.startOn),
            endOn: endOn.merged(into: project?.endOn),
            risks: risks.merged(into: project?.risks),
            tags: tags.list(over: project?.tagList ?? [], { $0 }),
            strategyElementIDs: strategyElementIds.list(over: details?.elementIDs.map(\.uuidString) ?? [], \.uuidString),
            dependencyIDs: dependencyIds.list(over: details?.dependencyIDs.map(\.uuidString) ?? [], \.uuidString),
            costs: costs.list(over: costLines) {
                CostLineInput(year: $0.year.map(String.init), oneOff: $0.oneOffCents.map(LocaleNumber.german(cents:)),
                              running: $0.runningCents.map(LocaleNumber.german(cents:)))
            },
            effort: effort.list(over: effortLines) {
                EffortLineInput(departmentID: $0.departmentId?.uuidString, year: $0.year.map(String.init),
                                fte: $0.fteHundredths.map(LocaleNumber.german(hundredths:)))
            })
    }
}

extension PatchValue {
    /// A list field: absent keeps `current`, `null` empties it, a value replaces it element by element.
    func list<Element>(over current: [Element], _ transform: (Value.Element) -> Element) -> [Element] where Value: Sequence {
        switch self {
        case .absent: return current
        case .null: return []
        case .value(let values): return values.map(transform)
        }
    }
}

struct ProjectStatusWriteDTO: Content {
    var status: String?
    var reason: String?
}

struct ProjectMergeWriteDTO: Content {
    /// The project that absorbs the one in the path.
    var targetId: UUID?
    var note: String?
}

struct ProjectAssignWriteDTO: Content {
    var projectIds: [UUID]?
    var elementId: UUID?
}

struct ProjectAssignResultDTO: Content {
    /// Projects newly linked; those already linked to the element are not counted.
    var assigned: Int
}

/// A profile not yet stored, to look for duplicates while it is being written.
struct ProjectDraftTextDTO: Content {
    var title: String?
    var summary: String?
    var description: String?
    var tags: [String]?
}

struct SimilarProjectDTO: Content {
    var project: ProjectSummaryDTO
    /// 0…1; 1 is the same text.
    var score: Double
}

struct DuplicatePairDTO: Content {
    /// The one stored first.
    var first: ProjectSummaryDTO
    var second: ProjectSummaryDTO
    var score: Double
}

/// The shared validation names fields as the web form does (`departmentID`, `costs[0].oneOff`); the API
/// reports them under the names of its JSON (`departmentId`, `costs[0].oneOffCents`).
enum ProjectFieldNames {
    static let renamed = [
        "projectKind": "kind", "strategyElementIDs": "strategyElementIds", "dependencyIDs": "dependencyIds",
        "callID": "callId", "target": "targetId", "elementID": "elementId", "projectIDs": "projectIds",
    ]
    /// Suffixes of line fields: `costs[2].oneOff` → `costs[2].oneOffCents`.
    static let lineSuffixes = [".oneOff": ".oneOffCents", ".running": ".runningCents", ".fte": ".fteHundredths", ".departmentID": ".departmentId"]

    static func apiName(_ field: String) -> String {
        if let name = renamed[field] ?? APIFieldNames.renamed[field] { return name }
        if field.hasPrefix("costs[") || field.hasPrefix("effort[") {
            for (suffix, replacement) in lineSuffixes where field.hasSuffix(suffix) {
                return String(field.dropLast(suffix.count)) + replacement
            }
        }
        return field
    }

    /// Runs `body` and reports its field problems under the API's field names.
    static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as ValidationFailure {
            throw FahrplanError.invalid(failure.problems.map { FieldProblem(apiName($0.field), $0.kind) })
        } catch FahrplanError.invalid(let problems) {
            throw FahrplanError.invalid(problems.map { FieldProblem(apiName($0.field), $0.kind) })
        }
    }
}
