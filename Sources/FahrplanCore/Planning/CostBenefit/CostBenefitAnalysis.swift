import Foundation

/// What the cost-benefit analysis (Wirtschaftlichkeitsbetrachtung) needs to know about one project: its planned
/// money per budget year and the hours it saves a year.
public struct CostBenefitProject: Sendable, Equatable {
    public struct CostYear: Sendable, Equatable {
        public var year: Int
        /// Investive (einmalige) costs.
        public var oneOffCents: Int64
        /// Consumptive (laufende) costs.
        public var runningCents: Int64

        public init(year: Int, oneOffCents: Int64 = 0, runningCents: Int64 = 0) {
            self.year = year
            self.oneOffCents = oneOffCents
            self.runningCents = runningCents
        }
    }

    public var id: String
    public var code: String
    public var title: String
    public var costs: [CostYear]
    /// The profile's hours saved per year for the administration's staff (Verwaltung); nil: the profile does not say.
    public var staffHoursSavedPerYear: Int?
    /// The profile's hours saved per year for citizens and for businesses; nil: the profile does not say.
    public var citizenHoursSavedPerYear: Int?
    public var businessHoursSavedPerYear: Int?
    /// The year the project ends (from its end date), nil if unknown.
    public var endYear: Int?

    public init(id: String, code: String, title: String, costs: [CostYear] = [], staffHoursSavedPerYear: Int? = nil,
                citizenHoursSavedPerYear: Int? = nil, businessHoursSavedPerYear: Int? = nil, endYear: Int? = nil) {
        self.id = id
        self.code = code
        self.title = title
        self.costs = costs
        self.staffHoursSavedPerYear = staffHoursSavedPerYear
        self.citizenHoursSavedPerYear = citizenHoursSavedPerYear
        self.businessHoursSavedPerYear = businessHoursSavedPerYear
        self.endYear = endYear
    }

    public var hoursSaved: HoursSaved {
        HoursSaved(staff: staffHoursSavedPerYear, citizens: citizenHoursSavedPerYear, businesses: businessHoursSavedPerYear)
    }

    /// Whether the profile says anything about hours saved.
    public var hasHours: Bool { hoursSaved.isKnown }

    /// Savings begin in the year after the project ends; without an end date, in the year after the last year
    /// with one-off costs (the system is built then); without either, at once (`firstYear`).
    public func benefitStartYear(firstYear: Int) -> Int {
        if let endYear { return endYear + 1 }
        if let lastBuild = costs.filter({ $0.oneOffCents > 0 }).map(\.year).max() { return lastBuild + 1 }
        return firstYear
    }
}

/// One year of the horizon: money as planned (exact cents) and discounted to the first year (whole cents).
public struct CostBenefitYear: Sendable, Equatable {
    public var year: Int
    public var oneOffCents: Int64
    public var runningCents: Int64
    /// The running costs of this year are the last planned year's, carried forward (the profile plans fewer years).
    public var runningCarriedForward: Bool
    /// The benefit of this year by who saves the time; `benefitCents` is its total.
    public var benefitSplit: BenefitSplit
    public var discountFactor: Double
    public var discountedCostCents: Int64
    public var discountedBenefitCents: Int64

    public init(year: Int, oneOffCents: Int64 = 0, runningCents: Int64 = 0, runningCarriedForward: Bool = false,
                benefitSplit: BenefitSplit = .zero,
                discountFactor: Double = 1, discountedCostCents: Int64 = 0, discountedBenefitCents: Int64 = 0) {
        self.year = year
        self.oneOffCents = oneOffCents
        self.runningCents = runningCents
        self.runningCarriedForward = runningCarriedForward
        self.benefitSplit = benefitSplit
        self.discountFactor = discountFactor
        self.discountedCostCents = discountedCostCents
        self.discountedBenefitCents = discountedBenefitCents
    }

    public var benefitCents: Int64 { benefitSplit.totalCents }
    public var costCents: Int64 { oneOffCents + runningCents }
    public var netCents: Int64 { benefitCents - costCents }
    public var discountedNetCents: Int64 { discountedBenefitCents - discountedCostCents }
}

/// The figures of one project, or of a portfolio, over the horizon.
public struct CostBenefitFigures: Sendable, Equatable {
    /// The horizon's years in order, every year present (zeros where nothing is planned).
    public var years: [CostBenefitYear]
    /// Whether any hours saved are known; without them the benefit is unknown, not zero.
    public var benefitKnown: Bool

    public init(years: [CostBenefitYear], benefitKnown: Bool) {
        self.years = years
        self.benefitKnown = benefitKnown
    }

    public var firstYear: Int? { years.first?.year }
    public var lastYear: Int? { years.last?.year }
    public var oneOffCents: Int64 { years.reduce(0) { $0 + $1.oneOffCents } }
    public var runningCents: Int64 { years.reduce(0) { $0 + $1.runningCents } }
    /// Total cost of ownership over the horizon: one-off plus running.
    public var totalCostCents: Int64 { oneOffCents + runningCents }
    public var benefitCents: Int64 { years.reduce(0) { $0 + $1.benefitCents } }
    /// The undiscounted benefit over the horizon by who saves the time (staff, citizens, businesses).
    public var benefitSplit: BenefitSplit { years.reduce(.zero) { $0 + $1.benefitSplit } }
    public var discountedCostCents: Int64 { years.reduce(0) { $0 + $1.discountedCostCents } }
    public var discountedBenefitCents: Int64 { years.reduce(0) { $0 + $1.discountedBenefitCents } }
    /// Net present value (Kapitalwert): discounted benefit minus discounted cost; nil without known benefit.
    public var netPresentValueCents: Int64? { benefitKnown ? discountedBenefitCents - discountedCostCents : nil }

    /// Payback period (Amortisationsdauer) in years, counting the first year of the horizon as year 1: the first
    /// year by whose end the cumulative discounted benefit covers the cumulative discounted cost. nil when that
    /// does not happen within the horizon, or when there is no benefit at all.
    public var paybackYears: Int? {
        guard benefitKnown else { return nil }
        var cost: Int64 = 0, benefit: Int64 = 0
        for (index, year) in years.enumerated() {
            cost += year.discountedCostCents
            benefit += year.discountedBenefitCents
            if benefit > 0 && benefit >= cost { return index + 1 }
        }
        return nil
    }

    /// The calendar year in which the project pays back.
    public var paybackYear: Int? { paybackYears.map { years[$0 - 1].year } }
}

/// A portfolio's cost-benefit figures (see `CostBenefitAnalysis.portfolio`).
public struct PortfolioCostBenefit: Sendable, Equatable {
    /// Every project: total cost of ownership and the yearly figures for the mid-term budget.
    public var budget: CostBenefitFigures
    /// The projects with known benefit: net present value and payback period of the portfolio.
    public var appraised: CostBenefitFigures
    public var projectCount: Int
    public var appraisedCount: Int

    public init(budget: CostBenefitFigures, appraised: CostBenefitFigures, projectCount: Int, appraisedCount: Int) {
        self.budget = budget
        self.appraised = appraised
        self.projectCount = projectCount
        self.appraisedCount = appraisedCount
    }
}

/// The cost-benefit analysis (Wirtschaftlichkeitsbetrachtung) of projects and of a portfolio, as pure functions.
///
/// - The horizon is `settings.horizonYears` calendar years from `firstYear` (usually the current budget year),
///   the same window for every project, so that projects and the portfolio can be added up and the yearly
///   figures feed the mid-term budget (mittelfristige Finanzplanung). Money planned outside it is not counted.
/// - Costs are the profile's per year: one-off (investive) and running (consumptive). Running costs do not stop
///   when the plan's years do: a horizon year after the last year with planned running costs carries that
///   year's amount forward (marked `runningCarriedForward`).
/// - Benefit is the hours saved a year times the hourly rate of staff, citizens and businesses
///   (`EconomicSettings.benefitPerYear`, the same formula as the prioritization's cost-benefit criterion), in
///   every year from `CostBenefitProject.benefitStartYear`. Hours not given are unknown: without any, there is no benefit,
///   net present value or payback period — never a made-up zero.
/// - Discounting: a year t years after `firstYear` counts with 1 / (1 + i)^t, so the first year is not discounted.
///   Each year's discounted cost and benefit are rounded to whole cents (half away from zero), and totals are
///   sums of those cents, so a table of the years adds up exactly to its total.
public enum CostBenefitAnalysis {
    public static func analyze(_ project: CostBenefitProject, settings: EconomicSettings, firstYear: Int) -> CostBenefitFigures {
        let horizon = max(1, settings.horizonYears)
        let byYear = Dictionary(project.costs.map { ($0.year, $0) }, uniquingKeysWith: { a, b in
            CostBenefitProject.CostYear(year: a.year, oneOffCents: a.oneOffCents + b.oneOffCents, runningCents: a.runningCents + b.runningCents)
        })
        let lastRunning = project.costs.filter { $0.runningCents > 0 }.max { $0.year < $1.year }
        let benefitPerYear = settings.benefitPerYear(project.hoursSaved)
        let benefitStart = project.benefitStartYear(firstYear: firstYear)

        let years = (0..<horizon).map { offset -> CostBenefitYear in
            let year = firstYear + offset
            let planned = byYear[year]
            var running = max(0, planned?.runningCents ?? 0)
            var carried = false
            if let lastRunning, year > lastRunning.year, running == 0 {
                running = byYear[lastRunning.year].map { max(0, $0.runningCents) } ?? 0
                carried = true
            }
            let oneOff = max(0, planned?.oneOffCents ?? 0)
            let benefit = year >= benefitStart ? benefitPerYear : .zero
            let factor = settings.discountFactor(yearsAhead: offset)
            return CostBenefitYear(year: year, oneOffCents: oneOff, runningCents: running, runningCarriedForward: carried,
                                   benefitSplit: benefit, discountFactor: factor,
                                   discountedCostCents: discounted(oneOff + running, factor),
                                   discountedBenefitCents: discounted(benefit.totalCents, factor))
        }
        return CostBenefitFigures(years: years, benefitKnown: project.hasHours)
    }

    /// The portfolio over the same horizon: `budget` adds up every project (the mid-term budget's figures);
    /// `appraised` adds up only the projects whose benefit is known, and gives the portfolio's net present value
    /// and payback period — a project without an estimate of hours saved would otherwise look like a pure loss.
    public static func portfolio(_ figures: [CostBenefitFigures], settings: EconomicSettings, firstYear: Int) -> PortfolioCostBenefit {
        PortfolioCostBenefit(budget: sum(figures, settings: settings, firstYear: firstYear),
                             appraised: sum(figures.filter(\.benefitKnown), settings: settings, firstYear: firstYear),
                             projectCount: figures.count, appraisedCount: figures.filter(\.benefitKnown).count)
    }

    /// Every year's figures added up (the discounted ones as the projects' rounded cents).
    public static func sum(_ figures: [CostBenefitFigures], settings: EconomicSettings, firstYear: Int) -> CostBenefitFigures {
        let horizon = max(1, settings.horizonYears)
        var years = (0..<horizon).map { offset in
            CostBenefitYear(year: firstYear + offset, discountFactor: settings.discountFactor(yearsAhead: offset))
        }
        for project in figures {
            for item in project.years {
                let index = item.year - firstYear
                guard years.indices.contains(index) else { continue }
                years[index].oneOffCents += item.oneOffCents
                years[index].runningCents += item.runningCents
                years[index].runningCarriedForward = years[index].runningCarriedForward || item.runningCarriedForward
                years[index].benefitSplit = years[index].benefitSplit + item.benefitSplit
                years[index].discountedCostCents += item.discountedCostCents
                years[index].discountedBenefitCents += item.discountedBenefitCents
            }
        }
        return CostBenefitFigures(years: years, benefitKnown: figures.contains(where: \.benefitKnown))
    }

    /// The money a year of savings is worth (exact cents).
    public static func benefitCentsPerYear(_ project: CostBenefitProject, _ settings: EconomicSettings) -> Int64 {
        settings.benefitPerYear(project.hoursSaved).totalCents
    }

    static func discounted(_ cents: Int64, _ factor: Double) -> Int64 {
        Int64((Double(cents) * factor).rounded(.toNearestOrAwayFromZero))
    }
}
