import Foundation

/// A municipality's figures for economic-efficiency calculations (Wirtschaftlichkeitsbetrachtung): what an hour
/// saved is worth for its staff, its citizens and its businesses, the interest rate that discounts future money,
/// and how many years a cost-benefit analysis looks ahead. The prioritization's cost-benefit criterion uses the
/// staff rate (`DerivedCriterionValue`), the cost-benefit analysis (`CostBenefitAnalysis`) uses all of them.
///
/// Money is in cents and the interest rate in hundredths of a percent (basis points), as whole numbers, so that
/// nothing is rounded on the way into or out of the database.
public struct EconomicSettings: Sendable, Equatable, Codable {
    public var staffHourlyRateCents: Int64
    public var citizenHourlyRateCents: Int64
    public var businessHourlyRateCents: Int64
    /// 250 = 2,5 % a year.
    public var interestBasisPoints: Int
    public var horizonYears: Int

    public init(staffHourlyRateCents: Int64 = Self.defaultStaffHourlyRateCents,
                citizenHourlyRateCents: Int64 = Self.defaultCitizenHourlyRateCents,
                businessHourlyRateCents: Int64 = Self.defaultBusinessHourlyRateCents,
                interestBasisPoints: Int = Self.defaultInterestBasisPoints,
                horizonYears: Int = Self.defaultHorizonYears) {
        self.staffHourlyRateCents = staffHourlyRateCents
        self.citizenHourlyRateCents = citizenHourlyRateCents
        self.businessHourlyRateCents = businessHourlyRateCents
        self.interestBasisPoints = interestBasisPoints
        self.horizonYears = horizonYears
    }

    /// What a municipality works with until its strategy team enters its own figures.
    public static let defaults = EconomicSettings()

    /// 60 € per staff hour: the full cost of an office workplace in the middle pay grades, as documented at
    /// `DerivedCriterionValue.hourlyRateCents` (KGSt "Kosten eines Arbeitsplatzes" range).
    public static let defaultStaffHourlyRateCents: Int64 = DerivedCriterionValue.hourlyRateCents

    /// 25 € per hour of a citizen's time: about the average gross hourly earnings of employees in Germany
    /// (Statistisches Bundesamt, Verdiensterhebung, mid-2020s), i.e. an hour valued at what an hour of work
    /// earns. The federal guideline on compliance costs (Leitfaden zur Ermittlung des Erfüllungsaufwands) reports
    /// citizens' time in hours without pricing it; a municipality that wants to count only money it spends
    /// itself sets this rate to 0.
    public static let defaultCitizenHourlyRateCents: Int64 = 2_500

    /// 40 € per hour of a business's time: rounded from the labour costs per hour worked in the German private
    /// sector that the Statistisches Bundesamt publishes (a little over 40 € in 2023), the basis the federal
    /// compliance-cost method (Lohnkostentabelle Wirtschaft) uses for businesses' time.
    public static let defaultBusinessHourlyRateCents: Int64 = 4_000

    /// 2,5 % a year: a round value in the range of the nominal average rate (Durchschnittszinssatz) that the
    /// Federal Ministry of Finance publishes by circular for economic-efficiency studies ("Personalkosten,
    /// Sachkosten und Kalkulationszinssätze … für Wirtschaftlichkeitsuntersuchungen", Arbeitsanleitung
    /// Einführung in Wirtschaftlichkeitsuntersuchungen, section B, VII). It is not a copy of one year's circular:
    /// the strategy team should enter the rate of the current one.
    public static let defaultInterestBasisPoints = 250

    /// Five years, the horizon of the prioritization's cost-benefit criterion (`DerivedCriterionValue.horizonYears`)
    /// and of a mid-term budget (budget year plus four planning years).
    public static let defaultHorizonYears = DerivedCriterionValue.horizonYears

    // MARK: limits

    /// Hourly rates from 0 to 1.000 €: beyond that a figure is a typing mistake, not a rate.
    public static let maxHourlyRateCents: Int64 = 100_000
    /// 0 to 15 % a year: no public investment appraisal discounts at more.
    public static let maxInterestBasisPoints = 1_500
    public static let horizonRange = 1...30

    /// The interest rate as a fraction (0.025 for 2,5 %).
    public var interestRate: Double { Double(interestBasisPoints) / 10_000 }

    /// What one euro `yearsAhead` years after the base year is worth in the base year: 1 / (1 + i)^t.
    public func discountFactor(yearsAhead: Int) -> Double {
        1 / pow(1 + interestRate, Double(yearsAhead))
    }

    /// Everything out of range, named as the JSON API names the fields (`staffHourlyRateCents`, …).
    public func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let rateRange = 0...Int(Self.maxHourlyRateCents)
        for (field, value) in [("staffHourlyRateCents", staffHourlyRateCents), ("citizenHourlyRateCents", citizenHourlyRateCents),
                               ("businessHourlyRateCents", businessHourlyRateCents)] {
            if value < 0 { problems.append(FieldProblem(field, .negative)) }
            else if value > Self.maxHourlyRateCents {
                problems.append(FieldProblem(field, .outOfRange(min: rateRange.lowerBound, max: rateRange.upperBound)))
            }
        }
        if interestBasisPoints < 0 { problems.append(FieldProblem("interestBasisPoints", .negative)) }
        else if interestBasisPoints > Self.maxInterestBasisPoints {
            problems.append(FieldProblem("interestBasisPoints", .outOfRange(min: 0, max: Self.maxInterestBasisPoints)))
        }
        if !Self.horizonRange.contains(horizonYears) {
            problems.append(FieldProblem("horizonYears", .outOfRange(min: Self.horizonRange.lowerBound, max: Self.horizonRange.upperBound)))
        }
        return problems
    }

    public func validated() throws -> EconomicSettings {
        let problems = problems()
        if !problems.isEmpty { throw ValidationFailure(problems) }
        return self
    }
}

/// The settings form as people type it: rates in euros (`60`, `62,50 €`), the interest rate in percent (`2,5`),
/// the horizon in whole years. Problems are named by the form's fields.
public struct EconomicSettingsForm: Sendable, Equatable {
    public var staffHourlyRate: String?
    public var citizenHourlyRate: String?
    public var businessHourlyRate: String?
    public var interestRate: String?
    public var horizonYears: String?

    public init(staffHourlyRate: String? = nil, citizenHourlyRate: String? = nil, businessHourlyRate: String? = nil,
                interestRate: String? = nil, horizonYears: String? = nil) {
        self.staffHourlyRate = staffHourlyRate
        self.citizenHourlyRate = citizenHourlyRate
        self.businessHourlyRate = businessHourlyRate
        self.interestRate = interestRate
        self.horizonYears = horizonYears
    }

    /// The stored settings written the way the form shows them (German decimal comma).
    public init(_ settings: EconomicSettings) {
        staffHourlyRate = LocaleNumber.german(cents: settings.staffHourlyRateCents)
        citizenHourlyRate = LocaleNumber.german(cents: settings.citizenHourlyRateCents)
        businessHourlyRate = LocaleNumber.german(cents: settings.businessHourlyRateCents)
        interestRate = LocaleNumber.german(cents: Int64(settings.interestBasisPoints))
        horizonYears = String(settings.horizonYears)
    }

    public func validated() throws -> EconomicSettings {
        var problems: [FieldProblem] = []
        func hundredths(_ field: String, _ raw: String?, max: Int, percent: Bool = false) -> Int64? {
            // "2,5 %" is how a rate is written; the sign adds nothing.
            let raw = percent ? raw?.replacingOccurrences(of: "%", with: "") : raw
            guard let text = CleanText.normalize(raw, multiline: false) else {
                problems.append(FieldProblem(field, .required))
                return nil
            }
            do throws(LocaleNumberError) {
                let value = try LocaleNumber.cents(text)
                guard value <= Int64(max) * 100 else {
                    problems.append(FieldProblem(field, .outOfRange(min: 0, max: max)))
                    return nil
                }
                return value
            } catch {
                switch error {
                case .negative: problems.append(FieldProblem(field, .negative))
                case .tooPrecise: problems.append(FieldProblem(field, .tooPrecise(decimals: 2)))
                case .tooLarge: problems.append(FieldProblem(field, .outOfRange(min: 0, max: max)))
                case .empty: problems.append(FieldProblem(field, .required))
                case .notANumber: problems.append(FieldProblem(field, .notADecimal))
                }
                return nil
            }
        }
        let maxRate = Int(EconomicSettings.maxHourlyRateCents / 100)
        let staff = hundredths("staffHourlyRate", staffHourlyRate, max: maxRate)
        let citizens = hundredths("citizenHourlyRate", citizenHourlyRate, max: maxRate)
        let businesses = hundredths("businessHourlyRate", businessHourlyRate, max: maxRate)
        let interest = hundredths("interestRate", interestRate, max: EconomicSettings.maxInterestBasisPoints / 100, percent: true)
        var validator = Validator()
        let horizon = validator.integer("horizonYears", horizonYears, required: true, range: EconomicSettings.horizonRange)
        problems += validator.problems
        guard problems.isEmpty, let staff, let citizens, let businesses, let interest, let horizon else {
            throw ValidationFailure(problems)
        }
        return EconomicSettings(staffHourlyRateCents: staff, citizenHourlyRateCents: citizens, businessHourlyRateCents: businesses,
                                interestBasisPoints: Int(interest), horizonYears: horizon)
    }
}
