import FahrplanCore
import Fluent
import Foundation
import Vapor

extension Application {
    private struct DemoMonitoringKey: StorageKey { typealias Value = Bool }

    /// Whether the demo municipality gets its monitoring data (`DemoMonitoringLoader`). Off for test servers
    /// (environment `testing`): every test server loads the demo, and the monitoring tests start from no
    /// reports, KPIs or cycles; `DemoMonitoringTests` switches it on. `fahrplan demo` and `serve --demo` load it.
    var loadsDemoMonitoring: Bool {
        get { storage[DemoMonitoringKey.self] ?? (environment != .testing) }
        set { storage[DemoMonitoringKey.self] = newValue }
    }
}

/// Loads Musterstadt's monitoring in the demo's transaction (`DemoMonitoringContent`): monitoring owners on every
/// project in implementation, status reports written by those owners, milestones, KPIs with measurements entered
/// by their owners, the update cycles, and one reviewed period locked. It goes through the services the pages and
/// the API use (validation, permissions, audit); only milestones are written here directly, because the service
/// dates a new milestone today and a milestone done in the past must have been created before it — they are
/// checked by the same core rule with the day the project went into implementation as their creation day.
///
/// Days: reports and milestones are moved by the days from the reference day to today, as the portfolio's
/// status history is; KPI figures, which belong to month or quarter ends, by whole months (quarterly ones by
/// whole quarters), so that a monthly KPI's last figure is always last month's and a quarterly one's at most a
/// quarter old. Thus the overdue milestone, the stale project and the stale KPI stay so whenever the demo is loaded.
struct DemoMonitoringLoader {
    var db: any Database
    var municipality: Municipality
    var userIDs: [String: UUID]
    var calendar: MunicipalCalendar
    var enabled: Bool

    init(app: Application, db: any Database, municipality: Municipality, userIDs: [String: UUID]) {
        self.db = db
        self.municipality = municipality
        self.userIDs = userIDs
        self.calendar = app.municipalCalendar
        self.enabled = app.loadsDemoMonitoring
    }

    func load(_ content: DemoMunicipality) async throws {
        guard enabled, let reference = CalendarDay(iso: DemoMunicipality.musterstadtReferenceDay) else { return }
        let municipalityID = try municipality.requireID()
        let today = calendar.today
        let dates = DemoMonitoringDates(reference: reference, today: today)
        guard let lead = try await context(DemoMonitoringContent.team, content) else { return }

        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        let byCode = Dictionary(projects.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let seeds = Dictionary(DemoMonitoringContent.projects.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let status = ProjectStatusService(db: db, context: lead)

        // Every project in implementation has a named owner; one the content does not name answers to the team.
        for project in projects.filter({ $0.projectStatus == .inProgress && $0.archivedAt == nil }).sorted(by: { $0.code < $1.code }) {
            let email = seeds[project.code]?.ownerEmail ?? DemoMonitoringContent.team
            try await status.setOwner(project, userIDs[email]?.uuidString)
        }
        for seed in DemoMonitoringContent.projects {
            guard let project = byCode[seed.code], project.projectStatus == .inProgress,
                  let owner = try await context(seed.ownerEmail, content) else { continue }
            let writer = ProjectStatusService(db: db, context: owner)
            for report in seed.reports {
                _ = try await writer.createReport(project, StatusReportInput(
                    reportedOn: dates.day(report.on).iso,
                    schedule: report.schedule.light.rawValue, scheduleReason: report.schedule.reason,
                    budget: report.budget.light.rawValue, budgetReason: report.budget.reason,
                    scope: report.scope.light.rawValue, scopeReason: report.scope.reason,
                    percentComplete: String(report.percent), achieved: report.achieved, obstacles: report.obstacles,
                    nextSteps: report.nextSteps, lessonsLearned: report.lessons, spentToDate: report.spentEuros.map(String.init)))
            }
            let startedDaysAgo = content.projects.first { $0.code == seed.code }?.history.last { $0.to == .inProgress }?.daysAgo ?? 0
            let createdOn = today.adding(days: -startedDaysAgo) ?? today
            for milestone in seed.milestones {
                try await createMilestone(milestone, project: project, createdOn: createdOn, dates: dates, actor: owner)
            }
        }

        try await loadKPIs(content, lead: lead, dates: dates)

        let cycles = UpdateCycleService(db: db, context: lead, sources: [])
        try await cycles.save(UpdateCycleInput(kind: MonitoringSubjectKind.projectStatus.rawValue, interval: UpdateInterval.monthly.rawValue,
                                               deadlineDays: "5", startDate: dates.monthShifted(DemoMonitoringContent.statusCycleStart).iso,
                                               ownerRule: CycleOwnerRule.subjectOwner.rawValue))
        try await cycles.save(UpdateCycleInput(kind: MonitoringSubjectKind.kpiMeasurement.rawValue, interval: UpdateInterval.quarterly.rawValue,
                                               deadlineDays: "20", startDate: dates.monthShifted(DemoMonitoringContent.kpiCycleStart).iso,
                                               ownerRule: CycleOwnerRule.subjectOwner.rawValue))
        // After the reports: a locked period refuses writes dated inside it.
        try await cycles.lock(kind: MonitoringSubjectKind.projectStatus.rawValue, day: dates.day(DemoMonitoringContent.lockedStatusDay).iso)
    }

    private func loadKPIs(_ content: DemoMunicipality, lead: MunicipalityContext, dates: DemoMonitoringDates) async throws {
        let municipalityID = lead.municipalityID
        let goals = try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$kind == StrategyElementKind.goal.rawValue).all()
        let goalByCode = Dictionary(goals.compactMap { goal in goal.code.map { ($0, goal) } }, uniquingKeysWith: { a, _ in a })
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        let projectByCode = Dictionary(projects.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let definer = KPIService(db: db, context: lead)
        for seed in DemoMonitoringContent.kpis {
            guard let goal = goalByCode[seed.goalCode], let owner = try await context(seed.ownerEmail, content) else { continue }
            let shift = dates.months(for: seed.cadence)
            let kpi = try await definer.create(KPIService.Form(
                input: KPIInput(name: seed.name, unit: seed.unit, direction: seed.direction.rawValue,
                                baseline: DemoMonitoringDates.number(seed.baseline),
                                baselineOn: dates.monthEnd(seed.baselineMonth, shift: shift).iso,
                                target: DemoMonitoringDates.number(seed.target),
                                targetOn: dates.monthEnd(seed.targetMonth, shift: shift).iso, cadence: seed.cadence.rawValue),
                goalID: goal.id?.uuidString, projectID: seed.projectCode.flatMap { projectByCode[$0]?.id?.uuidString },
                ownerID: userIDs[seed.ownerEmail]?.uuidString, version: nil))
            let step = seed.cadence == .monthly ? 1 : 3
            let inputs = seed.values.enumerated().map { index, value in
                KPIMeasurementInput(measuredOn: dates.monthEnd(seed.first, shift: shift + index * step).iso,
                                    value: DemoMonitoringDates.number(value), unit: seed.unit, note: seed.notes[index])
            }
            // The owners enter their own figures, as a spreadsheet from the department's statistics.
            try await KPIService(db: db, context: owner).addMeasurements(to: kpi, inputs, source: .csv)
        }
    }

    /// A milestone checked by the core's rules as the service checks it, created on the project's start day.
    private func createMilestone(_ seed: DemoProjectMonitoring.MilestoneSeed, project: Project, createdOn: CalendarDay,
                                 dates: DemoMonitoringDates, actor: MunicipalityContext) async throws {
        let milestone = try MilestoneInput(title: seed.title, dueOn: dates.day(seed.due).iso, doneOn: seed.done.map { dates.day($0).iso },
                                           ownerUserID: seed.ownerEmail.flatMap { userIDs[$0]?.uuidString }, note: seed.note)
            .validated(projectStatus: project.projectStatus, isNew: true, createdOn: createdOn, today: dates.today)
        let row = ProjectMilestone()
        row.id = UUID()
        row.$municipality.id = actor.municipalityID
        row.$project.id = try project.requireID()
        row.createdOn = createdOn.iso
        row.version = 1
        row.apply(milestone)
        try await row.create(on: db)
        try await AuditTrail.record(on: db, municipalityID: actor.municipalityID, actor: actor.user, action: .update,
                                    entityType: "project", entityID: project.id, label: project.label,
                                    changes: FieldChange.between([:], ProjectStatusService.snapshot(milestone), fields: ProjectStatusService.milestoneFields)
                                        .map { FieldChange(field: "milestone.\(milestone.title).\($0.field)", old: $0.old, new: $0.new) })
    }

    /// The context of a demo person with the role the content gives them.
    private func context(_ email: String, _ content: DemoMunicipality) async throws -> MunicipalityContext? {
        guard let role = content.users.first(where: { $0.email == email })?.role, let id = userIDs[email],
              let user = try await User.find(id, on: db) else { return nil }
        return MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(), user: CurrentUser(user),
                                   role: role, permissions: Permissions(role: role, isInstallationAdmin: false), calendar: calendar)
    }
}

/// The demo's days moved from the reference day to the day of loading.
struct DemoMonitoringDates {
    var reference: CalendarDay
    var today: CalendarDay

    /// Days from the reference day to today.
    var days: Int { reference.days(to: today) }
    /// Whole calendar months from the reference day's month to today's.
    var months: Int { (today.year * 12 + today.month) - (reference.year * 12 + reference.month) }

    /// A report's or milestone's day.
    func day(_ iso: String) -> CalendarDay {
        CalendarDay(iso: iso).flatMap { $0.adding(days: days) } ?? today
    }

    /// Months a KPI's dates move: quarterly and longer cadences by whole quarters (rounded to the nearest), so
    /// quarter ends stay quarter ends; the last quarter end is then at most a quarter before today.
    func months(for cadence: KPICadence) -> Int {
        guard cadence != .monthly else { return months }
        let quarters = (Double(months) / 3).rounded(.toNearestOrAwayFromZero)
        return Int(quarters) * 3
    }

    /// The last day of (year, month) moved by `shift` months.
    func monthEnd(_ month: (Int, Int), shift: Int) -> CalendarDay {
        let index = month.0 * 12 + (month.1 - 1) + shift
        let year = index / 12, number = index % 12 + 1
        return CalendarDay(year: year, month: number, day: CalendarDay.daysInMonth(year: year, month: number)) ?? today
    }

    /// The first of a month, moved by whole months (a cycle's start).
    func monthShifted(_ iso: String) -> CalendarDay {
        guard let day = CalendarDay(iso: iso) else { return today }
        let end = monthEnd((day.year, day.month), shift: months)
        return CalendarDay(year: end.year, month: end.month, day: 1) ?? today
    }

    /// A figure as the forms take it: German decimal comma, one decimal at most.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let text = tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(format: "%.1f", tenths / 10)
        return text.replacingOccurrences(of: ".", with: ",")
    }
}
