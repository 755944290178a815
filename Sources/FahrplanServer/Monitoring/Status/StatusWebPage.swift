import FahrplanCore
import Fluent
import Vapor

/// Assembles the project status page, also when a form on it was refused: then the refused form keeps what
/// was typed and the other forms start empty.
struct StatusPageBuilder {
    var req: Request
    var context: MunicipalityContext
    var service: ProjectStatusService

    func page(_ project: Project, notice: String?, problems: [FieldProblem] = [], report: StatusWebController.ReportForm? = nil,
              milestone: StatusWebController.MilestoneForm? = nil) async throws -> View {
        let slug = context.municipality.slug
        let language = req.language
        let today = context.calendar.today
        let link = { (page: MunicipalityPage.ProjectPage) in SiteURL.municipality(slug, .project(.value(project.id), page)).path }
        let ownerID = try await service.ownerID(of: project)
        let canWrite = service.canWrite(project, ownerID: ownerID)
        let members = try await service.members()
        let names = Dictionary(members.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let reportRows = try await service.reports(of: project)
        let reports = reportRows.enumerated().map { index, row in
            var report = StatusDisplay.report(row, req)
            report.anchor = "report-\(index)"
            return report
        }
        let milestones = try await service.milestones(of: project).map { row -> StatusPage.MilestoneRow in
            let value = row.value
            let overdue = value.isOverdue(today: today)
            let state = value.doneOn != nil ? req.t("milestone.done")
                : overdue ? "\(req.t("milestone.overdue")) (\(value.dueOn.days(to: today)) \(req.t("milestone.daysLate")))"
                : req.t("milestone.open")
            return StatusPage.MilestoneRow(
                title: value.title, due: StatusDisplay.day(value.dueOn, language), done: value.doneOn.map { StatusDisplay.day($0, language) },
                owner: value.ownerUserID.map { names[$0] ?? "?" } ?? "–", overdue: overdue, state: state, note: value.note,
                editURL: canWrite ? SiteURL.municipality(slug, .milestone(project: .value(project.id), .value(row.id))).path : nil)
        }
        let acceptsReports = MonitoringScope.acceptsReports(project.projectStatus)
        let staleness = try await MonitoringDashboardService(db: req.db, context: context).staleness()
        let lastReport = reportRows.first.flatMap { CalendarDay(iso: $0.reportedOn) }
        let stale = acceptsReports && staleness.isStale(lastReportOn: lastReport, today: today)
            ? "\(req.t("status.stale")): \(staleness.weeks)." : nil
        let acceptsMilestones = MonitoringScope.acceptsMilestones(project.projectStatus)
        let (lines, byField) = req.problemLines(problems, labels: StatusDisplay.labels(req))

        var reportValues = StatusPage.ReportValues(reportedOn: StatusDisplay.day(today, language))
        var lights: [String: String] = [:]
        if let report {
            reportValues = .init(reportedOn: report.reportedOn ?? "", scheduleReason: report.scheduleReason ?? "",
                                 budgetReason: report.budgetReason ?? "", scopeReason: report.scopeReason ?? "",
                                 percentComplete: report.percentComplete ?? "", achieved: report.achieved ?? "",
                                 obstacles: report.obstacles ?? "", nextSteps: report.nextSteps ?? "",
                                 lessonsLearned: report.lessonsLearned ?? "", spentToDate: report.spentToDate ?? "")
            lights = ["schedule": report.schedule ?? "", "budget": report.budget ?? "", "scope": report.scope ?? ""]
        }
        let lightOptions = Dictionary(uniqueKeysWithValues: StatusDimension.allCases.map { dimension in
            (dimension.rawValue, TrafficLight.allCases.map {
                Option(value: $0.rawValue, label: StatusDisplay.light($0, req), selected: $0.rawValue == (lights[dimension.rawValue] ?? "green"))
            })
        })
        let milestoneValues = StatusPage.MilestoneValues(title: milestone?.title ?? "", dueOn: milestone?.dueOn ?? "",
                                                         doneOn: milestone?.doneOn ?? "", note: milestone?.note ?? "")
        let chosenOwner = problems.contains { $0.field == "monitoringOwner" } ? nil : ownerID?.uuidString
        let page = StatusPage(
            chrome: context.chrome(req, title: "\(req.t("status.title")): \(project.label)", section: "projects"),
            heading: project.label, projectURL: link(.show), projectStatus: PortfolioDisplay.status(project.projectStatus, language),
            notice: notice, stale: stale, latest: reports.first, history: reports.count > 1 ? Array(reports.dropFirst()) : nil,
            milestones: milestones.isEmpty ? nil : milestones,
            owner: ownerID.map { names[$0] ?? "?" } ?? req.t("status.noOwner"),
            ownerAction: service.canChooseOwner(project) ? link(.monitoringOwner) : nil,
            ownerOptions: Self.ownerOptions(members, selected: chosenOwner, none: req.t("status.noOwner")),
            canWrite: canWrite,
            reportAction: canWrite && acceptsReports ? link(.statusReports) : nil,
            reportClosedNote: canWrite && !acceptsReports ? req.t("status.onlyInImplementation") : nil,
            reportValues: reportValues, lightOptions: lightOptions,
            milestoneAction: canWrite && acceptsMilestones ? link(.milestones) : nil,
            milestoneClosedNote: canWrite && !acceptsMilestones ? req.t("milestone.onlyPlanned") : nil,
            milestoneValues: milestoneValues,
            milestoneOwners: Self.ownerOptions(members, selected: milestone?.ownerUserID, none: req.t("status.noOwner")),
            problems: lines, fieldErrors: byField)
        return try await req.view.render("monitoring/status", page)
    }

    static func ownerOptions(_ members: [(id: UUID, name: String)], selected: String?, none: String) -> [Option] {
        [Option(value: "", label: none, selected: (selected ?? "").isEmpty)]
            + members.map { Option(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == selected) }
    }
}
