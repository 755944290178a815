import FahrplanCore
import Foundation

/// Page models of the plan pages.
struct PlanListPage: Encodable {
    struct Row: Encodable {
        var name: String
        var url: String
        var periods: String
        var note: String?
        var base: String?
    }

    var chrome: Chrome
    var rows: [Row]?
    var newURL: String?
    var canManage: Bool
}

struct PlanFormPage: Encodable {
    struct Values: Encodable {
        var name, periodLength, firstYear, periodCount, discount, roundId, scenarioNote: String
    }

    /// Set when the form changes an existing plan's frame instead of creating one.
    struct Frame: Encodable {
        var title: String
        var planName: String
        var planURL: String
        var action: String
        var version: Int
        var hint: String
    }

    var chrome: Chrome
    var listURL: String
    var action: String
    var values: Values
    var rounds: [Option]
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var frame: Frame? = nil
}

struct PlanPage: Encodable {
    struct Cell: Encodable {
        var text: String
        var over: Bool
    }

    struct UseRow: Encodable {
        var label: String
        var cells: [Cell]
    }

    struct ScheduleRow: Encodable {
        var id: String
        var code: String
        var title: String
        var url: String
        var start: String
        var outcome: String
        var outcomeClass: String
        var mandatory: Bool
        var manual: Bool
        var reason: String
        /// One mark per period: "■" while running.
        var bars: [String]
        /// The project's settings in this plan (in the plan, mandatory, fixed start, budget line).
        var settingsURL: String
    }

    struct Group: Encodable {
        var title: String
        var rows: [ScheduleRow]
    }

    struct Link: Encodable {
        var name: String
        var url: String
        var compareURL: String
    }

    var chrome: Chrome
    var listURL: String
    var name: String
    var note: String?
    var baseName: String?
    var baseURL: String?
    var periods: [String]
    var ranking: String
    var status: String
    var solvedAt: String?
    var objective: String?
    var bound: String?
    var gap: String?
    var running: Bool
    var progress: String?
    var selfURL: String
    var solveURL: String?
    var capacitiesURL: String
    /// The frame form (team, plan not archived) and the table of the projects' settings.
    var frameURL: String?
    var settingsURL: String
    var groups: [Group]
    var use: [UseRow]
    var violations: [String]
    var conflicts: [String]
    var notes: [String]
    var changeURL: String?
    var startOptions: [Option]
    var projectOptions: [Option]
    var scenarios: [Link]
    var scenarioURL: String?
    var exportURL: String
    var solutionURL: String?
    var importURL: String?
    var archiveURL: String?
    var charts: [String]
    /// The efficient frontier section, ready HTML (`PlanFrontierSection`).
    var frontier: String? = nil
    var notice: String?
}

struct PlanCapacitiesPage: Encodable {
    struct Row: Encodable {
        var index: Int
        var label: String
        var kind: String
        var fundingSource: String
        var cells: [Cell]
    }

    struct Cell: Encodable {
        var name: String
        var id: String
        var value: String
        var error: String?
        var label: String
    }

    struct StaffRow: Encodable {
        var departmentID: String
        var label: String
        var cells: [Cell]
    }

    var chrome: Chrome
    var planURL: String
    var action: String?
    var periods: [String]
    var lines: [Row]
    var staff: [StaffRow]
    var version: Int
    var problems: [ProblemLine]?
}

struct PlanScenarioPage: Encodable {
    struct StaffRow: Encodable {
        var departmentID: String
        var label: String
        var value: String
    }

    var chrome: Chrome
    var planURL: String
    var action: String
    var name: String
    var note: String
    var budgetPercent: String
    var staff: [StaffRow]
    var changeMandatory: Bool
    var projects: [Option]
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
}

struct PlanComparePage: Encodable {
    struct Row: Encodable {
        var code: String
        var title: String
        var change: String
        var baseStart: String
        var otherStart: String
    }

    var chrome: Chrome
    var planURL: String
    var baseName: String
    var otherName: String
    var baseObjective: String
    var otherObjective: String
    var baseBudget: String
    var otherBudget: String
    var rows: [Row]
}

enum PlanFormat {
    static func number(_ value: Double, decimals: Int = 2, _ language: Language) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: language == .de ? "de_DE" : "en_GB")
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = 0
        formatter.maximumFractionDigits = decimals
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    /// How a number goes back into an input field: German decimal comma, no grouping.
    static func input(_ value: Double, _ language: Language) -> String {
        let text = value == value.rounded() ? String(Int(value)) : String(value)
        return language == .de ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
