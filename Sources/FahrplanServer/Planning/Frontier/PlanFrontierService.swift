import Crypto
import FahrplanCore
import Fluent
import Foundation

/// The efficient frontier of a plan: computed by the plan's background solve right after it stored its result
/// (`compute` on the thread pool, then `store`), read by the plan page and the API. A frontier computed for another
/// problem than the plan's current one (capacities, settings or project data changed since) is shown marked as
/// outdated, not recomputed on the page — it is renewed by the next solve.
struct PlanFrontierService {
    let db: any Database
    let context: MunicipalityContext

    /// The budget levels: 50 % to 150 % of the plan's budget.
    static let factors = EfficientFrontier.defaultFactors

    /// Work per budget level: a tenth of the optimizer's default (and never more than the plan's own solve got),
    /// so the eleven levels of a 150-project plan together take about as long as the plan's own solve.
    static func workLimit(for options: RoadmapSolverOptions) -> Int {
        max(1, min(options.workLimit, RoadmapSolverOptions.defaultWorkLimit / 10))
    }

    // MARK: computing (in the solve job)

    /// One point per budget level, reporting "Effizienzgrenze k/n" and the share of the work done through `box`;
    /// nil when the job was asked to stop.
    static func compute(_ problem: RoadmapProblem, options: RoadmapSolverOptions, box: PlanSolveJobs.ProgressBox)
        -> [EfficientFrontier.FrontierPoint]? {
        var points: [EfficientFrontier.FrontierPoint] = []
        let count = factors.count
        for (index, factor) in factors.enumerated() {
            if box.isCancelled { return nil }
            box.set(stage: .frontier(done: index, of: count))
            var pointOptions = options
            pointOptions.workLimit = workLimit(for: options)
            pointOptions.progress = { progress in
                box.set(RoadmapProgress(objective: progress.objective, bound: progress.bound, nodes: progress.nodes,
                                        fractionDone: (Double(index) + progress.fractionDone) / Double(count)))
            }
            points += EfficientFrontier.compute(problem, budgetFactors: [factor], options: pointOptions)
        }
        box.set(stage: .frontier(done: count, of: count))
        return box.isCancelled ? nil : points
    }

    /// Names the problem a frontier belongs to: the digest of its `fahrplan-planning/1` encoding.
    static func digest(_ problem: RoadmapProblem) -> String {
        SHA256.hash(data: PlanningFormat.encodeProblem(problem)).map { String(format: "%02x", $0) }.joined()
    }

    /// Replaces the plan's frontier.
    static func store(_ points: [EfficientFrontier.FrontierPoint], problem: RoadmapProblem, planID: UUID, municipalityID: UUID,
                      on db: any Database) async throws {
        let digest = digest(problem)
        let encoded = PlanJSON.encode(points.map(PlanFrontierPoint.init))
        try await db.writeTransaction { db in
            let row = try await PlanFrontier.query(on: db).filter(\.$plan.$id == planID).first() ?? PlanFrontier()
            row.$municipality.id = municipalityID
            row.$plan.id = planID
            row.problemDigest = digest
            row.points = encoded
            row.computedAt = Date()
            try await row.save(on: db)
        }
    }

    // MARK: reading

    struct Frontier: Sendable {
        var points: [PlanFrontierPoint]
        var computedAt: Date
        /// Computed for another problem than the plan's current one.
        var isStale: Bool
    }

    /// The plan's stored frontier (the plan must be this municipality's), nil when none was computed yet.
    func frontier(for plan: RoadmapPlan, problem: RoadmapProblem) async throws -> Frontier? {
        guard let row = try await PlanFrontier.query(on: db).filter(\.$plan.$id == plan.requireID())
            .filter(\.$municipality.$id == context.municipalityID).first() else { return nil }
        return Frontier(points: row.pointList, computedAt: row.computedAt, isStale: row.problemDigest != Self.digest(problem))
    }

    /// The plan page's section "Effizienzgrenze": chart, table and, when outdated or missing, a note in words.
    func sectionHTML(for plan: RoadmapPlan, problem: RoadmapProblem, language: Language) async throws -> String? {
        let frontier = try await frontier(for: plan, problem: problem)
        return PlanFrontierSection.html(frontier, language: language)
    }
}

/// The HTML of the frontier section (texts are constants; chart and table escape their own texts).
enum PlanFrontierSection {
    static func html(_ frontier: PlanFrontierService.Frontier?, language: Language) -> String {
        func say(_ de: String, _ en: String) -> String { language == .de ? de : en }
        var out = "<section aria-labelledby=\"plan-frontier-title\" id=\"plan-frontier\"><h2 id=\"plan-frontier-title\">"
            + say("Effizienzgrenze", "Efficient frontier") + "</h2>"
        out += "<p class=\"hint\">" + say(
            "Der beste erreichbare Portfoliowert, wenn das Budget des Plans auf 50 % bis 150 % gesetzt wird (Personal unverändert).",
            "The best portfolio value reachable with the plan's budget set to 50 % to 150 % (staff unchanged).") + "</p>"
        guard let frontier, !frontier.points.isEmpty else {
            return out + "<p id=\"frontier-missing\">" + say("Die Effizienzgrenze wird bei der nächsten Berechnung des Plans ermittelt.",
                                                           "The efficient frontier is computed with the plan's next optimization.")
                + "</p></section>"
        }
        if frontier.isStale {
            out += "<p class=\"notice\" id=\"frontier-stale\">" + say(
                "Veraltet: Der Plan wurde seit der Berechnung der Effizienzgrenze geändert. Sie wird bei der nächsten Berechnung erneuert.",
                "Outdated: the plan was changed since the efficient frontier was computed. It is renewed with the next optimization.")
                + "</p>"
        }
        let points = frontier.points.map { FrontierChartPoint($0.core) }
        out += "<figure class=\"chart\"><div class=\"chart-scroll\">" + FrontierChart.svg(points, language: language) + "</div></figure>"
        out += "<details class=\"figures\"><summary>" + say("Zahlen zur Effizienzgrenze", "Figures of the efficient frontier")
            + "</summary>" + FrontierChart.table(points, language: language) + "</details></section>"
        return out
    }
}
