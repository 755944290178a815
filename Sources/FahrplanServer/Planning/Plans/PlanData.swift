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

        let all = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$archivedAt == nil).filter(\.$mergedInto.$id == nil).sort(\.$code).all()
        let projects = all.filter { plannableStatuses.contains($0.projectStatus) }
        let completedCodes = Set(all.filter { $0.projectStatus == .completed }.map(\.code))
        let ids = projects.compactMap(\.id)
        var costs: [UUID: [Int: (oneOff: Double, running: Double)]] = [:]
        var effort: [UUID: [Int: [UUID: Double]]] = [:]
        var dependencies: [UUID: [UUID]] = [:]
        if !ids.isEmpty {
            for cost in try await ProjectCost.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
                costs[cost.$project.id, default: [:]][cost.year] = (Double(cost.oneOffCents) / 100, Double(cost.runningCents) / 100)
            }
            for row in try await ProjectEffort.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
                effort[row.$project.id, default: [:]][row.year, default: [:]][row.$department.id, default: 0] += Double(row.fteHundredths) / 100
            }
            for link in try await ProjectDependency.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
                dependencies[link.$project.id, default: []].append(link.$dependsOn.id)
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
                let id = project.id!
                let setting = settingByProject[id]
                return ProjectFacts(
                    id: id, code: project.code, title: project.title, status: project.projectStatus,
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
        let elements = try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        let byID = Dictionary(elements.compactMap { e in e.id.map { ($0, e) } }, uniquingKeysWith: { a, _ in a })
        func field(of id: UUID) -> String? {
            var current = byID[id]
            var steps = 0
            while let element = current, steps < 10 {
                if element.kind == StrategyElementKind.fieldOfAction.rawValue { return element.title }
                current = element.$parent.id.flatMap { byID[$0] }
                steps += 1
            }
            return nil
        }
        var result: [UUID: String] = [:]
        let links = try await ProjectStrategyLink.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        for link in links where result[link.$project.id] == nil {
            if let title = field(of: link.$element.id) { result[link.$project.id] = title }
        }
        return result
    }
}
