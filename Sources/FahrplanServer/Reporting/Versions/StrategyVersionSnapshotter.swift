import FahrplanCore
import Fluent
import Foundation

/// Reads the strategy as it stands into the core's `StrategyVersion`, column by column (no model hydration), so a
/// municipality with 2,000 projects is read in a few queries:
/// - the frame: the vision (title and text) and every element that is not archived;
/// - the KPIs that are not archived, with their whole definition;
/// - the adopted ranking: the latest official ranking (highest version: closing, then adopted scenarios) of the
///   round closed last, in decided order (a decided rank before its computed one), positions 1, 2, …;
/// - the roadmap: the schedule of the current plan — the plan (not a scenario, not archived) solved or imported
///   last — with each project's first and last day from its start period and duration; without such a plan, the
///   planned start and end days of the projects' profiles (projects past the idea, not cancelled, with a day).
struct StrategyVersionSnapshotter {
    var db: any Database
    var municipality: Municipality
    var municipalityID: UUID
    var context: MunicipalityContext

    func snapshot(name: String, adoptedOn: CalendarDay) async throws -> StrategyVersion {
        let projects = try await loadProjects()
        return StrategyVersion(
            municipalityID: municipalityID, name: name, adoptedOn: adoptedOn, vision: vision(),
            elements: try await elements(), kpis: try await kpis(), ranking: try await ranking(projects),
            roadmap: try await roadmap(projects))
    }

    private func vision() -> String? {
        let parts = [municipality.visionTitle, municipality.vision].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    private func elements() async throws -> [StrategyVersion.Element] {
        try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .field(\.$id).field(\.$kind).field(\.$position).field(\.$code).field(\.$title).field(\.$description)
            .field(\.$targetStatement).field(\.$targetYear).field(\.$parent.$id).field(\.$responsibleDepartment.$id)
            .rows().compactMap { output in
                let row = output.schema(StrategyElement.schema)
                guard let kind = StrategyElementKind(rawValue: try row.decode("kind", as: String.self)) else { return nil }
                return StrategyVersion.Element(
                    id: try row.decode("id", as: UUID.self).uuidString, kind: kind, position: try row.decode("position", as: Int.self),
                    code: try row.decode("code", as: String?.self), title: try row.decode("title", as: String.self),
                    description: try row.decode("description", as: String?.self),
                    targetStatement: try row.decode("target_statement", as: String?.self),
                    targetYear: try row.decode("target_year", as: Int?.self),
                    parentID: try row.decode("parent_id", as: UUID?.self)?.uuidString,
                    responsibleDepartmentID: try row.decode("responsible_department_id", as: UUID?.self)?.uuidString)
            }
    }

    private func kpis() async throws -> [StrategyVersion.KPI] {
        try await KPIRecord.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .field(\.$id).field(\.$goal.$id).field(\.$name).field(\.$unit).field(\.$direction).field(\.$baseline)
            .field(\.$baselineOn).field(\.$target).field(\.$targetOn).field(\.$cadence)
            .rows().map { output in
                let row = output.schema(KPIRecord.schema)
                let record = KPIRecord()
                record.name = try row.decode("name", as: String.self); record.unit = try row.decode("unit", as: String.self)
                record.direction = try row.decode("direction", as: String.self); record.baseline = try row.decode("baseline", as: Double.self)
                record.baselineOn = try row.decode("baseline_on", as: String.self); record.target = try row.decode("target", as: Double.self)
                record.targetOn = try row.decode("target_on", as: String.self); record.cadence = try row.decode("cadence", as: String.self)
                return StrategyVersion.KPI(id: try row.decode("id", as: UUID.self).uuidString,
                                           goalID: try row.decode("goal_id", as: UUID.self).uuidString, definition: record.definition)
            }
    }

    struct ProjectFacts {
        var code: String
        var title: String
        var status: ProjectStatus
        var startOn: CalendarDay?
        var endOn: CalendarDay?
    }

    /// Every project that is not archived or merged into another.
    private func loadProjects() async throws -> [UUID: ProjectFacts] {
        var projects: [UUID: ProjectFacts] = [:]
        for output in try await Project.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$archivedAt == nil).filter(\.$mergedInto.$id == nil)
            .field(\.$id).field(\.$code).field(\.$title).field(\.$status).field(\.$startOn).field(\.$endOn).rows() {
            let row = output.schema(Project.schema)
            projects[try row.decode("id", as: UUID.self)] = ProjectFacts(
                code: try row.decode("code", as: String.self), title: try row.decode("title", as: String.self),
                status: ProjectStatus(rawValue: try row.decode("status", as: String.self)) ?? .idea,
                startOn: try row.decode("start_on", as: String?.self).flatMap { CalendarDay(iso: $0) },
                endOn: try row.decode("end_on", as: String?.self).flatMap { CalendarDay(iso: $0) })
        }
        return projects
    }

    private func ranking(_ projects: [UUID: ProjectFacts]) async throws -> [StrategyVersion.RankingEntry] {
        guard let round = try await PrioritizationRound.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$status == RoundStatus.closed.rawValue).filter(\.$archivedAt == nil)
            .sort(\.$closedAt, .descending).first(),
            let version = try await RankingVersion.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$round.$id == round.requireID()).sort(\.$version, .descending).first()
        else { return [] }
        var lines: [(project: UUID, computed: Int, decided: Int?)] = []
        for output in try await RankingEntry.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$version.$id == version.requireID())
            .field(\.$project.$id).field(\.$computedRank).field(\.$decidedRank).rows() {
            let row = output.schema(RankingEntry.schema)
            lines.append((try row.decode("project_id", as: UUID.self), try row.decode("computed_rank", as: Int.self),
                          try row.decode("decided_rank", as: Int?.self)))
        }
        lines.sort { DecidedOrder.precedes(computed: $0.computed, decided: $0.decided, computed: $1.computed, decided: $1.decided) }
        // Projects archived or merged since the ranking was adopted are not part of the strategy any more.
        return lines.filter { projects[$0.project] != nil }.enumerated().map { index, line in
            let facts = projects[line.project]!
            return StrategyVersion.RankingEntry(projectID: line.project.uuidString, code: facts.code, title: facts.title, position: index + 1)
        }
    }

    private func roadmap(_ projects: [UUID: ProjectFacts]) async throws -> [StrategyVersion.RoadmapEntry] {
        if let plan = try await currentPlan() {
            let outcome = try await PlanResultService(db: db, context: context).outcome(plan)
            let durations = Dictionary(outcome.problem.projects.map { ($0.id, $0.duration) }, uniquingKeysWith: { a, _ in a })
            let codes = outcome.built.codes
            return outcome.starts.compactMap { id, start in
                guard let facts = projects[id] else { return nil }
                let duration = max(1, codes[id].flatMap { durations[$0] } ?? 1)
                return StrategyVersion.RoadmapEntry(
                    projectID: id.uuidString, code: facts.code, title: facts.title, status: facts.status,
                    startOn: Self.firstDay(period: start, plan: plan), endOn: Self.lastDay(period: start + duration - 1, plan: plan))
            }
        }
        return projects.compactMap { id, facts in
            guard facts.status != .idea, facts.status != .cancelled, facts.startOn != nil || facts.endOn != nil else { return nil }
            return StrategyVersion.RoadmapEntry(projectID: id.uuidString, code: facts.code, title: facts.title, status: facts.status,
                                                startOn: facts.startOn, endOn: facts.endOn)
        }
    }

    /// The plan solved (or whose schedule was imported) last among the plans that are not scenarios or archived.
    private func currentPlan() async throws -> RoadmapPlan? {
        let plans = try await RoadmapPlan.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$archivedAt == nil).filter(\.$basePlan.$id == nil).all()
        guard !plans.isEmpty else { return nil }
        let ids = plans.compactMap(\.id)
        guard let result = try await PlanResult.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$plan.$id ~~ ids).filter(\.$status != "infeasible").sort(\.$solvedAt, .descending).first()
        else { return nil }
        return plans.first { $0.id == result.$plan.id }
    }

    static func firstDay(period: Int, plan: RoadmapPlan) -> CalendarDay? {
        switch plan.length {
        case .year: CalendarDay(year: plan.firstYear + period, month: 1, day: 1)
        case .halfYear: CalendarDay(year: plan.firstYear + period / 2, month: period % 2 == 0 ? 1 : 7, day: 1)
        }
    }

    static func lastDay(period: Int, plan: RoadmapPlan) -> CalendarDay? {
        switch plan.length {
        case .year: CalendarDay(year: plan.firstYear + period, month: 12, day: 31)
        case .halfYear: CalendarDay(year: plan.firstYear + period / 2, month: period % 2 == 0 ? 6 : 12, day: period % 2 == 0 ? 30 : 31)
        }
    }
}
