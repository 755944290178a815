import Foundation

/// Values on a criterion's 0–4 scale derived from the project profile, for the criteria whose source is not a
/// rating. The thresholds are the anchors of the default catalog (`DefaultCriteriaCatalog`), so a derived value
/// reads the same as a rated one:
///
/// - legal obligation: 0 none; 2 an obligation without a deadline; 3 with a deadline more than two years after
///   the reference day; 4 with a deadline within two years, already passed, or (without a reference day) any
///   deadline. Level 1 (a council resolution, a funding condition) is not in the profile and only used when a
///   catalog rates the criterion by hand.
/// - cost-benefit: r = (benefit per year × H years) / (one-off costs + H × running costs per year), where the
///   benefit per year is the hours saved by staff, citizens and businesses times the municipality's hourly rate
///   for each (`EconomicSettings.benefitPerYear`, the same money as the cost-benefit analysis) and H is the
///   municipality's horizon (`EconomicSettings.horizonYears`, by default 5); 0 below 0.5, 1 from 0.5, 2 from 1
///   (pays for itself), 3 from 2, 4 from 4 — or savings at no cost.
/// - dependents (basic component): 0 none, 1 one project, 2 two, 3 three or four, 4 five or more.
public enum DerivedCriterionValue {
    public struct ProfileFacts: Sendable, Equatable {
        public var legalObligation: Bool
        /// ISO date (YYYY-MM-DD) or nil.
        public var legalDeadline: String?
        /// Hours saved a year by the administration's staff.
        public var hoursSavedPerYear: Int?
        public var citizenHoursSavedPerYear: Int?
        public var businessHoursSavedPerYear: Int?
        public var oneOffCents: Int64
        public var runningCentsPerYear: Int64
        /// Projects in scope that depend on this one.
        public var dependentCount: Int
        /// ISO date the deadline is measured from (usually the day a round opens); nil counts every deadline as near.
        public var asOf: String?

        public init(legalObligation: Bool = false, legalDeadline: String? = nil, hoursSavedPerYear: Int? = nil,
                    citizenHoursSavedPerYear: Int? = nil, businessHoursSavedPerYear: Int? = nil,
                    oneOffCents: Int64 = 0, runningCentsPerYear: Int64 = 0, dependentCount: Int = 0, asOf: String? = nil) {
            self.legalObligation = legalObligation
            self.legalDeadline = legalDeadline
            self.hoursSavedPerYear = hoursSavedPerYear
            self.citizenHoursSavedPerYear = citizenHoursSavedPerYear
            self.businessHoursSavedPerYear = businessHoursSavedPerYear
            self.oneOffCents = oneOffCents
            self.runningCentsPerYear = runningCentsPerYear
            self.dependentCount = dependentCount
            self.asOf = asOf
        }

        public var hoursSaved: HoursSaved {
            HoursSaved(staff: hoursSavedPerYear, citizens: citizenHoursSavedPerYear, businesses: businessHoursSavedPerYear)
        }
    }

    /// 60 € per staff hour: the rounded full cost of an office workplace in the middle pay grades (TVöD E 9 to
    /// E 11: salary and employer's contributions, plus material and overhead costs per workplace, over about 1,600
    /// productive hours a year), in the range of the KGSt report "Kosten eines Arbeitsplatzes" that German
    /// municipalities use for such calculations. The default of `EconomicSettings.staffHourlyRateCents`; a
    /// municipality with its own rates passes its settings to `value(for:facts:economics:)`.
    public static let hourlyRateCents: Int64 = 6_000

    /// Costs and savings are compared over this many years unless the municipality sets its own horizon
    /// (`EconomicSettings.horizonYears`, whose default this is): long enough for running costs to count, short
    /// enough for software that is replaced after five to eight years.
    public static let horizonYears = 5

    /// Cost-benefit ratio thresholds for levels 1, 2, 3 and 4.
    public static let costBenefitThresholds: [Double] = [0.5, 1, 2, 4]

    /// A deadline at most this many months after the reference day is "near" (level 4).
    public static let nearDeadlineMonths = 24

    /// nil when the profile does not say enough (e.g. no hours saved and no costs) — never invent a number.
    public static func value(for source: CriterionSource, facts: ProfileFacts) -> Int? {
        value(for: source, facts: facts, economics: .defaults)
    }

    /// With the default settings except for the staff rate.
    public static func value(for source: CriterionSource, facts: ProfileFacts, hourlyRateCents: Int64) -> Int? {
        value(for: source, facts: facts, economics: EconomicSettings(staffHourlyRateCents: hourlyRateCents))
    }

    /// `economics`: the municipality's hourly rates and horizon, for the cost-benefit criterion.
    public static func value(for source: CriterionSource, facts: ProfileFacts, economics: EconomicSettings) -> Int? {
        switch source {
        case .rating: return nil
        case .legalObligation: return legalLevel(facts)
        case .costBenefit: return costBenefitRatio(facts, economics: economics).map(costBenefitLevel)
        case .dependents:
            switch max(0, facts.dependentCount) {
            case 0: return 0
            case 1: return 1
            case 2: return 2
            case 3...4: return 3
            default: return 4
            }
        }
    }

    /// With the default settings except for the staff rate.
    public static func costBenefitRatio(_ facts: ProfileFacts, hourlyRateCents: Int64) -> Double? {
        costBenefitRatio(facts, economics: EconomicSettings(staffHourlyRateCents: hourlyRateCents))
    }

    /// Benefit over cost over the horizon; `.infinity` for savings without costs; nil when either side is unknown
    /// or both are zero. Hours that are not given are unknown, not zero: a profile that leaves all three groups
    /// empty gets no value rather than the worst; a group left empty adds nothing.
    public static func costBenefitRatio(_ facts: ProfileFacts, economics: EconomicSettings = .defaults) -> Double? {
        guard facts.hoursSaved.isKnown else { return nil }
        let years = Double(max(1, economics.horizonYears))
        let benefit = Double(economics.benefitPerYear(facts.hoursSaved).totalCents) * years
        let cost = Double(max(0, facts.oneOffCents)) + Double(max(0, facts.runningCentsPerYear)) * years
        if cost == 0 { return benefit > 0 ? .infinity : nil }
        return benefit / cost
    }

    static func costBenefitLevel(_ ratio: Double) -> Int {
        costBenefitThresholds.filter { ratio >= $0 }.count
    }

    static func legalLevel(_ facts: ProfileFacts) -> Int {
        guard facts.legalObligation else { return 0 }
        guard let deadline = facts.legalDeadline.flatMap({ CalendarDay(iso: $0) }) else { return 2 }
        guard let reference = facts.asOf.flatMap({ CalendarDay(iso: $0) }) else { return 4 }
        return deadline <= adding(months: nearDeadlineMonths, to: reference) ? 4 : 3
    }

    /// The same day `months` later, clamped to the month's end (29 Feb + 24 months = 28 Feb); past the last
    /// representable year every deadline is near.
    static func adding(months: Int, to start: CalendarDay) -> CalendarDay {
        let index = start.year * 12 + (start.month - 1) + months
        let year = index / 12, month = index % 12 + 1
        let day = min(start.day, CalendarDay.daysInMonth(year: year, month: month))
        return CalendarDay(year: year, month: month, day: day)
            ?? CalendarDay(year: CalendarDay.validYears.upperBound, month: 12, day: 31)!
    }
}
