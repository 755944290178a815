import FahrplanCore
import Foundation
import Testing

/// Hours saved by staff, citizens and businesses: the profile fields, and how the cost-benefit analysis and the
/// prioritization's cost-benefit criterion price them with the municipality's settings. Every expected number is
/// worked out by hand in the comments.
@Suite("Hours saved by staff, citizens and businesses: profile fields, one benefit formula, the settings' horizon")
struct BenefitHoursTests {
    /// 60 € staff, 25 € citizens, 40 € businesses (the defaults), 10 % interest, three years.
    static let threeYears = EconomicSettings(staffHourlyRateCents: 6_000, citizenHourlyRateCents: 2_500, businessHourlyRateCents: 4_000,
                                             interestBasisPoints: 1_000, horizonYears: 3)
    /// 100 h × 60 € = 6.000 €, 200 h × 25 € = 5.000 €, 50 h × 40 € = 2.000 €: 13.000 € a year.
    static let hours = HoursSaved(staff: 100, citizens: 200, businesses: 50)

    @Test("a year of savings is each group's hours times its rate; a group not given adds nothing")
    func benefitPerYear() {
        #expect(Self.threeYears.benefitPerYear(Self.hours) == BenefitSplit(staffCents: 600_000, citizenCents: 500_000, businessCents: 200_000))
        #expect(Self.threeYears.benefitPerYear(Self.hours).totalCents == 1_300_000)
        #expect(Self.threeYears.benefitPerYear(HoursSaved(citizens: 200)).totalCents == 500_000)
        #expect(Self.threeYears.benefitPerYear(HoursSaved(staff: -5, businesses: 1)).totalCents == 4_000)
        #expect(!HoursSaved().isKnown && HoursSaved(businesses: 0).isKnown)
    }

    @Test("the analysis counts citizens' and businesses' hours and splits the benefit by group")
    func analysisSplitsBenefit() throws {
        // 20.000 € built in 2027 (end 2027): savings from 2028. Benefit 2028 13.000 € / 1,1 = 11.818,18 €
        // (1.181.818 cents), 2029 13.000 € / 1,21 = 10.743,80 € (1.074.380 cents): 2.256.198 cents against
        // 2.000.000 cents of cost, NPV 256.198 cents; covered only by the end of the third year (2029).
        let project = CostBenefitProject(id: "1", code: "P-1", title: "Portal", costs: [.init(year: 2027, oneOffCents: 2_000_000)],
                                         staffHoursSavedPerYear: 100, citizenHoursSavedPerYear: 200, businessHoursSavedPerYear: 50,
                                         endYear: 2027)
        let figures = CostBenefitAnalysis.analyze(project, settings: Self.threeYears, firstYear: 2027)
        #expect(figures.years.map(\.benefitCents) == [0, 1_300_000, 1_300_000])
        #expect(figures.years.map(\.discountedBenefitCents) == [0, 1_181_818, 1_074_380])
        #expect(figures.netPresentValueCents == 256_198)
        #expect(figures.paybackYears == 3 && figures.paybackYear == 2029)
        #expect(figures.benefitSplit == BenefitSplit(staffCents: 1_200_000, citizenCents: 1_000_000, businessCents: 400_000))
        #expect(figures.years[1].benefitSplit == BenefitSplit(staffCents: 600_000, citizenCents: 500_000, businessCents: 200_000))

        // Only citizens' hours: the benefit is known (not "unknown") and is theirs alone: 2 × 5.000 €.
        let citizensOnly = CostBenefitProject(id: "2", code: "P-2", title: "Termine", citizenHoursSavedPerYear: 200, endYear: 2027)
        let theirs = CostBenefitAnalysis.analyze(citizensOnly, settings: Self.threeYears, firstYear: 2027)
        #expect(theirs.benefitKnown && theirs.benefitSplit == BenefitSplit(citizenCents: 1_000_000))

        // The portfolio adds the splits: 1.200.000 + 0 staff, 1.000.000 + 1.000.000 citizens, 400.000 businesses.
        let total = CostBenefitAnalysis.portfolio([figures, theirs], settings: Self.threeYears, firstYear: 2027)
        #expect(total.budget.benefitSplit == BenefitSplit(staffCents: 1_200_000, citizenCents: 2_000_000, businessCents: 400_000))
        #expect(total.budget.benefitCents == 3_600_000)
    }

    /// One-off 20.000 €, running 1.000 € a year.
    static func facts(staff: Int? = 100, citizens: Int? = 200, businesses: Int? = 50) -> DerivedCriterionValue.ProfileFacts {
        DerivedCriterionValue.ProfileFacts(hoursSavedPerYear: staff, citizenHoursSavedPerYear: citizens, businessHoursSavedPerYear: businesses,
                                           oneOffCents: 2_000_000, runningCentsPerYear: 100_000)
    }

    @Test("the criterion prices all three groups with the municipality's rates, over the municipality's horizon")
    func criterionUsesSettings() {
        let fiveYears = EconomicSettings()
        // 5 years: 13.000 € × 5 = 65.000 € against 20.000 € + 5 × 1.000 € = 25.000 €: 2,6 → level 3.
        #expect(DerivedCriterionValue.costBenefitRatio(Self.facts(), economics: fiveYears) == 2.6)
        #expect(DerivedCriterionValue.value(for: .costBenefit, facts: Self.facts(), economics: fiveYears) == 3)
        // Staff hours alone: 6.000 € × 5 = 30.000 € against 25.000 €: 1,2 → level 2 (what the criterion gave before).
        #expect(DerivedCriterionValue.costBenefitRatio(Self.facts(citizens: nil, businesses: nil), economics: fiveYears) == 1.2)
        #expect(DerivedCriterionValue.value(for: .costBenefit, facts: Self.facts(citizens: nil, businesses: nil), economics: fiveYears) == 2)
        // 3 years: 39.000 € against 23.000 €: 39/23 ≈ 1,70 → level 2.
        #expect(DerivedCriterionValue.costBenefitRatio(Self.facts(), economics: Self.threeYears) == 39.0 / 23.0)
        #expect(DerivedCriterionValue.value(for: .costBenefit, facts: Self.facts(), economics: Self.threeYears) == 2)
        // 10 years: 130.000 € against 30.000 €: 4,33 → level 4.
        let tenYears = EconomicSettings(horizonYears: 10)
        #expect(DerivedCriterionValue.value(for: .costBenefit, facts: Self.facts(), economics: tenYears) == 4)
        // Citizens alone at 25 €: 5.000 € × 5 = 25.000 € against 25.000 €: exactly 1 → level 2; rate 0 → 0 → level 0.
        #expect(DerivedCriterionValue.costBenefitRatio(Self.facts(staff: nil, businesses: nil), economics: fiveYears) == 1)
        #expect(DerivedCriterionValue.value(for: .costBenefit, facts: Self.facts(staff: nil, businesses: nil),
                                            economics: EconomicSettings(citizenHourlyRateCents: 0)) == 0)
        // No hours at all: unknown, never the worst level.
        #expect(DerivedCriterionValue.value(for: .costBenefit, facts: Self.facts(staff: nil, citizens: nil, businesses: nil), economics: fiveYears) == nil)
    }

    @Test("a round's ranking inputs use the settings passed in: citizens' hours and the horizon count")
    func roundInputsUseSettings() {
        let project = RoundProjectFacts(id: UUID(), code: "P-1", citizenHoursSavedPerYear: 200, oneOffCents: 2_000_000,
                                        runningCentsByYear: [100_000, 100_000])
        let criterion = Criterion(key: "cost", name: "cost", levels: (0...4).map { ScaleLevel(value: $0, label: "\($0)") }, source: .costBenefit)
        func level(_ economics: EconomicSettings) -> Double? {
            RoundRankingInputs.assemble(projects: [project], criteria: [criterion], ratings: [], aggregation: .mean, openedOn: nil,
                                        economics: economics).rankingProjects.first?.values["cost"]
        }
        // 5.000 € a year: 5 years 25.000 € / 25.000 € = 1 → 2; 30 years 150.000 € / 50.000 € = 3 → 3.
        #expect(level(EconomicSettings()) == 2)
        #expect(level(EconomicSettings(horizonYears: 30)) == 3)
    }

    @Test("the profile checks citizens' and businesses' hours like the staff hours and names the field")
    func validation() throws {
        let good = try ProjectInput(title: "Portal", departmentID: "33", hoursSavedPerYear: "900", citizenHoursSavedPerYear: "2.500",
                                    businessHoursSavedPerYear: "0").validated()
        #expect(good.hoursSavedPerYear == 900 && good.citizenHoursSavedPerYear == 2_500 && good.businessHoursSavedPerYear == 0)
        let empty = try ProjectInput(title: "Portal", departmentID: "33").validated()
        #expect(empty.citizenHoursSavedPerYear == nil && empty.businessHoursSavedPerYear == nil)
        for (citizens, businesses, expected) in [
            ("-5", "viele", [FieldProblem("citizenHoursSavedPerYear", .outOfRange(min: 0, max: 10_000_000)),
                             FieldProblem("businessHoursSavedPerYear", .notANumber)]),
            ("10.000.001", "1,5", [FieldProblem("citizenHoursSavedPerYear", .outOfRange(min: 0, max: 10_000_000)),
                                   FieldProblem("businessHoursSavedPerYear", .notANumber)]),
        ] {
            #expect(throws: ValidationFailure(expected)) {
                try ProjectInput(title: "Portal", departmentID: "33", citizenHoursSavedPerYear: citizens,
                                 businessHoursSavedPerYear: businesses).validated()
            }
        }
    }

    @Test("the spreadsheet reads the three hour columns by their German and English names, and names a bad cell's column")
    func spreadsheet() throws {
        let german = ProjectSpreadsheet.read(bytes: Data("""
            Titel;Fachdienst;Eingesparte Stunden pro Jahr;Eingesparte Stunden Bürger pro Jahr;Eingesparte Stunden Unternehmen pro Jahr
            Portal;33;1.200;2.500;40

            """.utf8), currentYear: 2026)
        let values = try #require(german.rows.first).input
        #expect(values.hoursSavedPerYear == "1200" || values.hoursSavedPerYear == "1.200")
        let checked = try values.validated()
        #expect(checked.hoursSavedPerYear == 1_200 && checked.citizenHoursSavedPerYear == 2_500 && checked.businessHoursSavedPerYear == 40)

        let english = ProjectSpreadsheet.read(bytes: Data("""
            Title;Department;Staff hours saved per year;Citizens' hours saved per year;Businesses' hours saved per year
            Portal;33;-1;viele;20000000

            """.utf8), currentYear: 2026)
        var row = try #require(english.rows.first)
        do { _ = try row.input.validated() } catch let failure as ValidationFailure { row.add(failure.problems) }
        let found = Set(row.problems.map { "\($0.column ?? "-")|\($0.code)" })
        #expect(found == ["Staff hours saved per year|field.out_of_range", "Citizens' hours saved per year|field.not_a_number",
                          "Businesses' hours saved per year|field.out_of_range"], "\(found)")
    }
}
