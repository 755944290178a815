import FahrplanCore
import Fluent
import Foundation
import Vapor

/// A plan's problem together with its stored result: what the pages and the API show.
struct PlanOutcome: Sendable {
    var data: PlanData
    var built: PlanProblem
    var result: PlanResult?
    /// Project id → start period (stored starts of projects still in the problem).
    var starts: [UUID: Int]
    var manual: Set<UUID>
    var violations: [RoadmapViolation]
    var conflicts: [RoadmapConflict]

    var problem: RoadmapProblem { built.problem }
    var schedule: RoadmapSchedule { built.schedule(from: starts) }
    var objective: Double { schedule.objective(in: problem) }
}

struct PlanConflictRecord: Codable, Sendable {
    var kind: String
    var projects: [String]
    var resources: [String]
    var periods: [Int]
    var message: String
}

/// Solving, the stored result, manual changes, import and export of a plan.
struct PlanResultService {
    let db: any Database
    let context: MunicipalityContext

    func outcome(_ plan: RoadmapPlan) async throws -> PlanOutcome {
        let data = try await PlanData.load(plan, on: db)
        let built = PlanProblemBuilder.build(data)
        let planID = try plan.requireID()
        let result = try await PlanResult.query(on: db).filter(\.$plan.$id == planID).first()
        let rows = try await PlanStart.query(on: db).filter(\.$plan.$id == planID).all()
        let known = Set(built.projectIDs.values)
        var starts: [UUID: Int] = [:]
        var manual: Set<UUID> = []
        for row in rows where known.contains(row.$project.id) {
            starts[row.$project.id] = row.startPeriod
            if row.manual { manual.insert(row.$project.id) }
        }
        let conflicts = (result.flatMap { PlanJSON.decode([PlanConflictRecord].self, $0.conflicts) } ?? []).map {
            RoadmapConflict(kind: RoadmapConflict.Kind(rawValue: $0.kind) ?? .invalidInput, projects: $0.projects, resources: $0.resources,
                            periods: $0.periods, message: $0.message)
        }
        let violations = result == nil || result?.status == "infeasible" ? []
            : RoadmapCheck.violations(of: built.schedule(from: starts), in: built.problem)
        return PlanOutcome(data: data, built: built, result: result, starts: starts, manual: manual, violations: violations, conflicts: conflicts)
    }

    // MARK: solving

    /// Starts solving the plan in the background; the answer says where to watch it. A second request while a
    /// solve of the plan runs joins the running one. The job stores its result only if the plan is unchanged since
    /// it started (`PlanSolveStamp`), then computes the plan's efficient frontier. `solver` is replaceable for tests.
    func startSolve(_ plan: RoadmapPlan, app: Application, options: RoadmapSolverOptions = .init(),
                    solver: @escaping @Sendable (RoadmapProblem, RoadmapSolverOptions) -> RoadmapResult = RoadmapOptimizer.solve)
        async throws -> PlanSolveJobs.Status {
        try context.require(context.permissions.canManagePlanning && plan.archivedAt == nil)
        let planID = try plan.requireID()
        // Taken before the data is read: a change between the two makes the stamp older than the data, which only
        // refuses a result that would have been right — never the other way round.
        guard let stamp = try await PlanSolveStamp.read(planID: planID, on: db) else { throw FahrplanError.notFound }
        let data = try await PlanData.load(plan, on: db)
        let built = PlanProblemBuilder.build(data)
        let box = PlanSolveJobs.ProgressBox()
        let jobs = app.planSolveJobs
        var options = options
        let outerCancel = options.isCancelled
        options.progress = { box.set($0) }
        options.isCancelled = { box.isCancelled || (outerCancel?() ?? false) }
        let solveOptions = options
        let municipalityID = context.municipalityID
        let actor = context.user
        let planName = plan.name
        let logger = app.logger
        let database = app.db
        let threadPool = app.threadPool
        _ = await jobs.begin(planID, box: box) {
            do {
                // The assembly already knows some conflicts (a mandatory project whose prerequisite is outside the plan).
                let result = built.conflicts.isEmpty
                    ? try await threadPool.runIfActive { solver(built.problem, solveOptions) }
                    : RoadmapResult.infeasible(built.conflicts)
                // A solve stopped by the shutdown holds only a partial search: nothing is stored.
                guard !box.isCancelled else { return await jobs.finish(planID, failure: .cancelled) }
                try await Self.store(result, built: built, planID: planID, planName: planName, municipalityID: municipalityID,
                                     actor: actor, expected: stamp, on: database)
                if built.conflicts.isEmpty {
                    let frontier = try await threadPool.runIfActive {
                        PlanFrontierService.compute(built.problem, options: solveOptions, box: box)
                    }
                    guard let frontier, !box.isCancelled else { return await jobs.finish(planID, failure: .cancelled) }
                    try await PlanFrontierService.store(frontier, problem: built.problem, planID: planID, municipalityID: municipalityID,
                                                        on: database)
                }
                await jobs.finish(planID)
            } catch is PlanChangedDuringSolve {
                logger.info("plan changed during its solve; result not stored", metadata: ["plan": .string(planID.uuidString)])
                await jobs.finish(planID, failure: .planChanged)
            } catch where box.isCancelled {
                await jobs.finish(planID, failure: .cancelled)
            } catch {
                logger.error("plan solve failed", metadata: ["plan": .string(planID.uuidString), "error": .string(String(describing: error))])
                await jobs.finish(planID, failure: box.isCancelled ? .cancelled : .failed)
            }
        }
        return await jobs.status(planID) ?? .init(state: .running, progress: box.get(), startedAt: Date())
    }

    /// The result and its starts replace the previous ones in one transaction, with one audit event. With
    /// `expected` (a background solve's stamp), nothing is written and `PlanChangedDuringSolve` is thrown when the
    /// plan changed since the stamp was taken.
    static func store(_ result: RoadmapResult, built: PlanProblem, planID: UUID, planName: String, municipalityID: UUID,
                      actor: CurrentUser, expected: PlanSolveStamp? = nil, on db: any Database) async throws {
        try await db.writeTransaction { db in
            let now = try await PlanSolveStamp.lock(planID: planID, on: db)
            if let expected, now != expected { throw PlanChangedDuringSolve() }
            try await PlanStart.query(on: db).filter(\.$plan.$id == planID).delete()
            try await PlanResult.query(on: db).filter(\.$plan.$id == planID).delete()
            let row = PlanResult()
            row.$municipality.id = municipalityID
            row.$plan.id = planID
            row.solvedAt = Date()
            row.solvedByName = actor.displayName
            var starts: [UUID: Int] = [:]
            switch result {
            case .solved(let solution):
                row.status = solution.status.rawValue
                row.objective = solution.objective
                row.bound = solution.bound
                row.gap = solution.gap
                row.nodes = solution.nodes
                row.conflicts = "[]"
                starts = built.starts(from: solution.schedule)
            case .infeasible(let conflicts):
                row.status = "infeasible"
                row.objective = 0
                row.bound = 0
                row.gap = 0
                row.nodes = 0
                row.conflicts = PlanJSON.encode(conflicts.map {
                    PlanConflictRecord(kind: $0.kind.rawValue, projects: $0.projects, resources: $0.resources, periods: $0.periods, message: $0.message)
                })
            }
            try await row.create(on: db)
            for (project, start) in starts.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                try await PlanStart(municipalityID: municipalityID, planID: planID, projectID: project, start: start, manual: false).create(on: db)
            }
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .update, entityType: PlanService.auditType,
                                        entityID: planID, label: planName,
                                        changes: [FieldChange(field: "result", old: nil, new: "\(row.status), \(starts.count) projects")])
        }
    }

    // MARK: manual changes

    /// Sets a project's start by hand (nil drops it from the plan). The change is stored and marked manual even
    /// when it breaks a rule: the violations are returned and shown with the plan until someone fixes them —
    /// a plan may knowingly go beyond a capacity, but never without saying so.
    func setStart(_ plan: RoadmapPlan, projectID raw: String?, start: Int?) async throws -> [RoadmapViolation] {
        try context.require(context.permissions.canManagePlanning && plan.archivedAt == nil)
        let outcome = try await outcome(plan)
        guard let projectID = raw.flatMap(UUID.init(uuidString:)), outcome.built.codes[projectID] != nil else {
            throw ValidationFailure([FieldProblem("projectId", .unknownReference)])
        }
        if let start, !(0..<plan.periodCount).contains(start) {
            throw ValidationFailure([FieldProblem("start", .outOfRange(min: 0, max: plan.periodCount - 1))])
        }
        var starts = outcome.starts
        starts[projectID] = start
        try await write(plan, starts: starts, manual: outcome.manual.union([projectID]), result: outcome.result,
                        objective: outcome.built.schedule(from: starts).objective(in: outcome.problem), note: "manual start")
        return RoadmapCheck.violations(of: outcome.built.schedule(from: starts), in: outcome.problem)
    }

    /// A `fahrplan-plan/1` file (e.g. from another solver) becomes the plan's schedule, every start manual, checked.
    func importSchedule(_ plan: RoadmapPlan, _ bytes: Data) async throws -> [RoadmapViolation] {
        try context.require(context.permissions.canManagePlanning && plan.archivedAt == nil)
        let outcome = try await outcome(plan)
        let schedule = try PlanningFormat.decodeSchedule(bytes, for: outcome.problem)
        let starts = outcome.built.starts(from: schedule)
        try await write(plan, starts: starts, manual: Set(starts.keys), result: nil, objective: schedule.objective(in: outcome.problem),
                        note: "imported schedule")
        return RoadmapCheck.violations(of: schedule, in: outcome.problem)
    }

    private func write(_ plan: RoadmapPlan, starts: [UUID: Int], manual: Set<UUID>, result: PlanResult?, objective: Double, note: String) async throws {
        let planID = try plan.requireID()
        try await db.writeTransaction { db in
            // Waits for a solve storing its result at this moment; the solve then sees this change and refuses.
            _ = try await PlanSolveStamp.lock(planID: planID, on: db)
            try await PlanStart.query(on: db).filter(\.$plan.$id == planID).delete()
            for (project, start) in starts.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                try await PlanStart(municipalityID: context.municipalityID, planID: planID, projectID: project, start: start,
                                    manual: manual.contains(project)).create(on: db)
            }
            let row = try await PlanResult.query(on: db).filter(\.$plan.$id == planID).first() ?? {
                let row = PlanResult()
                row.$municipality.id = context.municipalityID
                row.$plan.id = planID
                row.bound = 0
                row.gap = 0
                row.nodes = 0
                return row
            }()
            // The solver's bound still holds for the problem; the objective is the edited schedule's.
            row.status = "manual"
            row.objective = objective
            row.gap = row.bound > 0 ? max(0, (row.bound - objective) / row.bound) : 0
            row.conflicts = "[]"
            row.solvedAt = Date()
            row.solvedByName = context.user.displayName
            try await row.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: PlanService.auditType, entityID: planID, label: plan.name,
                                        changes: [FieldChange(field: "result", old: nil, new: note)])
        }
    }

    // MARK: export

    func exportProblem(_ plan: RoadmapPlan) async throws -> Data {
        PlanningFormat.encodeProblem(try await outcome(plan).problem)
    }

    /// The stored schedule as `fahrplan-plan/1`; nil when the plan has no schedule yet.
    func exportSolution(_ plan: RoadmapPlan) async throws -> Data? {
        let outcome = try await outcome(plan)
        guard let result = outcome.result, result.status != "infeasible" else { return nil }
        let schedule = outcome.schedule
        let status: RoadmapSolveStatus = result.status == RoadmapSolveStatus.optimal.rawValue ? .optimal : .limitReached
        let solution = RoadmapSolution(schedule: schedule, objective: schedule.objective(in: outcome.problem),
                                       bound: max(result.bound, schedule.objective(in: outcome.problem)), status: status, nodes: result.nodes)
        return PlanningFormat.encodeSolution(solution, problem: outcome.problem)
    }
}
