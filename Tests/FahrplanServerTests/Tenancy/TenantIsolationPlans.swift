import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Vapor

/// The roadmap plans the walk points at: a solved scenario of a solved plan (so that its result, solution
/// file and comparison with its base exist) and a second plan for the archive route, so that archiving does
/// not end the walk's other writes.
struct WalkPlans {
    var scenario: UUID
    var archivable: UUID
    /// A project of the scenario's problem that the walk neither archives nor merges (a manual start needs one).
    var projectInPlan: UUID?
    var all: [UUID]

    static func create(context: MunicipalityContext, suffix: String, on db: any Database) async throws -> WalkPlans {
        let service = PlanService(db: db, context: context)
        func frame(_ name: String) -> PlanInput {
            PlanInput(name: "\(name) \(suffix)", periodLength: "year", firstYear: "2027", periodCount: "2", discount: .number(1),
                      roundID: nil, scenarioNote: "Notiz \(suffix)")
        }
        let base = try await service.create(frame("Plan"))
        try await solve(base, context: context, on: db)
        let scenario = try await service.copyAsScenario(base, ScenarioCopyInput(name: "Szenario \(suffix)", note: "Haushalt −20 % \(suffix)",
                                                                                budgetPercent: "-20", addedFTE: [:], mandatoryProjectIDs: nil))
        try await solve(scenario, context: context, on: db)
        let archivable = try await service.create(frame("Entwurf"))
        let built = PlanProblemBuilder.build(try await PlanData.load(scenario, on: db))
        let walked = try await Project.query(on: db).filter(\.$title ~~ suffix).all().compactMap(\.id)
        let projectInPlan = built.codes.keys.filter { !walked.contains($0) }.sorted { $0.uuidString < $1.uuidString }.first
        return WalkPlans(scenario: try scenario.requireID(), archivable: try archivable.requireID(), projectInPlan: projectInPlan,
                         all: [try base.requireID(), try scenario.requireID(), try archivable.requireID()])
    }

    func id(for path: [PathComponent]) -> UUID {
        path.last?.description == "archive" ? archivable : scenario
    }

    /// A fahrplan-plan/1 body the import route accepts: an empty schedule.
    static var emptySolution: [String: Any] { ["format": "fahrplan-plan/1", "objective": 0, "schedule": [[String: Any]]()] }

    private static func solve(_ plan: RoadmapPlan, context: MunicipalityContext, on db: any Database) async throws {
        let built = PlanProblemBuilder.build(try await PlanData.load(plan, on: db))
        let result = RoadmapOptimizer.solve(built.problem, options: RoadmapSolverOptions(workLimit: 200_000))
        try await PlanResultService.store(result, built: built, planID: plan.requireID(), planName: plan.name,
                                          municipalityID: context.municipalityID, actor: context.user, on: db)
    }
}

extension RouteWalk {
    static func isPlanRoute(_ segments: [String]) -> Bool { segments.contains("plans") }

    /// Form fields the plan pages accept on the walk's own data.
    static func planForm(segments: [String], target: WalkTarget) -> [(String, String)]? {
        guard isPlanRoute(segments) else { return nil }
        switch segments.last ?? "" {
        case "plans": return [("name", "Übernommener Plan"), ("periodLength", "year"), ("firstYear", "2027"), ("periodCount", "2")]
        case "starts": return [("projectId", (target.plans?.projectInPlan ?? target.projects.main).uuidString), ("start", "0")]
        case "import":
            let file = try? JSONSerialization.data(withJSONObject: WalkPlans.emptySolution)
            return [("content", String(decoding: file ?? Data(), as: UTF8.self))]
        // The frame as the walk created it (no version: the walk does not read the form first).
        case "edit": return [("name", "Plan bearbeitet"), ("periodLength", "year"), ("firstYear", "2027"), ("periodCount", "2")]
        case "solve", "capacities", "projects": return []
        default: return nil
        }
    }

    /// JSON bodies the plan API accepts on the walk's own data.
    static func planJSON(segments: [String], target: WalkTarget) -> [String: Any]? {
        guard isPlanRoute(segments) else { return nil }
        switch segments.last ?? "" {
        case "capacities": return ["budgetLines": [[String: Any]](), "staff": [[String: Any]]()]
        case "projects": return ["projects": [[String: Any]]()]
        case "starts": return ["projectId": (target.plans?.projectInPlan ?? target.projects.main).uuidString, "start": 0]
        case "import": return WalkPlans.emptySolution
        default: return nil
        }
    }
}
