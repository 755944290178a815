import FahrplanCore
import Foundation
import Vapor

/// What the project status page renders; every label is decided in `StatusPageBuilder`.
struct StatusPage: Encodable {
    /// One traffic light: its text is always shown, the colour only repeats it.
    struct Light: Encodable {
        var dimension: String
        var light: String
        var label: String
        var reason: String?
    }

    struct Report: Encodable {
        var day: String
        var dayISO: String
        var lights: [Light]
        var overall: String
        var overallLight: String
        var percent: Int
        var spent: String?
        var achievedHTML: String
        var obstaclesHTML: String
        var nextStepsHTML: String
        var lessonsHTML: String
        var author: String?
        /// The id of the report's heading, unique on the page.
        var anchor = ""
    }

    struct MilestoneRow: Encodable {
        var title: String
        var due: String
        var done: String?
        var owner: String
        var overdue: Bool
        var state: String
        var note: String?
        var editURL: String?
    }

    struct ReportValues: Encodable {
        var reportedOn = "", scheduleReason = "", budgetReason = "", scopeReason = "", percentComplete = ""
        var achieved = "", obstacles = "", nextSteps = "", lessonsLearned = "", spentToDate = ""
    }

    struct MilestoneValues: Encodable {
        var title = "", dueOn = "", doneOn = "", note = ""
    }

    var chrome: Chrome
    var heading: String
    var projectURL: String
    var projectStatus: String
    var notice: String?
    /// Set when a running project has had no report for longer than the municipality's stale weeks.
    var stale: String?
    var latest: Report?
    var history: [Report]?
    var milestones: [MilestoneRow]?
    var owner: String
    var ownerAction: String?
    var ownerOptions: [Option]
    var canWrite: Bool
    var reportAction: String?
    var reportClosedNote: String?
    var reportValues: ReportValues
    var lightOptions: [String: [Option]]
    var milestoneAction: String?
    var milestoneClosedNote: String?
    var milestoneValues: MilestoneValues
    var milestoneOwners: [Option]
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
}

/// The milestone edit form.
struct MilestoneFormPage: Encodable {
    struct Values: Encodable {
        var title = "", dueOn = "", doneOn = "", note = "", version = ""
        var baseTitle = "", baseDueOn = "", baseDoneOn = "", baseOwnerUserID = "", baseNote = ""
    }

    var chrome: Chrome
    var heading: String
    var projectTitle: String
    var statusURL: String
    var action: String
    var values: Values
    var owners: [Option]
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var conflict: ConflictPanel?
}

struct MonitoringSettingsView: Encodable {
    var chrome: Chrome
    var notice: String?
    var staleAfterWeeks: String
    var action: String
    var calendarURL: String?
    var tokenAction: String
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
}

/// Display helpers of the status pages.
enum StatusDisplay {
    static func day(_ day: CalendarDay, _ language: Language) -> String { language == .de ? day.german : day.iso }

    /// What a form field shows for a stored day (German input style in German).
    static func input(_ day: CalendarDay?, _ language: Language) -> String { day.map { Self.day($0, language) } ?? "" }

    static func light(_ light: TrafficLight, _ req: Request) -> String { req.t("status.light.\(light.rawValue)") }

    /// Field labels where the shared table means something else (`field.scope` is an API token's access).
    static func labels(_ req: Request) -> [String: String] {
        ["scope": req.t("status.dimension.scope") + " (" + req.t("status.light") + ")",
         "project": req.t("field.project")]
    }

    static func report(_ row: ProjectStatusReport, _ req: Request) -> StatusPage.Report {
        let report = row.value
        let language = req.language
        return StatusPage.Report(
            day: day(report.reportedOn, language), dayISO: report.reportedOn.iso,
            lights: StatusDimension.allCases.map { dimension in
                let value = report.light(dimension)
                return StatusPage.Light(dimension: req.t("status.dimension.\(dimension.rawValue)"), light: value.light.rawValue,
                                        label: light(value.light, req), reason: value.reason)
            },
            overall: light(report.overall, req), overallLight: report.overall.rawValue, percent: report.percentComplete,
            spent: report.spentToDateCents.map { PortfolioDisplay.euros($0, language) },
            achievedHTML: SafeMarkdown.html(report.achieved), obstaclesHTML: SafeMarkdown.html(report.obstacles),
            nextStepsHTML: SafeMarkdown.html(report.nextSteps), lessonsHTML: SafeMarkdown.html(report.lessonsLearned),
            author: row.createdByName)
    }
}
