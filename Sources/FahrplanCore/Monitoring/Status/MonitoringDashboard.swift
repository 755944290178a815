import Foundation

/// When a running project's reporting counts as stale (veraltet): no status report for `weeks` weeks. A project
/// in implementation that has never reported is stale too — the dashboard should ask for its first report.
public struct StatusStaleness: Sendable, Equatable {
    public static let defaultWeeks = 6
    public static let weeksRange = 1...52

    public var weeks: Int

    public init(weeks: Int = StatusStaleness.defaultWeeks) { self.weeks = weeks }

    public func isStale(lastReportOn: CalendarDay?, today: CalendarDay) -> Bool {
        guard let lastReportOn else { return true }
        return lastReportOn.days(to: today) > weeks * 7
    }
}

/// A project as the dashboard sees it: plain values the server loads once per page.
public struct MonitoredProject: Sendable, Equatable {
    public var id: UUID
    public var code: String
    public var title: String
    public var status: ProjectStatus
    /// The fields of action the project serves (through its goals or programs); empty when none.
    public var fieldsOfAction: [String]
    /// The profile's costs over all years (one-off plus running).
    public var plannedCents: Int64
    /// The newest status report (by date), if any.
    public var latestReport: StatusReport?
    public var milestones: [DatedMilestone]

    public init(id: UUID, code: String, title: String, status: ProjectStatus, fieldsOfAction: [String] = [], plannedCents: Int64 = 0,
                latestReport: StatusReport? = nil, milestones: [DatedMilestone] = []) {
        self.id = id; self.code = code; self.title = title; self.status = status; self.fieldsOfAction = fieldsOfAction
        self.plannedCents = plannedCents; self.latestReport = latestReport; self.milestones = milestones
    }
}

/// A stored milestone with its id, for lists that link to it.
public struct DatedMilestone: Sendable, Equatable {
    public var id: UUID
    public var milestone: Milestone

    public init(id: UUID, milestone: Milestone) { self.id = id; self.milestone = milestone }
}

/// What the strategy team's monitoring dashboard shows (Monitoring-Übersicht), computed from plain values.
public struct MonitoringOverview: Sendable, Equatable {
    /// Projects per field of action and status; "no field of action" is the key `nil`. A project serving two
    /// fields counts in both rows, so rows may add up to more than the number of projects.
    public var statusByField: [FieldRow]
    public var lateMilestones: [LateMilestone]
    public var redLights: [RedLight]
    public var stale: [StaleProject]
    public var budget: [BudgetRow]
    public var budgetTotals: BudgetRow.Totals

    public struct FieldRow: Sendable, Equatable {
        public var field: String?
        public var counts: [ProjectStatus: Int]
        public var total: Int { counts.values.reduce(0, +) }
    }

    public struct LateMilestone: Sendable, Equatable {
        public var projectID: UUID
        public var projectCode: String
        public var projectTitle: String
        public var milestone: DatedMilestone
        public var daysLate: Int
    }

    public struct RedLight: Sendable, Equatable {
        public var projectID: UUID
        public var projectCode: String
        public var projectTitle: String
        public var reportedOn: CalendarDay
        /// The dimensions that are red, with their reasons.
        public var dimensions: [(StatusDimension, String?)]

        public static func == (a: RedLight, b: RedLight) -> Bool {
            a.projectID == b.projectID && a.reportedOn == b.reportedOn
                && a.dimensions.map { $0.0 } == b.dimensions.map { $0.0 } && a.dimensions.map { $0.1 } == b.dimensions.map { $0.1 }
        }
    }

    public struct StaleProject: Sendable, Equatable {
        public var projectID: UUID
        public var projectCode: String
        public var projectTitle: String
        public var lastReportOn: CalendarDay?
        /// Whole weeks since the last report; nil when there was none.
        public var weeksSince: Int?
    }

    public struct BudgetRow: Sendable, Equatable {
        public var projectID: UUID
        public var projectCode: String
        public var projectTitle: String
        public var plannedCents: Int64
        /// From the newest report that states it; nil when no report does.
        public var spentCents: Int64?
        /// Spent as a share of planned, in percent (nil without a planned amount or a spent figure).
        public var spentPercent: Int? {
            guard let spentCents, plannedCents > 0 else { return nil }
            return Int((Double(spentCents) * 100 / Double(plannedCents)).rounded())
        }

        public struct Totals: Sendable, Equatable {
            public var plannedCents: Int64
            /// The sum of the spent figures that are known, and over how many projects.
            public var spentCents: Int64
            public var projectsWithSpent: Int
        }
    }
}

/// The dashboard's aggregation: one pure function over the municipality's projects.
public enum MonitoringDashboard {
    /// `projects`: every active project (all statuses, for the status table); the other lists only look at
    /// projects in implementation. Lists are ordered so the most urgent comes first.
    public static func overview(of projects: [MonitoredProject], today: CalendarDay,
                                staleness: StatusStaleness = StatusStaleness()) -> MonitoringOverview {
        var byField: [String?: [ProjectStatus: Int]] = [:]
        for project in projects {
            let fields: [String?] = project.fieldsOfAction.isEmpty ? [nil] : Set(project.fieldsOfAction).map { Optional($0) }
            for field in fields { byField[field, default: [:]][project.status, default: 0] += 1 }
        }
        let fieldRows = byField.map { MonitoringOverview.FieldRow(field: $0.key, counts: $0.value) }
            .sorted { a, b in
                switch (a.field, b.field) {
                case let (x?, y?): return x < y
                case (.some, nil): return true
                default: return false
                }
            }
        let running = projects.filter { MonitoringScope.acceptsReports($0.status) }
        let monitored = projects.filter { MonitoringScope.acceptsMilestones($0.status) }
        let late = monitored.flatMap { project in
            project.milestones.filter { $0.milestone.isOverdue(today: today) }.map {
                MonitoringOverview.LateMilestone(projectID: project.id, projectCode: project.code, projectTitle: project.title,
                                                 milestone: $0, daysLate: $0.milestone.dueOn.days(to: today))
            }
        }.sorted { a, b in
            if a.daysLate != b.daysLate { return a.daysLate > b.daysLate }
            return (a.projectCode, a.milestone.milestone.title) < (b.projectCode, b.milestone.milestone.title)
        }
        let red = running.compactMap { project -> MonitoringOverview.RedLight? in
            guard let report = project.latestReport else { return nil }
            let dims = StatusDimension.allCases.filter { report.light($0).light == .red }
            guard !dims.isEmpty else { return nil }
            return MonitoringOverview.RedLight(projectID: project.id, projectCode: project.code, projectTitle: project.title,
                                               reportedOn: report.reportedOn, dimensions: dims.map { ($0, report.light($0).reason) })
        }.sorted { $0.projectCode < $1.projectCode }
        let stale = running.filter { staleness.isStale(lastReportOn: $0.latestReport?.reportedOn, today: today) }.map {
            MonitoringOverview.StaleProject(projectID: $0.id, projectCode: $0.code, projectTitle: $0.title,
                                            lastReportOn: $0.latestReport?.reportedOn,
                                            weeksSince: $0.latestReport.map { $0.reportedOn.days(to: today) / 7 })
        }.sorted { ($0.lastReportOn?.iso ?? "", $0.projectCode) < ($1.lastReportOn?.iso ?? "", $1.projectCode) }
        let budget = running.map {
            MonitoringOverview.BudgetRow(projectID: $0.id, projectCode: $0.code, projectTitle: $0.title,
                                         plannedCents: $0.plannedCents, spentCents: $0.latestReport?.spentToDateCents)
        }.sorted { $0.projectCode < $1.projectCode }
        let known = budget.compactMap(\.spentCents)
        return MonitoringOverview(
            statusByField: fieldRows, lateMilestones: late, redLights: red, stale: stale, budget: budget,
            budgetTotals: .init(plannedCents: budget.reduce(0) { $0 + $1.plannedCents }, spentCents: known.reduce(0, +),
                                projectsWithSpent: known.count))
    }
}
