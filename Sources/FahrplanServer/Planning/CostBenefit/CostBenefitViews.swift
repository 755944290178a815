import FahrplanCore
import Foundation
import Vapor

/// The settings page: the five figures as typed, and whether the person may change them.
struct EconomicSettingsPage: Encodable {
    struct Values: Encodable {
        var staffHourlyRate: String
        var citizenHourlyRate: String
        var businessHourlyRate: String
        var interestRate: String
        var horizonYears: String
    }

    var chrome: Chrome
    var costBenefitURL: String
    /// nil: read only.
    var action: String?
    var values: Values
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var notice: String?
}

/// One line of a cost-benefit table (a project or the portfolio).
struct CostBenefitRow: Encodable {
    var code: String
    var title: String
    var url: String?
    var status: String
    var totalCost: String
    var oneOff: String
    var running: String
    var benefit: String
    var npv: String
    var npvNegative: Bool
    var payback: String
}

/// One cost type of the mid-term budget across the horizon's years.
struct BudgetLineView: Encodable {
    var label: String
    var cells: [String]
    var sum: String
}

struct CostBenefitPortfolioPage: Encodable {
    var chrome: Chrome
    var horizon: String
    var assumptions: [FactView]
    var settingsURL: String
    var filterAction: String
    var statusOptions: [Option]
    var sortByNPV: Bool
    var sortURL: String
    var exportURL: String
    var rows: [CostBenefitRow]?
    var total: CostBenefitRow
    var appraisedNote: String
    var years: [String]
    var budget: [BudgetLineView]
    var carried: Bool
}

struct FactView: Encodable {
    var label: String
    var value: String
}

/// The cost-benefit panel on a project's page (`Application.projectCostBenefitSlot`).
struct CostBenefitProjectSection: Encodable {
    var horizon: String
    var assumptions: String
    var facts: [FactView]
    var noHours: Bool
    var years: [String]
    var lines: [BudgetLineView]
    var carried: Bool
    var portfolioURL: String
}

/// Numbers of the cost-benefit pages in the reader's language.
enum CostBenefitDisplay {
    static func money(_ cents: Int64?, _ language: Language) -> String {
        cents.map { PortfolioDisplay.euros($0, language) } ?? "–"
    }

    static func percent(basisPoints: Int, _ language: Language) -> String {
        let text = LocaleNumber.german(cents: Int64(basisPoints))
        return (language == .de ? text : text.replacingOccurrences(of: ",", with: ".")) + " %"
    }

    static func horizon(_ figures: CostBenefitFigures) -> String {
        guard let first = figures.firstYear, let last = figures.lastYear else { return "" }
        return first == last ? "\(first)" : "\(first)–\(last)"
    }

    static func payback(_ figures: CostBenefitFigures, _ req: Request) -> String {
        guard figures.benefitKnown else { return req.t("cb.unknown") }
        guard let years = figures.paybackYears, let year = figures.paybackYear else { return req.t("cb.noPayback") }
        let de = req.language == .de
        return de ? "\(years) \(years == 1 ? "Jahr" : "Jahre") (\(year))" : "\(years) \(years == 1 ? "year" : "years") (\(year))"
    }

    static func assumptions(_ settings: EconomicSettings, _ req: Request) -> [FactView] {
        let lang = req.language
        return [
            FactView(label: req.t("field.staffHourlyRate"), value: money(settings.staffHourlyRateCents, lang)),
            FactView(label: req.t("field.citizenHourlyRate"), value: money(settings.citizenHourlyRateCents, lang)),
            FactView(label: req.t("field.businessHourlyRate"), value: money(settings.businessHourlyRateCents, lang)),
            FactView(label: req.t("field.interestRate"), value: percent(basisPoints: settings.interestBasisPoints, lang)),
            FactView(label: req.t("field.horizonYears"), value: String(settings.horizonYears)),
        ]
    }

    /// The three budget lines of `figures` (benefit empty when unknown); a carried-forward running cost gets `*`.
    /// A known benefit is followed by its split: the part saved by staff, by citizens and by businesses.
    static func budgetLines(_ figures: CostBenefitFigures, _ language: Language) -> [BudgetLineView] {
        let lines = MidTermBudget.Line.allCases.map { line in
            let cells = figures.years.map { year -> String in
                guard let cents = line.cents(year, benefitKnown: figures.benefitKnown) else { return "–" }
                return money(cents, language) + (line == .running && year.runningCarriedForward ? "*" : "")
            }
            let known = figures.years.compactMap { line.cents($0, benefitKnown: figures.benefitKnown) }
            return BudgetLineView(label: line.label(english: language == .en), cells: cells,
                                  sum: known.isEmpty ? "–" : money(known.reduce(0, +), language))
        }
        guard figures.benefitKnown else { return lines }
        let split: [(String, (BenefitSplit) -> Int64)] = [
            (Strings.text("cb.benefitStaff", language), \.staffCents),
            (Strings.text("cb.benefitCitizens", language), \.citizenCents),
            (Strings.text("cb.benefitBusinesses", language), \.businessCents),
        ]
        return lines + split.map { label, part in
            BudgetLineView(label: label, cells: figures.years.map { money(part($0.benefitSplit), language) },
                           sum: money(part(figures.benefitSplit), language))
        }
    }
}
