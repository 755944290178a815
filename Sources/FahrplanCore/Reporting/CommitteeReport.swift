import Foundation

/// What the committee report (Bericht an den Digitalisierungsausschuss) is assembled from: plain values the
/// server loads once. Fields of action come in the municipality's order; a project's `fieldsOfAction` hold
/// field ids (`KPIRollup.FieldOfAction.id`), ids that are not among `fields` are ignored.
public struct CommitteeReportInput: Sendable, Equatable {
    public var period: UpdatePeriod
    public var fields: [KPIRollup.FieldOfAction]
    public var goals: [KPIRollup.Goal]
    public var projects: [ReportProject]
    public var kpis: [ReportKPI]
    public var decisions: [ReportDecision]
    /// The statuses listed as "planned next" (Beschlossen and Priorisiert: what the council will see start).
    public var plannedStatuses: Set<ProjectStatus>
    /// Strategy versions of the municipality (any period; `assemble` keeps those adopted within the report's).
    public var versions: [AdoptedVersion]

    public static let defaultPlannedStatuses: Set<ProjectStatus> = [.prioritized, .approved]

    public init(period: UpdatePeriod, fields: [KPIRollup.FieldOfAction], goals: [KPIRollup.Goal] = [],
                projects: [ReportProject], kpis: [ReportKPI] = [], decisions: [ReportDecision] = [],
                plannedStatuses: Set<ProjectStatus> = CommitteeReportInput.defaultPlannedStatuses, versions: [AdoptedVersion] = []) {
        self.period = period; self.fields = fields; self.goals = goals; self.projects = projects; self.kpis = kpis
        self.decisions = decisions; self.plannedStatuses = plannedStatuses; self.versions = versions
    }
}

/// A strategy version (Strategieversion) as the committee report names it: the council adopted it on `adoptedOn`.
public struct AdoptedVersion: Sendable, Equatable {
    public var id: UUID
    public var number: Int
    public var name: String
    public var adoptedOn: CalendarDay
    public var adoptedBy: String?
    public var note: String?

    public init(id: UUID, number: Int, name: String, adoptedOn: CalendarDay, adoptedBy: String? = nil, note: String? = nil) {
        self.id = id; self.number = number; self.name = name; self.adoptedOn = adoptedOn; self.adoptedBy = adoptedBy; self.note = note
    }
}

/// The committee report for a period, grouped by field of action. Every list has a fixed order (see `assemble`),
/// so the same input gives the same report, page and DOCX.
public struct CommitteeReport: Sendable, Equatable {
    public var period: UpdatePeriod
    /// One section per field of action in the municipality's order (also when empty), then one for projects
    /// without a field (`field == nil`) when there are any.
    public var sections: [FieldSection]
    public var kpis: [KPIRow]
    /// Goal → field → strategy progress at the period's end (`KPIRollup`).
    public var rollup: KPIRollup
    public var budget: Budget
    public var decisions: [DecisionRow]
    public var obstacles: [ObstacleRow]
    /// Strategy versions adopted within the period, by number.
    public var versions: [AdoptedVersion] = []

    public var implementedCount: Int { sections.reduce(0) { $0 + $1.implemented.count } }
    public var inProgressCount: Int { sections.reduce(0) { $0 + $1.inProgress.count } }
    public var plannedCount: Int { sections.reduce(0) { $0 + $1.planned.count } }

    public struct FieldSection: Sendable, Equatable {
        public var field: KPIRollup.FieldOfAction?
        /// Completed within the period, by completion day, then code.
        public var implemented: [ProjectRow]
        /// In implementation now, by code.
        public var inProgress: [ProjectRow]
        /// Planned next (`plannedStatuses`), by planned start (unknown last), then code.
        public var planned: [ProjectRow]

        public var isEmpty: Bool { implemented.isEmpty && inProgress.isEmpty && planned.isEmpty }

        /// The projects in progress a committee has to look at (`ProjectRow.needsAttention`), in `inProgress` order.
        public var attention: [ProjectRow] { inProgress.filter(\.needsAttention) }

        /// The projects in progress counted by the overall light of their newest report up to the period's end.
        public var lights: LightCounts {
            var counts = LightCounts()
            for row in inProgress {
                switch row.overall {
                case .green?: counts.green += 1
                case .yellow?: counts.yellow += 1
                case .red?: counts.red += 1
                case nil: counts.noReport += 1
                }
                if row.needsAttention { counts.attention += 1 }
            }
            return counts
        }
    }

    /// How many projects in progress stand at each overall light; `attention` counts those that need attention.
    public struct LightCounts: Sendable, Equatable {
        public var green = 0
        public var yellow = 0
        public var red = 0
        public var noReport = 0
        public var attention = 0
        public var total: Int { green + yellow + red + noReport }
        public init() {}
    }

    public struct ProjectRow: Sendable, Equatable {
        public var id: UUID
        public var code: String
        public var title: String
        public var status: ProjectStatus
        /// Names of the project's other fields of action (it is listed under the first of its fields only).
        public var otherFields: [String]
        public var startedOn: CalendarDay?
        public var completedOn: CalendarDay?
        public var plannedStartOn: CalendarDay?
        public var plannedEndOn: CalendarDay?
        /// The newest status report up to the period's end: lights with reasons, percent complete.
        public var report: StatusReport?
        /// The overall light of the newest report before the period began (nil without one): what it changed from.
        public var overallAtStart: TrafficLight?
        /// Milestones done within the period, by day.
        public var milestonesReached: [Milestone]
        /// The first milestone still open at the period's end (by due day).
        public var nextMilestone: Milestone?
        public var plannedCents: Int64
        public var spentCents: Int64?

        public var overall: TrafficLight? { report?.overall }

        /// Red at the period's end, or worse than at its start (green → yellow, anything → red): what the summary
        /// of a committee report lists in full. Yellow all along, green, or better than before are counted only.
        public var needsAttention: Bool {
            guard let overall else { return false }
            return overall == .red || overallAtStart.map { overall > $0 } ?? false
        }
    }

    public struct KPIRow: Sendable, Equatable {
        public var id: String
        public var name: String
        public var unit: String
        public var direction: KPIDirection
        public var goalID: String
        public var goalName: String?
        public var fieldID: String?
        public var baseline: Double
        public var target: Double
        public var targetOn: CalendarDay
        /// Progress at the latest measurement up to the period's end; nil without one.
        public var progress: KPIProgress?
        /// Clamped progress at the latest measurement up to the period's start (the day before it), for the change.
        public var progressAtStart: Double?
        /// Whether the trend line through the measurements up to the period's end reaches the target in time.
        public var onTrack: Bool?
        /// Measurements taken within the period.
        public var measurementsInPeriod: Int

        /// Change of clamped progress over the period, in percentage points; nil when either end has none.
        public var changePoints: Double? {
            guard let progress, let progressAtStart else { return nil }
            return (progress.clamped - progressAtStart) * 100
        }
    }

    /// Planned against spent for the projects the report lists as implemented or in progress. Spent is the figure
    /// of the newest status report up to the period's end that states one; projects without it count in planned
    /// only, and `projectsWithSpent` says over how many the spent sum runs.
    public struct Budget: Sendable, Equatable {
        public var fields: [FieldBudget]
        public var totals: FieldBudget

        public struct FieldBudget: Sendable, Equatable {
            public var field: KPIRollup.FieldOfAction?
            public var projects: Int
            public var plannedCents: Int64
            public var spentCents: Int64
            public var projectsWithSpent: Int
            /// Spent over planned of the projects that state a spent figure, in percent (nil when none does or
            /// their planned sum is 0): comparing all planned with part of the spent would understate spending.
            public var spentPercentOfKnown: Int?
            var plannedOfKnown: Int64

            mutating func add(_ row: ProjectRow) {
                projects += 1
                plannedCents += row.plannedCents
                if let spent = row.spentCents {
                    spentCents += spent; projectsWithSpent += 1; plannedOfKnown += row.plannedCents
                }
                spentPercentOfKnown = plannedOfKnown > 0 && projectsWithSpent > 0
                    ? Int((Double(spentCents) * 100 / Double(plannedOfKnown)).rounded()) : nil
            }

            static func empty(_ field: KPIRollup.FieldOfAction?) -> FieldBudget {
                FieldBudget(field: field, projects: 0, plannedCents: 0, spentCents: 0, projectsWithSpent: 0,
                            spentPercentOfKnown: nil, plannedOfKnown: 0)
            }
        }
    }

    public struct DecisionRow: Sendable, Equatable {
        public var decision: ReportDecision
        public var projectCode: String?
        public var projectTitle: String?
    }

    /// The obstacles (Hindernisse) of the newest report within the period that names any, per project.
    public struct ObstacleRow: Sendable, Equatable {
        public var projectID: UUID
        public var projectCode: String
        public var projectTitle: String
        public var reportedOn: CalendarDay
        public var light: TrafficLight
        public var text: String
    }
}
