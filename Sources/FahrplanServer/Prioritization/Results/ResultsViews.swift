import FahrplanCore
import Foundation
import Vapor

/// Numbers the way the reader expects them: one decimal, German decimal comma, a real minus sign.
enum ResultsFormat {
    static func number(_ value: Double, decimals: Int = 1, _ language: Language) -> String {
        var text = String(format: "%.\(decimals)f", abs(value))
        if language == .de { text = text.replacingOccurrences(of: ".", with: ",") }
        let isZero = Double(String(format: "%.\(decimals)f", abs(value))) == 0
        return value < 0 && !isZero ? "−" + text : text
    }

    static func points(_ value: Double, _ language: Language) -> String { number(value, language) }

    static func signedPoints(_ value: Double, _ language: Language) -> String {
        let text = number(value, language)
        return value > 0 && text != number(0, language) ? "+" + text : text
    }

    /// A share of 0…1 as a percentage: "12,5 %" / "12.5%".
    static func percent(_ share: Double, decimals: Int = 1, _ language: Language) -> String {
        let text = number(share * 100, decimals: decimals, language)
        return language == .de ? text + " %" : text + "%"
    }

    static func whole(_ value: Int, _ language: Language) -> String { PortfolioDisplay.whole(Int64(value), language) }

    /// A weight as typed into a form again: no trailing zeros, a decimal comma (which `LocaleNumber` always
    /// reads as decimal, whereas "1.250" would be read as a thousand).
    static func weightInput(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded() && abs(value) < 1e12 { return String(Int64(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text.replacingOccurrences(of: ".", with: ",")
    }

    static func day(_ iso: String, _ language: Language) -> String { PortfolioDisplay.day(iso, language) ?? iso }
}

/// The tabs of a round's result pages, and the facts every one of them shows at the top.
struct RoundHeader: Encodable {
    var title: String
    var statusLabel: String
    var status: String
    var roundURL: String
    var overviewURL: String
    var tabs: [Tab]

    struct Tab: Encodable {
        var label: String
        var url: String
        var current: Bool
    }
}

/// Who decided, when and why — the fields of every form that creates a decision record.
struct DecisionFormValues: Encodable {
    var decidedBy: String = ""
    var decidedOn: String = ""
    var rationale: String = ""

    var input: DecisionInput { DecisionInput(decidedBy: decidedBy, decidedOn: decidedOn, rationale: rationale) }
}

struct LegendItem: Encodable {
    var name: String
    var colour: String
}

struct RankingPage: Encodable {
    var chrome: Chrome
    var header: RoundHeader
    var provisional: Bool
    var version: VersionLine?
    /// nil when there is at most one version (Leaf treats an empty array as true).
    var versions: [VersionLine]?
    /// The legend, the page's rows, its page links and the figures table, rendered from
    /// `prioritization/round-ranking-table` and kept per round stamp, version, search, field of action, page and language.
    var tableHTML: String?
    /// Search and paging of a big round's ranking (`RankingPaging`).
    var paging: RankingPaging.View
    var topN: Int
    var aggregationLabel: String
    /// Why no ranking can be computed yet (e.g. all weights 0).
    var rankingProblem: String?
    var exportURL: String
    var notice: String?
    var override: OverrideForm?
    var decision: DecisionFormValues
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
}

/// What `#t` reads from a partial rendered on its own (`TranslateTag`: `chrome.lang`).
struct FragmentChrome: Encodable {
    var lang: String
}

/// The context of `prioritization/round-ranking-table`.
struct RankingTable: Encodable {
    var chrome: FragmentChrome
    var legend: [LegendItem]
    var criterionNames: [String]
    var rows: [RankingRow]
    var paging: RankingPaging.View
    var hasOverrides: Bool
}

struct VersionLine: Encodable {
    var number: Int
    var url: String
    var adoptedOn: String
    var adoptedBy: String?
    var scenarioName: String?
    var scenarioURL: String?
    var decidedBy: String?
    var rationale: String?
    var current: Bool
}

struct RankingRow: Encodable {
    var id: String
    var code: String
    var title: String
    var url: String
    var detailURL: String
    var computedRank: Int
    /// Only when an override set a different position.
    var decidedRank: Int?
    var tierLabel: String
    var tierClass: String
    var tierReason: String?
    var total: String
    var chart: String
    var explanation: String?
    /// Names of the criteria the raters disagree on; nil when none.
    var disputed: String?
    var missing: String?
    var cells: [String]
    /// `top-n`, `overridden`; nil for neither (no empty class attribute).
    var rowClass: String?
}

struct OverrideForm: Encodable {
    var action: String
    var projectOptions: [Option]
    var decidedRank: String
}

struct RoundProjectPage: Encodable {
    var chrome: Chrome
    var header: RoundHeader
    var code: String
    var title: String
    var projectURL: String
    var rankingURL: String
    var rank: String?
    var total: String?
    var tierLabel: String?
    var chart: String?
    var aggregationLabel: String
    var criteria: [CriterionLine]
    /// Rating criteria with the individual scores; nil when there are none.
    var scoreTables: [ScoreTable]?

    struct CriterionLine: Encodable {
        var name: String
        var source: String
        var value: String
        var level: String?
        var spread: String
        var count: String
        var disputed: Bool
        var points: String
    }

    struct ScoreTable: Encodable {
        var id: String
        var name: String
        var disputed: Bool
        var rows: [ScoreRow]?
    }

    struct ScoreRow: Encodable {
        var rater: String
        var score: String
        var level: String
        var justification: String?
    }
}

/// The answer for someone who may not see a round's results yet, with the reason.
struct ResultsHiddenPage: Encodable {
    var chrome: Chrome
    var header: RoundHeader
    var reason: String
}
