import Foundation

/// The yearly figures per cost type as a table for the mid-term budget (mittelfristige Finanzplanung): per
/// project three lines — investive (one-off) costs, consumptive (running) costs and the monetized benefit —
/// with one column per year of the horizon and a sum, followed by the portfolio's totals.
public enum MidTermBudget {
    /// The cost types of the budget table, in their order.
    public enum Line: String, CaseIterable, Sendable {
        case oneOff, running, benefit

        public func label(english: Bool) -> String {
            switch self {
            case .oneOff: english ? "Investive (one-off)" : "Investiv (einmalig)"
            case .running: english ? "Consumptive (running)" : "Konsumtiv (laufend)"
            case .benefit: english ? "Benefit (hours saved, monetized)" : "Nutzen (eingesparte Stunden, monetarisiert)"
            }
        }

        /// The line's amount in a year; nil for a benefit that is not known.
        public func cents(_ year: CostBenefitYear, benefitKnown: Bool) -> Int64? {
            switch self {
            case .oneOff: year.oneOffCents
            case .running: year.runningCents
            case .benefit: benefitKnown ? year.benefitCents : nil
            }
        }
    }

    public struct ProjectLine: Sendable, Equatable {
        public var code: String
        public var title: String
        public var status: String
        public var figures: CostBenefitFigures

        public init(code: String, title: String, status: String, figures: CostBenefitFigures) {
            self.code = code
            self.title = title
            self.status = status
            self.figures = figures
        }
    }

    /// Header and rows, ready for `CSVWriter`. Amounts in euros with two decimals at most and no thousands
    /// separator (`1234,5` is written `1234,50`), a decimal comma in German and a point in English, so that a
    /// spreadsheet reads them as numbers.
    public static func rows(_ projects: [ProjectLine], total: CostBenefitFigures, english: Bool) -> [[String]] {
        let years = total.years.map(\.year)
        let header = (english ? ["Code", "Title", "Status", "Cost type"] : ["Kennung", "Titel", "Status", "Kostenart"])
            + years.map(String.init) + [english ? "Total" : "Summe"]
        func amounts(_ figures: CostBenefitFigures, _ line: Line) -> [String] {
            let cells = years.map { year in
                figures.years.first { $0.year == year }.flatMap { line.cents($0, benefitKnown: figures.benefitKnown) }
            }
            let known = cells.compactMap { $0 }
            return cells.map { $0.map { amount($0, english: english) } ?? "" }
                + [known.isEmpty ? "" : amount(known.reduce(0, +), english: english)]
        }
        var rows = [header]
        for project in projects {
            for line in Line.allCases {
                rows.append([project.code, project.title, project.status, line.label(english: english)] + amounts(project.figures, line))
            }
        }
        for line in Line.allCases {
            rows.append(["", english ? "Portfolio total" : "Summe Portfolio", "", line.label(english: english)] + amounts(total, line))
        }
        return rows
    }

    /// `123456` cents → `1234,56` (German) or `1234.56` (English); whole euros keep two decimals (`12,00`).
    public static func amount(_ cents: Int64, english: Bool) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100)\(english ? "." : ",")\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
