import FahrplanCore
import Fluent
import Foundation
import Vapor

/// What `fahrplan bench-data monitoring` wrote, as lines for the benchmark's output.
public struct MonitoringBenchDataSummary: Sendable {
    public var projects: Int
    public var inImplementation: Int
    public var completed: Int
    public var statusReports: Int
    public var milestones: Int
    public var kpis: Int
    public var measurements: Int
    public var seconds: Double

    public var lines: [String] {
        ["generated projects: \(projects) (\(inImplementation) in implementation, \(completed) completed, the rest as imported)",
         "status reports: \(statusReports), milestones: \(milestones)",
         "KPIs: \(kpis) with \(measurements) measurements",
         String(format: "written in %.1f s", seconds)]
    }
}

/// Monitoring data for the dashboard benchmark (benchmarks/monitoring-dashboard.sh): status reports, milestones,
/// monitoring owners and KPIs with monthly measurements, written straight through the Fluent models in a few
/// batched transactions. The services would check each row and write an audit event per row, which takes minutes
/// for 10,000 reports; the values here are shaped to pass the same rules (reasons for lights that are not green,
/// milestones done after they were created, no measurement in the future, one measurement per KPI and day).
/// Deterministic for a seed and a day: the same projects get the same statuses, reports, milestones and figures.
enum MonitoringBenchData {
    /// The projects `benchmarks/generate_projects.py` writes carry this in their title; only they are changed.
    static let generatedTitleMarker = " – Vorhaben "
    static let batchSize = 200

    struct Options {
        var reports: Int
        var milestonesPerProject: Int
        var kpis: Int
        var months: Int
        var seed: UInt64
    }

    static func generate(_ app: Application, slug: String, options: Options) async throws -> MonitoringBenchDataSummary {
        let started = Date()
        let db = app.db
        guard let municipality = try await Municipality.query(on: db).filter(\.$slug == slug).first(), let municipalityID = municipality.id else {
            throw AppConfiguration.Problem(description: "No municipality with the slug \(slug).")
        }
        let today = app.municipalCalendar.today
        var random = SplitMix64(seed: options.seed)
        let members = try await Membership.query(on: db).filter(\.$municipality.$id == municipalityID).all()
            .map { $0.$user.id }.sorted { $0.uuidString < $1.uuidString }
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .filter(\.$mergedInto.$id == nil).sort(\.$code).all()
            .filter { $0.title.contains(generatedTitleMarker) }
        guard !projects.isEmpty else {
            throw AppConfiguration.Problem(description: "No generated projects in \(slug): import benchmarks/generate_projects.py's list first.")
        }
        let projectIDs = projects.compactMap(\.id)
        if try await ProjectStatusReport.query(on: db).filter(\.$project.$id ~~ projectIDs).count() > 0 {
            throw AppConfiguration.Problem(description: "The generated projects of \(slug) already have status reports; start from a fresh database.")
        }

        // Most generated projects run, some are done, the rest keep the status of the list (idea … approved or running).
        var statusByID: [UUID: ProjectStatus] = [:]
        for project in projects {
            let draw = random.uniform()
            statusByID[project.id!] = draw < 0.75 ? .inProgress : draw < 0.85 ? .completed : project.projectStatus
        }
        let statuses = statusByID
        let reporting = projects.filter { [.inProgress, .completed].contains(statuses[$0.id!]!) }
        try await db.writeTransaction { db in
            for status in [ProjectStatus.inProgress, .completed] {
                let ids = projects.compactMap(\.id).filter { statuses[$0] == status }
                for chunk in ids.benchChunks(500) {
                    try await Project.query(on: db).filter(\.$id ~~ chunk).set(\.$status, to: status.rawValue).update()
                }
            }
            guard !members.isEmpty else { return }
            var byOwner: [UUID: [UUID]] = [:]
            for (index, project) in reporting.enumerated() { byOwner[members[index % members.count], default: []].append(project.id!) }
            for (owner, ids) in byOwner.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                for chunk in ids.benchChunks(500) {
                    try await ProjectMonitoringOwner.query(on: db).filter(\.$id ~~ chunk).set(\.$ownerID, to: owner).update()
                }
            }
        }

        let reports = statusReports(for: reporting, statuses: statusByID, total: options.reports, municipalityID: municipalityID,
                                    today: today, random: &random)
        let milestones = milestones(for: reporting, perProject: options.milestonesPerProject, owners: members,
                                    municipalityID: municipalityID, today: today, random: &random)
        try await insert(reports, on: db)
        try await insert(milestones, on: db)

        let goals = try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .filter(\.$kind == StrategyElementKind.goal.rawValue).sort(\.$position).all().filter { $0.$parent.id != nil }
        var kpiRows: [KPIRecord] = [], measurementRows: [KPIMeasurementRecord] = []
        if !goals.isEmpty && options.kpis > 0 {
            (kpiRows, measurementRows) = kpis(count: options.kpis, months: options.months, goals: goals.compactMap(\.id), owners: members,
                                              municipalityID: municipalityID, today: today, random: &random)
        }
        try await insert(kpiRows, on: db)
        try await insert(measurementRows, on: db)

        return MonitoringBenchDataSummary(
            projects: projects.count, inImplementation: statusByID.values.filter { $0 == .inProgress }.count,
            completed: statusByID.values.filter { $0 == .completed }.count, statusReports: reports.count, milestones: milestones.count,
            kpis: kpiRows.count, measurements: measurementRows.count, seconds: Date().timeIntervalSince(started))
    }

    /// One transaction per kind of row, multi-row inserts of `batchSize` (SQLite's bound-parameter limit).
    private static func insert<M: Model>(_ rows: [M], on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        try await db.writeTransaction { db in
            for chunk in rows.benchChunks(batchSize) { try await chunk.create(on: db) }
        }
    }

    /// `total` reports spread evenly over the projects, about monthly, newest first per project. Four in five
    /// projects reported within the last five weeks; the others are stale (50–200 days since the last report).
    private static func statusReports(for projects: [Project], statuses: [UUID: ProjectStatus], total: Int, municipalityID: UUID,
                                      today: CalendarDay, random: inout SplitMix64) -> [ProjectStatusReport] {
        guard !projects.isEmpty else { return [] }
        var rows: [ProjectStatusReport] = []
        rows.reserveCapacity(total)
        for (index, project) in projects.enumerated() {
            let count = total / projects.count + (index < total % projects.count ? 1 : 0)
            let done = statuses[project.id!] == .completed
            let lag = random.uniform() < 0.8 ? random.int(0...35) : random.int(50...200)
            let latestPercent = done ? 100 : random.int(10...95)
            let planned = project.totalOneOffCents + project.totalRunningCents
            let costFactor = 0.8 + 0.5 * random.uniform()
            for step in 0..<count {
                let day = today.adding(days: -(lag + step * 30 + random.int(0...4)))!
                let percent = max(0, latestPercent - step * max(1, latestPercent / max(1, count)))
                let spent: Int64? = random.uniform() < 0.7 ? Int64(Double(planned) * Double(percent) / 100 * costFactor) : nil
                let report = StatusReport(
                    reportedOn: day, schedule: light(.schedule, &random), budget: light(.budget, &random), scope: light(.scope, &random),
                    percentComplete: percent, achieved: "Arbeitspaket \(count - step) abgeschlossen; Abstimmung mit dem Fachdienst.",
                    obstacles: random.uniform() < 0.3 ? "Ressourcen im Fachdienst knapp; Zuarbeit verzögert sich." : nil,
                    nextSteps: "Arbeitspaket \(count - step + 1) beginnen, Test mit Pilotnutzenden.",
                    lessonsLearned: random.uniform() < 0.15 ? "Früh mit dem Personalrat sprechen." : nil, spentToDateCents: spent)
                let row = ProjectStatusReport(municipalityID: municipalityID, projectID: project.id!, report: report)
                row.createdByName = "Benchmark"
                rows.append(row)
            }
        }
        return rows
    }

    private static func light(_ dimension: StatusDimension, _ random: inout SplitMix64) -> StatusLight {
        let draw = random.uniform()
        if draw < 0.78 { return StatusLight(.green) }
        let reason = switch dimension {
        case .schedule: "Ausschreibung dauert länger als geplant."
        case .budget: "Lizenzkosten gestiegen."
        case .scope: "Zusätzliche Schnittstelle zum Fachverfahren nötig."
        }
        return StatusLight(draw < 0.95 ? .yellow : .red, reason: reason)
    }

    /// `perProject` milestones per project, due from ten months ago to a year ahead; most past ones are done
    /// (a few days around their due day, never before they were created), the rest are late.
    private static func milestones(for projects: [Project], perProject: Int, owners: [UUID], municipalityID: UUID, today: CalendarDay,
                                   random: inout SplitMix64) -> [ProjectMilestone] {
        let titles = ["Anforderungen abgestimmt", "Vergabe abgeschlossen", "Pilotbetrieb gestartet", "Schulung der Beschäftigten",
                      "Go-live", "Abnahme", "Evaluation"]
        var rows: [ProjectMilestone] = []
        rows.reserveCapacity(projects.count * perProject)
        for (index, project) in projects.enumerated() {
            for number in 0..<perProject {
                let due = today.adding(days: random.int(-300...365))!
                let created = min(due.adding(days: -random.int(30...200))!, today)
                let row = ProjectMilestone()
                row.id = UUID()
                row.$municipality.id = municipalityID
                row.$project.id = project.id!
                row.title = "\(titles[(index + number) % titles.count]) (\(number + 1))"
                row.dueOn = due.iso
                row.createdOn = created.iso
                if due < today && random.uniform() < 0.8 {
                    let done = max(created, min(today, due.adding(days: random.int(-10...10))!))
                    row.doneOn = done.iso
                }
                row.ownerID = owners.isEmpty || number == perProject - 1 ? nil : owners[(index + number) % owners.count]
                row.version = 1
                rows.append(row)
            }
        }
        return rows
    }

    /// `count` KPIs over the goals (in turn), each with `months` monthly values ending last month; every tenth moves
    /// away from its target, every 25th stopped being measured eight months ago (stale) but has as many values.
    private static func kpis(count: Int, months: Int, goals: [UUID], owners: [UUID], municipalityID: UUID, today: CalendarDay,
                             random: inout SplitMix64) -> ([KPIRecord], [KPIMeasurementRecord]) {
        let themes: [(String, String, KPIDirection)] = [
            ("Online-Anträge je Monat", "Anzahl", .increase), ("Durchlaufzeit Bauantrag", "Tage", .decrease),
            ("Anteil digitaler Rechnungen", "%", .increase), ("Zufriedenheit mit dem Portal", "Punkte", .increase),
            ("Papierakten im Umlauf", "Anzahl", .decrease), ("Wartezeit Bürgerbüro", "Minuten", .decrease),
            ("Geschulte Beschäftigte", "%", .increase), ("Offene Datensätze", "Anzahl", .increase)]
        var kpis: [KPIRecord] = [], values: [KPIMeasurementRecord] = []
        let thisMonth = CalendarDay(year: today.year, month: today.month, day: 1)!
        for index in 0..<count {
            let (theme, unit, direction) = themes[index % themes.count]
            let stale = index % 25 == 24
            let wrongWay = index % 10 == 9
            let lastMonth = monthStart(thisMonth, minus: stale ? 8 : 1)
            let firstMonth = monthStart(lastMonth, minus: months - 1)
            let baseline = (10 + (unit == "%" ? 40 : 90) * random.uniform()).rounded()
            let target = direction == .increase ? min(unit == "%" ? 100 : .infinity, (baseline * 2).rounded()) : (baseline / 2).rounded()
            let kpi = KPIRecord()
            kpi.id = UUID()
            kpi.$municipality.id = municipalityID
            kpi.$goal.id = goals[index % goals.count]
            kpi.$owner.id = owners.isEmpty ? nil : owners[index % owners.count]
            kpi.apply(KPIDefinition(name: "\(theme) \(index + 1)", unit: unit, direction: direction, baseline: baseline,
                                    baselineOn: firstMonth, target: target,
                                    targetOn: CalendarDay(year: today.year + 2, month: 12, day: 31)!, cadence: .monthly))
            kpi.version = 1
            kpis.append(kpi)
            let reach = (wrongWay ? -0.3 : 0.4 + 0.6 * random.uniform())
            for month in 0..<months {
                let share = Double(month) / Double(max(1, months - 1))
                let noise = (random.uniform() - 0.5) * 0.06 * baseline
                let value = ((baseline + (target - baseline) * reach * share + noise) * 10).rounded() / 10
                let day = monthStart(lastMonth, minus: months - 1 - month)
                let measurement = KPIMeasurement(measuredOn: day, value: max(0, value), source: month % 3 == 0 ? .csv : .api)
                values.append(KPIMeasurementRecord(municipalityID: municipalityID, kpiID: kpi.id!, measurement, recordedBy: "Benchmark"))
            }
        }
        return (kpis, values)
    }

    private static func monthStart(_ day: CalendarDay, minus months: Int) -> CalendarDay {
        let index = day.year * 12 + (day.month - 1) - months
        return CalendarDay(year: index / 12, month: index % 12 + 1, day: 1)!
    }
}

private extension Array {
    func benchChunks(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
