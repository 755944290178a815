import FahrplanCore
import Foundation
import Vapor

/// What the committee report's page and its print view render; every label and link is decided in
/// `CommitteeReportPageBuilder`, the templates only place them.
struct CommitteeReportPage: Encodable {
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

    struct VersionRow: Encodable {
        var name: String
        var url: String
        var day: String
        var dayISO: String
        var adoptedBy: String?
        var note: String?
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
    /// The page with every project in progress listed (nil while showing it) and the summary (nil while showing it).
    var fullURL: String?
    var summaryURL: String?
    var isFull: Bool
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
        /// Projects by field of action, the KPI table's rows and the obstacles as HTML (`CommitteeReportHTML`).
        var sectionsHTML: String
        var hasKPIs: Bool
        var kpiRowsHTML: String
        var budget: [BudgetRow]
        var budgetTotal: BudgetRow
        var decisions: [DecisionRow]
        var hasObstacles: Bool
        var obstaclesHTML: String
        /// "312 further obstacles of projects needing no attention" in the summary; nil when all are listed.
        var obstaclesMore: String?
        var versions: [VersionRow]
        /// Leaf counts an empty list as true.
        var hasVersions: Bool
    }
}
