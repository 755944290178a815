import FahrplanCore
import Foundation
import Vapor

/// `GET /api/v1/reports/committee?from=&to=`: the committee report as JSON (`format=json`, default) or as the DOCX
/// file (`format=docx`). The period's rules are the page's: neither day given is this year up to today; a day that
/// is not a date, an end before the start, a repeated or unknown `format` is 422 naming the parameter.
struct CommitteeReportAPIController {
    func register(on api: any RoutesBuilder) {
        api.apiEndpoints.get(.committeeReport, use: report)
    }

    func report(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canRead)
        var query = APIQuery(req)
        let from = query.raw("from"), to = query.raw("to")
        let format = query.choice("format", ["json", "docx"]) ?? "json"
        try query.finish()
        let period = try CommitteeReportService.period(from: from, to: to, today: context.calendar.today)
        let service = CommitteeReportService(db: req.db, context: context)
        let report = try await service.report(period)
        if format == "docx" {
            let english = req.language != .de
            let data = try await req.offloaded { try service.docx(report, english: english) }
            return ImportResponses.download(data, contentType: CommitteeReportService.docxContentType,
                                            fileName: CommitteeReportService.fileName(slug: context.municipality.slug, period: period,
                                                                                      english: english))
        }
        return try await CommitteeReportDTO(report, slug: context.municipality.slug).encodeResponse(for: req)
    }
}

/// The report as the API and the CLI's `.json` give it: the core's report with ids and ISO days, amounts in cents.
struct CommitteeReportDTO: Content {
    struct Period: Content { var from: String; var to: String }

    struct Light: Content {
        var light: String
        var reason: String?
        init(_ light: StatusLight) { self.light = light.light.rawValue; reason = light.reason }
    }

    struct Report: Content {
        var reportedOn: String
        var overall: String
        var schedule: Light
        var budget: Light
        var scope: Light
        var percentComplete: Int
    }

    struct MilestoneDTO: Content {
        var title: String
        var dueOn: String
        var doneOn: String?
        init(_ milestone: Milestone) { title = milestone.title; dueOn = milestone.dueOn.iso; doneOn = milestone.doneOn?.iso }
    }

    struct Project: Content {
        var id: UUID
        var code: String
        var title: String
        var status: String
        var otherFields: [String]
        var startedOn: String?
        var completedOn: String?
        var plannedStartOn: String?
        var plannedEndOn: String?
        var report: Report?
        var milestonesReached: [MilestoneDTO]
        var nextMilestone: MilestoneDTO?
        var plannedCents: Int64
        var spentCents: Int64?
        /// Red at the period's end or worse than at its start: what the page's summary lists one by one.
        var needsAttention: Bool
        var overallAtStart: String?

        init(_ row: CommitteeReport.ProjectRow) {
            id = row.id; code = row.code; title = row.title; status = row.status.rawValue; otherFields = row.otherFields
            startedOn = row.startedOn?.iso; completedOn = row.completedOn?.iso
            plannedStartOn = row.plannedStartOn?.iso; plannedEndOn = row.plannedEndOn?.iso
            report = row.report.map { Report(reportedOn: $0.reportedOn.iso, overall: $0.overall.rawValue, schedule: Light($0.schedule),
                                             budget: Light($0.budget), scope: Light($0.scope), percentComplete: $0.percentComplete) }
            milestonesReached = row.milestonesReached.map(MilestoneDTO.init)
            nextMilestone = row.nextMilestone.map(MilestoneDTO.init)
            plannedCents = row.plannedCents; spentCents = row.spentCents
            needsAttention = row.needsAttention; overallAtStart = row.overallAtStart?.rawValue
        }
    }

    /// The projects in progress of a section by the overall light of their newest report.
    struct Lights: Content {
        var green, yellow, red, noReport, needingAttention: Int
        init(_ counts: CommitteeReport.LightCounts) {
            green = counts.green; yellow = counts.yellow; red = counts.red; noReport = counts.noReport
            needingAttention = counts.attention
        }
    }

    struct Version: Content {
        var id: UUID
        var number: Int
        var name: String
        var adoptedOn: String
        var adoptedBy: String?
        var note: String?
    }

    struct Section: Content {
        var fieldId: String?
        var field: String?
        var lights: Lights
        var implemented: [Project]
        var inProgress: [Project]
        var planned: [Project]
    }

    struct KPI: Content {
        var id: String
        var name: String
        var unit: String
        var direction: String
        var goalId: String
        var goal: String?
        var fieldId: String?
        var baseline: Double
        var target: Double
        var targetOn: String
        var latestValue: Double?
        var latestOn: String?
        /// Clamped to 0…1.
        var progress: Double?
        var progressAtStart: Double?
        var changePoints: Double?
        var onTrack: Bool?
        var measurementsInPeriod: Int
    }

    struct RollupField: Content { var id: String; var name: String; var progress: Double? }
    struct Rollup: Content { var strategy: Double?; var fields: [RollupField] }

    struct Budget: Content {
        var fieldId: String?
        var field: String?
        var projects: Int
        var plannedCents: Int64
        var spentCents: Int64
        var projectsWithSpent: Int
        var spentPercentOfKnown: Int?

        init(_ budget: CommitteeReport.Budget.FieldBudget) {
            fieldId = budget.field?.id; field = budget.field?.name; projects = budget.projects; plannedCents = budget.plannedCents
            spentCents = budget.spentCents; projectsWithSpent = budget.projectsWithSpent; spentPercentOfKnown = budget.spentPercentOfKnown
        }
    }

    struct Budgets: Content { var fields: [Budget]; var total: Budget }

    struct DecisionDTO: Content {
        var id: UUID
        var kind: String
        var decidedOn: String
        var decidedBy: String
        var summary: String
        var rationale: String?
        var projectId: UUID?
        var projectCode: String?
        var projectTitle: String?
    }

    struct Obstacle: Content {
        var projectId: UUID
        var projectCode: String
        var projectTitle: String
        var reportedOn: String
        var light: String
        var text: String
    }

    struct Summary: Content { var implemented: Int; var inProgress: Int; var planned: Int; var decisions: Int; var obstacles: Int }

    var municipality: String
    var period: Period
    var summary: Summary
    var sections: [Section]
    var kpis: [KPI]
    var rollup: Rollup
    var budget: Budgets
    var decisions: [DecisionDTO]
    var obstacles: [Obstacle]
    /// Strategy versions adopted within the period, by number.
    var versions: [Version]

    init(_ report: CommitteeReport, slug: String) {
        municipality = slug
        period = Period(from: report.period.start.iso, to: report.period.end.iso)
        summary = Summary(implemented: report.implementedCount, inProgress: report.inProgressCount, planned: report.plannedCount,
                          decisions: report.decisions.count, obstacles: report.obstacles.count)
        sections = report.sections.map { section in
            Section(fieldId: section.field?.id, field: section.field?.name, lights: Lights(section.lights),
                    implemented: section.implemented.map(Project.init),
                    inProgress: section.inProgress.map(Project.init), planned: section.planned.map(Project.init))
        }
        kpis = report.kpis.map { row in
            KPI(id: row.id, name: row.name, unit: row.unit, direction: row.direction.rawValue, goalId: row.goalID, goal: row.goalName,
                fieldId: row.fieldID, baseline: row.baseline, target: row.target, targetOn: row.targetOn.iso,
                latestValue: row.progress?.latest.value, latestOn: row.progress?.latest.measuredOn.iso, progress: row.progress?.clamped,
                progressAtStart: row.progressAtStart, changePoints: row.changePoints, onTrack: row.onTrack,
                measurementsInPeriod: row.measurementsInPeriod)
        }
        rollup = Rollup(strategy: report.rollup.strategy.progress,
                        fields: report.rollup.fields.map { RollupField(id: $0.node.id, name: $0.node.name, progress: $0.node.progress) })
        budget = Budgets(fields: report.budget.fields.map(Budget.init), total: Budget(report.budget.totals))
        decisions = report.decisions.map { row in
            DecisionDTO(id: row.decision.id, kind: row.decision.kind.rawValue, decidedOn: row.decision.decidedOn.iso,
                        decidedBy: row.decision.decidedBy, summary: row.decision.summary, rationale: row.decision.rationale,
                        projectId: row.decision.projectID, projectCode: row.projectCode, projectTitle: row.projectTitle)
        }
        obstacles = report.obstacles.map { row in
            Obstacle(projectId: row.projectID, projectCode: row.projectCode, projectTitle: row.projectTitle,
                     reportedOn: row.reportedOn.iso, light: row.light.rawValue, text: row.text)
        }
        versions = report.versions.map {
            Version(id: $0.id, number: $0.number, name: $0.name, adoptedOn: $0.adoptedOn.iso, adoptedBy: $0.adoptedBy, note: $0.note)
        }
    }
}
