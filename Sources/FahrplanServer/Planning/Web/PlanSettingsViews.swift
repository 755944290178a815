import Foundation

/// The per-project settings of a plan as a table: one row per project (or one project, reached from its row on
/// the plan page), every control labelled, errors next to the control they concern.
struct PlanSettingsPage: Encodable {
    struct Row: Encodable {
        var id: String
        var code: String
        var title: String
        var url: String
        var included: Bool
        var mandatory: [Option]
        var starts: [Option]
        var lines: [Option]
        var value: String
        /// Field ("included", "mandatory", "pinnedStart", "budgetLineId") → message.
        var errors: [String: String]
    }

    var chrome: Chrome
    var planURL: String
    var planName: String
    var title: String
    var action: String?
    /// Members who only read see the settings without a form.
    var readOnly: Bool
    var version: Int
    var rows: [Row]
    /// Set when the page shows one project: the link to all of them.
    var allURL: String?
    var problems: [ProblemLine]?
}
