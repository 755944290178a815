import Foundation
@testable import FahrplanCore
import Testing

@Suite("DerivedCriterionValue: criterion values from the project profile")
struct DerivedCriterionValueTests {
    typealias Facts = DerivedCriterionValue.ProfileFacts

    static func value(_ source: CriterionSource, _ facts: Facts) -> Int? {
        DerivedCriterionValue.value(for: source, facts: facts)
    }

    @Test("rated criteria are never derived")
    func rating() {
        #expect(Self.value(.rating, Facts(legalObligation: true, hoursSavedPerYear: 100, oneOffCents: 1, dependentCount: 3)) == nil)
    }

    @Test("legal obligation: none 0, without deadline 2, far deadline 3, near or passed deadline 4", arguments: [
        (false, nil, nil, 0),
        (false, "2027-01-01", "2026-01-01", 0),     // a date without the obligation is no obligation
        (true, nil, "2026-01-01", 2),
        (true, "bald", "2026-01-01", 2),            // not a date: the profile does not say when
        (true, "2027-06-30", "2026-01-15", 4),
        (true, "2028-01-15", "2026-01-15", 4),      // exactly 24 months: still near
        (true, "2028-01-16", "2026-01-15", 3),
        (true, "2031-12-31", "2026-01-15", 3),
        (true, "2025-12-31", "2026-01-15", 4),      // passed
        (true, "2028-02-28", "2026-02-29", 4),      // no 29 Feb 2026, treated as unknown reference: near
        (true, "2026-02-28", "2024-02-29", 4),      // 29 Feb 2024 + 24 months = 28 Feb 2026
        (true, "2026-03-01", "2024-02-29", 3),
        (true, "2030-01-01", nil, 4),               // no reference day: every deadline counts as near
    ] as [(Bool, String?, String?, Int)])
    func legal(obligation: Bool, deadline: String?, asOf: String?, expected: Int) {
        let facts = Facts(legalObligation: obligation, legalDeadline: deadline, asOf: asOf)
        #expect(Self.value(.legalObligation, facts) == expected)
    }

    @Test("adding months clamps to the end of the month")
    func addingMonths() throws {
        let leap = try #require(CalendarDay(iso: "2024-02-29"))
        #expect(DerivedCriterionValue.adding(months: 24, to: leap).iso == "2026-02-28")
        #expect(DerivedCriterionValue.adding(months: 24, to: try #require(CalendarDay(iso: "2026-11-30"))).iso == "2028-11-30")
        #expect(DerivedCriterionValue.adding(months: 1, to: try #require(CalendarDay(iso: "2026-01-31"))).iso == "2026-02-28")
    }

    /// 100 hours a year at 60 € over five years: 30,000 € of benefit (3,000,000 cents).
    static let benefitCents: Int64 = 100 * 6_000 * 5

    @Test("cost-benefit thresholds 0.5, 1, 2, 4 over five years at 60 € per hour", arguments: [
        (benefitCents * 2 + 1, 0), (benefitCents * 2, 1),        // ratio 0.5 exactly is level 1
        (benefitCents + 1, 1), (benefitCents, 2),                // ratio 1
        (benefitCents / 2 + 1, 2), (benefitCents / 2, 3),        // ratio 2
        (benefitCents / 4 + 1, 3), (benefitCents / 4, 4),        // ratio 4
        (benefitCents * 10, 0), (1, 4),
    ] as [(Int64, Int)])
    func costBenefit(oneOffCents: Int64, expected: Int) {
        #expect(Self.value(.costBenefit, Facts(hoursSavedPerYear: 100, oneOffCents: oneOffCents)) == expected)
    }

    @Test("running costs count five times")
    func runningCosts() {
        // 600,000 cents a year × 5 = the benefit: ratio 1.
        #expect(Self.value(.costBenefit, Facts(hoursSavedPerYear: 100, runningCentsPerYear: 600_000)) == 2)
        #expect(Self.value(.costBenefit, Facts(hoursSavedPerYear: 100, oneOffCents: 1, runningCentsPerYear: 600_000)) == 1)
        let ratio = DerivedCriterionValue.costBenefitRatio(Facts(hoursSavedPerYear: 100, oneOffCents: 1_000_000, runningCentsPerYear: 200_000))
        #expect(ratio == 1.5)
    }

    @Test("cost-benefit is nil when the profile does not say enough, never an invented number")
    func costBenefitUnknown() {
        #expect(Self.value(.costBenefit, Facts()) == nil)                                          // nothing at all
        #expect(Self.value(.costBenefit, Facts(oneOffCents: 5_000_000)) == nil)                    // costs, hours unknown
        #expect(Self.value(.costBenefit, Facts(hoursSavedPerYear: 0)) == nil)                      // nothing saved, nothing spent
        #expect(Self.value(.costBenefit, Facts(hoursSavedPerYear: 0, oneOffCents: 100)) == 0)     // costs, no saving
        #expect(Self.value(.costBenefit, Facts(hoursSavedPerYear: 20)) == 4)                       // saving at no cost
        #expect(DerivedCriterionValue.costBenefitRatio(Facts(hoursSavedPerYear: 20)) == .infinity)
    }

    @Test("a municipality's own hourly rate changes the level")
    func ownHourlyRate() {
        let facts = Facts(hoursSavedPerYear: 100, oneOffCents: benefitCentsAt(rate: 6_000))
        #expect(DerivedCriterionValue.value(for: .costBenefit, facts: facts) == 2)
        #expect(DerivedCriterionValue.value(for: .costBenefit, facts: facts, hourlyRateCents: 12_000) == 3)
        #expect(DerivedCriterionValue.value(for: .costBenefit, facts: facts, hourlyRateCents: 2_000) == 0)
    }

    func benefitCentsAt(rate: Int64) -> Int64 { 100 * rate * 5 }

    @Test("basic component: dependents 0, 1, 2, 3–4, 5+", arguments: [
        (0, 0), (1, 1), (2, 2), (3, 3), (4, 3), (5, 4), (40, 4), (-2, 0),
    ])
    func dependents(count: Int, expected: Int) {
        #expect(Self.value(.dependents, Facts(dependentCount: count)) == expected)
    }

    @Test("every derived value lies on the catalog criterion's scale")
    func withinScale() {
        let catalog = DefaultCriteriaCatalog.criteria(english: false)
        let samples = [Facts(), Facts(legalObligation: true, legalDeadline: "2027-01-01", hoursSavedPerYear: 3,
                                      oneOffCents: 9_000_000, dependentCount: 9),
                       Facts(legalObligation: true, hoursSavedPerYear: 10_000, oneOffCents: 1, dependentCount: 3)]
        for criterion in catalog where criterion.source != .rating {
            for facts in samples {
                if let level = DerivedCriterionValue.value(for: criterion.source, facts: facts) {
                    #expect(criterion.level(level) != nil, "\(criterion.key) \(level)")
                }
            }
        }
    }
}
