import FahrplanCore
import Fluent
import Foundation

/// Loads Musterstadt's roadmap in the demo's transaction: the plan on the closed 2026 round, its budget lines and
/// departments' FTE, the school projects booked on the funding line, a solved schedule, and the scenario
/// "Haushalt −20 %" solved as well, so the comparison page has something to show. It goes through the same
/// services as the UI, acting as the strategy team's lead; only the solve runs here directly instead of as a
/// background job, because the demo must be complete when the server starts.
struct DemoPlanningLoader {
    var db: any Database
    var municipality: Municipality
    var userIDs: [String: UUID]
    var calendar: MunicipalCalendar

    /// Enough for Musterstadt's few dozen projects to be solved to optimality; the time limit only guards slow machines.
    static let solverOptions = RoadmapSolverOptions(workLimit: 5_000_000, timeLimit: 20)

    func load(_ content: DemoMunicipality, plan demo: DemoPlan = DemoMunicipality.musterstadtPlan) async throws {
        let municipalityID = try municipality.requireID()
        guard let leadEmail = content.users.first(where: { $0.role == .strategyTeam })?.email,
              let leadID = userIDs[leadEmail], let lead = try await User.find(leadID, on: db) else { return }
        let context = MunicipalityContext(municipality: municipality, municipalityID: municipalityID, user: CurrentUser(lead),
                                          role: .strategyTeam, permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false),
                                          calendar: calendar)
        let round = try await PrioritizationRound.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$title == demo.roundTitle).first()
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        let projectID = Dictionary(projects.compactMap { project in project.id.map { (project.code, $0) } }, uniquingKeysWith: { a, _ in a })
        let departments = try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        let departmentID = Dictionary(departments.compactMap { unit in unit.id.map { (unit.code, $0) } }, uniquingKeysWith: { a, _ in a })

        let plans = PlanService(db: db, context: context)
        let plan = try await plans.create(PlanInput(
            name: demo.name, periodLength: demo.periodLength, firstYear: "\(demo.firstYear)", periodCount: "\(demo.periodCount)",
            discount: .number(demo.discount), roundID: round?.id?.uuidString, scenarioNote: demo.note))
        try await plans.saveCapacities(plan, CapacitiesInput(
            lines: demo.lines.map { line in
                CapacitiesInput.Line(label: line.label, kind: line.kind, fundingSource: line.fundingSource,
                                     eligibleProjectIDs: line.projectCodes.compactMap { projectID[$0]?.uuidString },
                                     amounts: line.amounts.map { .number(Double($0)) })
            },
            staff: demo.staff.compactMap { row in
                departmentID[row.departmentCode].map { CapacitiesInput.Staff(departmentID: $0.uuidString, fte: row.fte.map { .number($0) }) }
            }), expectedVersion: nil)

        // Projects of a funding programme are booked on its line.
        let lines = try await PlanBudgetLine.query(on: db).filter(\.$plan.$id == plan.requireID()).sort(\.$position).all()
        var settings: [String: ProjectSettingInput] = [:]
        for (line, row) in zip(demo.lines, lines) {
            for code in line.projectCodes {
                guard let id = projectID[code] else { continue }
                settings[code] = ProjectSettingInput(projectID: id.uuidString, included: true, mandatory: nil, pinnedStart: nil,
                                                     budgetLineID: row.id?.uuidString)
            }
        }
        // The plan holds what the 2026 round ranked; the 2027 call's projects join when their round closes.
        for facts in try await PlanData.load(plan, on: db).projects where facts.score == nil {
            settings[facts.code, default: ProjectSettingInput(projectID: facts.id.uuidString, included: true, mandatory: nil,
                                                              pinnedStart: nil, budgetLineID: nil)].included = false
        }
        if !settings.isEmpty { try await plans.saveSettings(plan, settings.keys.sorted().compactMap { settings[$0] }) }
        try await solve(plan, context: context)

        let scenario = try await plans.copyAsScenario(plan, ScenarioCopyInput(
            name: demo.scenario.name, note: demo.scenario.note, budgetPercent: "\(demo.scenario.budgetPercent)", addedFTE: [:],
            mandatoryProjectIDs: nil))
        try await solve(scenario, context: context)
    }

    private func solve(_ plan: RoadmapPlan, context: MunicipalityContext) async throws {
        let built = PlanProblemBuilder.build(try await PlanData.load(plan, on: db))
        // Remembered per process: every test server loads the demo, and the answer is the same every time.
        let result = await DemoSolveMemo.shared.solve(built.problem, options: Self.solverOptions)
        try await PlanResultService.store(result, built: built, planID: plan.requireID(), planName: plan.name,
                                          municipalityID: context.municipalityID, actor: context.user, on: db)
        // The efficient frontier, as the plan's background solve would store it after the result.
        let frontier = await DemoSolveMemo.shared.frontier(built.problem, options: Self.solverOptions)
        try await PlanFrontierService.store(frontier, problem: built.problem, planID: plan.requireID(),
                                            municipalityID: context.municipalityID, on: db)
    }
}
