import FahrplanCore
import Fluent
import Foundation

/// Everything a plan's problem is assembled from, loaded once as plain values: the plan's frame and
/// capacities, and per project its profile (costs and effort per year, dependencies, status), its score in
/// the adopted ranking and the plan's settings for it.
struct PlanData: Sendable {
    struct BudgetLine: Sendable {
        var id: UUID
        var label: String
        var kind: BudgetKind
        var fundingSource: String?
        var eligible: [UUID]
        var amounts: [Double]
    }

    struct Staff: Sendable {
        var departmentID: UUID
        var code: String
        var name: String
        var fte: [Double]
    }

    struct ProjectFacts: Sendable {
        var id: UUID
        var code: String
        var title: String
        var status: ProjectStatus
        var legalObligation: Bool
        /// ISO date of a legal deadline ("2027-06-30").
        var legalDeadline: String?
        var startOn: String?
        var endOn: String?
        /// Year → (one-off, running) euros.
        var costs: [Int: (oneOff: Double, running: Double)]
        /// Year → department id → FTE.
        var effort: [Int: [UUID: Double]]
        var dependsOn: [UUID]
        /// Total of the adopted ranking, nil when the project is not in it.
        var score: Double?
        var computedRank: Int?
        var decidedRank: Int?
        /// Decided into the round's top group by a decision (a decided rank within the top N).
        var decidedIntoTop: Bool
        var fieldOfAction: String?
        var setting: Setting
    }

    struct Setting: Sendable {
        var included = true
        var mandatory: Bool?
        var pinnedStart: Int?
        var budgetLineID: UUID?
    }

    var planID: UUID
    var name: String
    var length: PlanPeriodLength
    var firstYear: Int
    var periods: [String]
    var discount: Double
    var lines: [BudgetLine]
    /// Every department's code, also of those without a capacity row, so that notes name them by code.
    var departmentCodes: [UUID: String]
    var staff: [Staff]
    var projects: [ProjectFacts]
    /// The round and ranking version the values come from ("Haushaltsrunde 2027, Fassung 2").
    var rankingLabel: String?
    /// Codes of the municipality's completed projects: dependencies on them are met.
    var completedCodes: Set<String>

    var projectsByID: [UUID: ProjectFacts] { Dictionary(projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }

    /// The columns of a project that planning reads.
    fileprivate struct ProjectRow {
        var id: UUID
        var code: String
        var title: String
        var status: ProjectStatus
        var legalObligation: Bool
        var legalDeadline: String?
        var startOn: String?
        var endOn: String?
    }
}

extension PlanData {
    /// Projects a plan can hold: not archived, not merged away, not completed, cancelled or still an idea.
    static let plannableStatuses: Set<ProjectStatus> = [.submitted, .inReview, .prioritized, .approved, .inProgress, .deferred]

    static func load(_ plan: RoadmapPlan, on db: any Database) async throws -> PlanData {
        let planID = try plan.requireID()
        let municipalityID = plan.$municipality.id
        let lines = try await PlanBudgetLine.query(on: db).filter(\.$plan.$id == planID).sort(\.$position).all()
        let staffRows = try await PlanStaffCapacity.query(on: db).filter(\.$plan.$id == planID).all()
        let departments = try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        let departmentByID = Dictionary(departments.compactMap { d in d.id.map { ($0, d) } }, uniquingKeysWith: { a, _ in a })
        let settings = try await PlanProjectSetting.query(on: db).filter(\.$plan.$id == planID).all()
        let settingByProject = Dictionary(settings.map { ($0.$project.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Columns, not models: decoding ~500 whole profiles (descriptions, search text) and thousands of cost and
        // effort rows by reflection took most of the roadmap page's time (benchmarks/planning-pages.sh).
        var all: [ProjectRow] = []
        for row in try await Project.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$archivedAt == nil).filter(\.$mergedInto.$id == nil).sort(\.$code)
            .field(\.$id).field(\.$code).field(\.$title).field(\.$status).field(\.$legalObligation).field(\.$legalDeadline)
            .field(\.$startOn).field(\.$endOn).rows() {
            let row = row.schema(Project.schema)
            all.append(ProjectRow(
                id: try row.decode("id", as: UUID.self), code: try row.decode("code", as: String.self),
                title: try row.decode("title", as: String.self),
                status: ProjectStatus(rawValue: try row.decode("status", as: String.self)) ?? .idea,
                legalObligation: try row.decode("legal_obligation", as: Bool.self),
                legalDeadline: try row.decode("legal_deadline", as: String?.self),
                startOn: try row.decode("start_on", as: String?.self), endOn: try row.decode("end_on", as: String?.self)))
        }
        let projects = all.filter { plannableStatuses.contains($0.status) }
        let completedCodes = Set(all.filter { $0.status == .completed }.map(\.code))
        var costs: [UUID: [Int: (oneOff: Double, running: Double)]] = [:]
        var effort: [UUID: [Int: [UUID: Double]]] = [:]
        var dependencies: [UUID: [UUID]] = [:]
        if !projects.isEmpty {
            for row in try await ProjectCost.query(on: db).filter(\.$municipality.$id == municipalityID)
                .field(\.$project.$id).field(\.$year).field(\.$oneOffCents).field(\.$runningCents).rows() {
                let row = row.schema(ProjectCost.schema)
                costs[try row.decode("project_id", as: UUID.self), default: [:]][try row.decode("year", as: Int.self)] =
                    (Double(try row.decode("one_off_cents", as: Int64.self)) / 100, Double(try row.decode("running_cents", as: Int64.self)) / 100)
            }
            for row in try await ProjectEffort.query(on: db).filter(\.$municipality.$id == municipalityID)
                .field(\.$project.$id).field(\.$year).field(\.$department.$id).field(\.$fteHundredths).rows() {
                let row = row.schema(ProjectEffort.schema)
                effort[try row.decode("project_id", as: UUID.self), default: [:]][try row.decode("year", as: Int.self), default: [:]][
                    try row.decode("department_id", as: UUID.self), default: 0] += Double(try row.decode("fte_hundredths", as: Int.self)) / 100
            }
            for row in try await ProjectDependency.query(on: db).filter(\.$municipality.$id == municipalityID)
                .field(\.$project.$id).field(\.$dependsOn.$id).rows() {
                let row = row.schema(ProjectDependency.schema)
                dependencies[try row.decode("project_id", as: UUID.self), default: []].append(try row.decode("depends_on_id", as: UUID.self))
            }
        }
        let fields = try await fieldsOfAction(municipalityID, on: db)

        var scores: [UUID: (total: Double, computed: Int, decided: Int?)] = [:]
        var rankingLabel: String?
        var topN = 0
        if let roundID = plan.$round.id, let round = try await PrioritizationRound.query(on: db).filter(\.$id == roundID)
            .filter(\.$municipality.$id == municipalityID).first(),
            let version = try await RankingVersion.query(on: db).filter(\.$round.$id == roundID).sort(\.$version, .descending).first() {
            for entry in try await RankingEntry.query(on: db).filter(\.$version.$id == version.requireID()).all() {
                scores[entry.$project.id] = (entry.total, entry.computedRank, entry.decidedRank)
            }
            rankingLabel = "\(round.title) · \(version.version)"
            topN = round.topN
        }

        return PlanData(
            planID: planID, name: plan.name, length: plan.length, firstYear: plan.firstYear, periods: plan.periodLabels,
            discount: plan.discount,
            lines: lines.map { .init(id: $0.id!, label: $0.label, kind: $0.budgetKind, fundingSource: $0.fundingSource,
                                     eligible: $0.eligibleIDs, amounts: $0.amountList) },
            departmentCodes: Dictionary(departments.compactMap { department in department.id.map { ($0, department.code) } },
                                        uniquingKeysWith: { a, _ in a }),
            staff: staffRows.compactMap { row in
                guard let department = departmentByID[row.$department.id] else { return nil }
                return .init(departmentID: row.$department.id, code: department.code, name: department.name, fte: row.fteList)
            }.sorted { $0.code < $1.code },
            projects: projects.map { project in
                let id = project.id
                let setting = settingByProject[id]
                return ProjectFacts(
                    id: id, code: project.code, title: project.title, status: project.status,
                    legalObligation: project.legalObligation, legalDeadline: project.legalDeadline, startOn: project.startOn,
                    endOn: project.endOn, costs: costs[id] ?? [:], effort: effort[id] ?? [:], dependsOn: dependencies[id] ?? [],
                    score: scores[id]?.total, computedRank: scores[id]?.computed, decidedRank: scores[id]?.decided,
                    decidedIntoTop: scores[id]?.decided.map { $0 <= topN } ?? false,
                    fieldOfAction: fields[id],
                    setting: Setting(included: setting?.included ?? true, mandatory: setting?.mandatory,
                                     pinnedStart: setting?.pinnedStart, budgetLineID: setting?.$budgetLine.id))
            },
            rankingLabel: rankingLabel, completedCodes: completedCodes)
    }

    /// Project id → the title of the field of action its first strategy link leads up to.
    private static func fieldsOfAction(_ municipalityID: UUID, on db: any Database) async throws -> [UUID: String] {
        var byID: [UUID: (kind: String, title: String, parent: UUID?)] = [:]
        for row in try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID)
            .field(\.$id).field(\.$kind).field(\.$title).field(\.$parent.$id).rows() {
            let row = row.schema(StrategyElement.schema)
            byID[try row.decode("id", as: UUID.self)] = (try row.decode("kind", as: String.self), try row.decode("title", as: String.self),
                                                         try row.decode("parent_id", as: UUID?.self))
        }
        func field(of id: UUID) -> String? {
            var current = byID[id]
            var steps = 0
            while let element = current, steps < 10 {
                if element.kind == StrategyElementKind.fieldOfAction.rawValue { return element.title }
                current = element.parent.flatMap { byID[$0] }
                steps += 1
            }
            return nil
        }
        var result: [UUID: String] = [:]
        for row in try await ProjectStrategyLink.query(on: db).filter(\.$municipality.$id == municipalityID)
            .field(\.$project.$id).field(\.$element.$id).rows() {
            let row = row.schema(ProjectStrategyLink.schema)
            let projectID = try row.decode("project_id", as: UUID.self)
            if result[projectID] == nil, let title = field(of: try row.decode("element_id", as: UUID.self)) { result[projectID] = title }
        }
        return result
    }
}
