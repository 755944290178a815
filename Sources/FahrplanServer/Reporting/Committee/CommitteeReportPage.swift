import FahrplanCore
import Foundation
import Vapor

/// What the committee report's page and its print view render; every label and link is decided in
/// `CommitteeReportPageBuilder`, the templates only place them.
struct CommitteeReportPage: Encodable {
    struct Light: Encodable {
        var dimension: String
        /// `green`, `yellow`, `red`: the CSS class; the word is always written out too.
        var light: String
        var label: String
        var reason: String?
    }

    struct ProjectRow: Encodable {
        var code: String
        var title: String
        var url: String
        var status: String
        var alsoIn: String?
        var completedOn: String?
        var plannedStart: String?
        var plannedEnd: String?
        var reportedOn: String?
        var percent: String?
        var overall: String?
        var overallLabel: String?
        var lights: [Light]
        var milestonesReached: String?
        var nextMilestone: String?
    }

    struct Section: Encodable {
        var anchor: String
        var title: String
        var implemented: [ProjectRow]
        var inProgress: [ProjectRow]
        var planned: [ProjectRow]
        var isEmpty: Bool
    }

    struct KPIRow: Encodable {
        var name: String
        var url: String
        var goal: String
        var baseline: String
        var target: String
        var latest: String
        var progress: String
        var change: String
        var onTrack: String
    }

    struct BudgetRow: Encodable {
        var field: String
        var projects: String
        var planned: String
        var spent: String
        var share: String
    }

    struct DecisionRow: Encodable {
        var day: String
        var dayISO: String
        var kind: String
        var summary: String
        var decidedBy: String
        var rationale: String?
        var project: String?
        var projectURL: String?
    }

    struct ObstacleRow: Encodable {
        var project: String
        var url: String
        var reportedOn: String
        var light: String
        var lightLabel: String
        var text: String
    }

    var chrome: Chrome
    var municipality: String
    var heading: String
    var periodLabel: String
    var asOf: String
    var from: String
    var to: String
    var action: String
    var printURL: String?
    var docxURL: String?
    var hubURL: String
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    /// Nil when the period could not be read (the form shows why).
    var report: Body?

    struct Body: Encodable {
        var summary: [Fact]
        var strategyProgress: String?
        var strategyExplanation: String
        var rollupChart: String
        var rollupRows: [Fact]
        var sections: [Section]
        var kpis: [KPIRow]
        var budget: [BudgetRow]
        var budgetTotal: BudgetRow
        var decisions: [DecisionRow]
        var obstacles: [ObstacleRow]
    }
}
