import Foundation
@testable import FahrplanCore
import Testing

@Suite("CostBenefitAnalysis: cost of ownership, benefit, net present value and payback over the horizon")
struct CostBenefitAnalysisTests {
    typealias Cost = CostBenefitProject.CostYear

    /// 60 €/h staff, 25 €/h citizens, 40 €/h businesses, 10 % interest (round discount factors), 5 years.
    static let tenPercent = EconomicSettings(staffHourlyRateCents: 6_000, citizenHourlyRateCents: 2_500, businessHourlyRateCents: 4_000,
                                             interestBasisPoints: 1_000, horizonYears: 5)
    static let noInterest = EconomicSettings(interestBasisPoints: 0, horizonYears: 5)

    /// Built in 2026 for 30.000 €, running 5.000 € a year planned for 2027 and 2028, saves 200 staff hours a year.
    static let bauakte = CostBenefitProject(id: "1", code: "P-01", title: "Digitale Bauakte",
                                            costs: [Cost(year: 2026, oneOffCents: 3_000_000), Cost(year: 2027, runningCents: 500_000),
                                                    Cost(year: 2028, runningCents: 500_000)],
                                            staffHoursSavedPerYear: 200)

    @Test("without interest: costs per year with running costs carried forward, benefit from the year after the build")
    func undiscounted() {
        let figures = CostBenefitAnalysis.analyze(Self.bauakte, settings: Self.noInterest, firstYear: 2026)
        #expect(figures.years.map(\.year) == [2026, 2027, 2028, 2029, 2030])
        #expect(figures.years.map(\.oneOffCents) == [3_000_000, 0, 0, 0, 0])
        #expect(figures.years.map(\.runningCents) == [0, 500_000, 500_000, 500_000, 500_000])
        #expect(figures.years.map(\.runningCarriedForward) == [false, false, false, true, true])
        // 200 h × 60 € = 12.000 € a year, from 2027 (the last year with one-off costs is 2026).
        #expect(figures.years.map(\.benefitCents) == [0, 1_200_000, 1_200_000, 1_200_000, 1_200_000])
        #expect(figures.totalCostCents == 5_000_000)          // 30.000 + 4 × 5.000
        #expect(figures.benefitCents == 4_800_000)            // 4 × 12.000
        #expect(figures.netPresentValueCents == -200_000)     // 48.000 − 50.000
        #expect(figures.paybackYears == nil)                  // 2030: 48.000 < 50.000
    }

    @Test("with 10 % interest: each year discounted by 1/1.1^t and rounded to cents, payback counted in years")
    func discounted() {
        var project = Self.bauakte
        project.staffHoursSavedPerYear = 400                  // 24.000 € a year
        let figures = CostBenefitAnalysis.analyze(project, settings: Self.tenPercent, firstYear: 2026)
        // Costs: 30.000; 5.000/1,1 = 4.545,45; 5.000/1,21 = 4.132,23; 5.000/1,331 = 3.756,57; 5.000/1,4641 = 3.415,07
        #expect(figures.years.map(\.discountedCostCents) == [3_000_000, 454_545, 413_223, 375_657, 341_507])
        // Benefit: 24.000/1,1 = 21.818,18; /1,21 = 19.834,71; /1,331 = 18.031,56; /1,4641 = 16.392,32
        #expect(figures.years.map(\.discountedBenefitCents) == [0, 2_181_818, 1_983_471, 1_803_156, 1_639_232])
        #expect(figures.discountedCostCents == 4_584_932)
        #expect(figures.discountedBenefitCents == 7_607_677)
        #expect(figures.netPresentValueCents == 3_022_745)
        // Cumulative: 2027 cost 34.545,45 vs benefit 21.818,18; 2028 38.677,68 vs 41.652,89 → year 3.
        #expect(figures.paybackYears == 3)
        #expect(figures.paybackYear == 2028)
    }

    @Test("staff, citizen and business hours each count with their rate; the end date decides when savings begin")
    func ratesAndEndYear() {
        let project = CostBenefitProject(id: "2", code: "P-02", title: "Online-Antrag", costs: [Cost(year: 2026, oneOffCents: 100_000)],
                                         staffHoursSavedPerYear: 10, citizenHoursSavedPerYear: 100, businessHoursSavedPerYear: 20, endYear: 2027)
        // 10 × 60 + 100 × 25 + 20 × 40 = 600 + 2.500 + 800 = 3.900 € a year
        #expect(CostBenefitAnalysis.benefitCentsPerYear(project, Self.tenPercent) == 390_000)
        let figures = CostBenefitAnalysis.analyze(project, settings: Self.noInterest, firstYear: 2026)
        #expect(figures.years.map(\.benefitCents) == [0, 0, 390_000, 390_000, 390_000])
        #expect(figures.paybackYears == 3)
    }

    @Test("no hours given: the benefit is unknown, so there is no net present value and no payback — costs still count")
    func unknownBenefit() {
        var project = Self.bauakte
        project.staffHoursSavedPerYear = nil
        let figures = CostBenefitAnalysis.analyze(project, settings: Self.tenPercent, firstYear: 2026)
        #expect(!figures.benefitKnown)
        #expect(figures.netPresentValueCents == nil)
        #expect(figures.paybackYears == nil)
        #expect(figures.totalCostCents == 5_000_000)
    }

    @Test("savings without costs pay back in the first year with benefit; costs outside the horizon are not counted")
    func edges() {
        let free = CostBenefitProject(id: "3", code: "P-03", title: "Formular", staffHoursSavedPerYear: 5)
        let figures = CostBenefitAnalysis.analyze(free, settings: Self.noInterest, firstYear: 2026)
        #expect(figures.paybackYears == 1)
        #expect(figures.benefitCents == 5 * 5 * 6_000)
        let late = CostBenefitProject(id: "4", code: "P-04", title: "Später", costs: [Cost(year: 2024, oneOffCents: 9_999), Cost(year: 2031, oneOffCents: 1)])
        let window = CostBenefitAnalysis.analyze(late, settings: Self.noInterest, firstYear: 2026)
        #expect(window.totalCostCents == 0)
    }

    @Test("the portfolio adds every project for the budget, and only projects with known benefit for NPV and payback")
    func portfolio() {
        var unknown = Self.bauakte
        unknown.staffHoursSavedPerYear = nil
        var good = Self.bauakte
        good.staffHoursSavedPerYear = 400
        let figures = [good, unknown].map { CostBenefitAnalysis.analyze($0, settings: Self.tenPercent, firstYear: 2026) }
        let portfolio = CostBenefitAnalysis.portfolio(figures, settings: Self.tenPercent, firstYear: 2026)
        #expect(portfolio.projectCount == 2 && portfolio.appraisedCount == 1)
        #expect(portfolio.budget.totalCostCents == 10_000_000)
        #expect(portfolio.budget.years.map(\.oneOffCents) == [6_000_000, 0, 0, 0, 0])
        #expect(portfolio.appraised.netPresentValueCents == 3_022_745)
        #expect(portfolio.appraised.paybackYears == 3)
    }

    @Test("the mid-term budget table: three lines per project and the totals, German numbers, unknown benefit empty")
    func budgetTable() {
        var unknown = Self.bauakte
        unknown.staffHoursSavedPerYear = nil
        let settings = EconomicSettings(interestBasisPoints: 0, horizonYears: 3)
        let a = CostBenefitAnalysis.analyze(Self.bauakte, settings: settings, firstYear: 2026)
        let b = CostBenefitAnalysis.analyze(unknown, settings: settings, firstYear: 2026)
        let total = CostBenefitAnalysis.portfolio([a, b], settings: settings, firstYear: 2026).budget
        let rows = MidTermBudget.rows([.init(code: "P-01", title: "Digitale Bauakte", status: "Freigegeben", figures: a),
                                       .init(code: "P-02", title: "Ohne Nutzen", status: "Idee", figures: b)], total: total, english: false)
        #expect(rows[0] == ["Kennung", "Titel", "Status", "Kostenart", "2026", "2027", "2028", "Summe"])
        #expect(rows[1] == ["P-01", "Digitale Bauakte", "Freigegeben", "Investiv (einmalig)", "30000,00", "0,00", "0,00", "30000,00"])
        #expect(rows[2] == ["P-01", "Digitale Bauakte", "Freigegeben", "Konsumtiv (laufend)", "0,00", "5000,00", "5000,00", "10000,00"])
        #expect(rows[3] == ["P-01", "Digitale Bauakte", "Freigegeben", "Nutzen (eingesparte Stunden, monetarisiert)", "0,00", "12000,00", "12000,00", "24000,00"])
        #expect(rows[6] == ["P-02", "Ohne Nutzen", "Idee", "Nutzen (eingesparte Stunden, monetarisiert)", "", "", "", ""])
        #expect(rows[7] == ["", "Summe Portfolio", "", "Investiv (einmalig)", "60000,00", "0,00", "0,00", "60000,00"])
        #expect(rows.count == 1 + 2 * 3 + 3)
        #expect(MidTermBudget.amount(-5, english: true) == "-0.05")
    }
}

@Suite("EconomicSettings: defaults, limits, and the settings form")
struct EconomicSettingsTests {
    @Test("defaults: 60 € staff as the derived criterion, 25 € citizens, 40 € businesses, 2,5 %, 5 years")
    func defaults() {
        let settings = EconomicSettings.defaults
        #expect(settings.staffHourlyRateCents == DerivedCriterionValue.hourlyRateCents)
        #expect(settings.citizenHourlyRateCents == 2_500 && settings.businessHourlyRateCents == 4_000)
        #expect(settings.interestBasisPoints == 250 && settings.horizonYears == 5)
        #expect(settings.problems().isEmpty)
        #expect(abs(settings.discountFactor(yearsAhead: 2) - 1 / (1.025 * 1.025)) < 1e-12)
    }

    @Test("the API's values out of range are named by their fields")
    func apiProblems() {
        let bad = EconomicSettings(staffHourlyRateCents: -1, citizenHourlyRateCents: 100_001, businessHourlyRateCents: 0,
                                   interestBasisPoints: 20_000, horizonYears: 0)
        #expect(bad.problems().map(\.field) == ["staffHourlyRateCents", "citizenHourlyRateCents", "interestBasisPoints", "horizonYears"])
        #expect(bad.problems().first?.kind == .negative)
        #expect(throws: ValidationFailure.self) { try bad.validated() }
    }

    @Test("the form takes German numbers, euros and percent signs")
    func form() throws {
        let form = EconomicSettingsForm(staffHourlyRate: "62,50 €", citizenHourlyRate: "0", businessHourlyRate: "1.000",
                                        interestRate: "2,75 %", horizonYears: "10")
        #expect(try form.validated() == EconomicSettings(staffHourlyRateCents: 6_250, citizenHourlyRateCents: 0, businessHourlyRateCents: 100_000,
                                                         interestBasisPoints: 275, horizonYears: 10))
        #expect(EconomicSettingsForm(.defaults) == EconomicSettingsForm(staffHourlyRate: "60", citizenHourlyRate: "25", businessHourlyRate: "40",
                                                                        interestRate: "2,50", horizonYears: "5"))
    }

    @Test("bad form input: negative, 200 %, text, too precise, blank — every field named, nothing returned")
    func badForm() {
        let form = EconomicSettingsForm(staffHourlyRate: "-5", citizenHourlyRate: "viel", businessHourlyRate: "12,345",
                                        interestRate: "200", horizonYears: "")
        do {
            _ = try form.validated()
            Issue.record("accepted bad input")
        } catch let failure as ValidationFailure {
            #expect(failure.problems == [FieldProblem("staffHourlyRate", .negative), FieldProblem("citizenHourlyRate", .notADecimal),
                                         FieldProblem("businessHourlyRate", .tooPrecise(decimals: 2)),
                                         FieldProblem("interestRate", .outOfRange(min: 0, max: 15)), FieldProblem("horizonYears", .required)])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
