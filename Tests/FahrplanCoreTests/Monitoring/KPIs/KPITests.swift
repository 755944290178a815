import FahrplanCore
import Foundation
import Testing

@Suite("Monitoring: KPIs — validation, progress, trend, staleness")
struct KPITests {
    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }

    /// Share of online services: 20 % on 1 Jan 2024 → 70 % on 27 Sep 2026 (day 1,000 after the baseline).
    static let onlineShare = KPIDefinition(name: "Online-Anteil", unit: "%", direction: .increase, baseline: 20,
                                           baselineOn: day("2024-01-01"), target: 70, targetOn: day("2026-09-27"))
    /// Days 0, 100 and 200 after 1 Jan 2024 (a leap year), on a line rising 0.125 per day.
    static let onlineMeasurements = [
        KPIMeasurement(measuredOn: day("2024-07-19"), value: 45),
        KPIMeasurement(measuredOn: day("2024-01-01"), value: 20),
        KPIMeasurement(measuredOn: day("2024-04-10"), value: 32.5),
    ]

    @Test("a valid definition; every problem named by its field")
    func definitionValidation() throws {
        let kpi = try KPIInput(name: " Online-Anteil ", unit: "%", direction: "increase", baseline: "20", baselineOn: "01.01.2024",
                               target: "70", targetOn: "2026-09-27").validated()
        #expect(kpi == Self.onlineShare)
        #expect(kpi.cadence == .quarterly)

        let failure = #expect(throws: ValidationFailure.self) {
            try KPIInput(name: "", unit: "%", direction: "sideways", baseline: "zwanzig", baselineOn: "2026-01-01",
                         target: "1e999", targetOn: "2025-01-01", cadence: "weekly").validated()
        }
        #expect(failure?.problems == [FieldProblem("name", .required), FieldProblem("direction", .invalidChoice),
                                      FieldProblem("cadence", .invalidChoice), FieldProblem("baselineValue", .notADecimal),
                                      FieldProblem("targetValue", .notADecimal), FieldProblem("targetOn", .endBeforeStart)])
        let against = #expect(throws: ValidationFailure.self) {
            try KPIInput(name: "Reaktionszeit", unit: "Tage", direction: "decrease", baseline: "10", baselineOn: "2024-01-01",
                         target: "10", targetOn: "2025-01-01").validated()
        }
        #expect(against?.problems == [FieldProblem("targetValue", .againstDirection)])
    }

    @Test("a measurement: German and negative numbers; wrong unit, future date and missing value named")
    func measurementValidation() throws {
        let today = Self.day("2026-12-06")
        let german = try KPIMeasurementInput(measuredOn: "06.12.2026", value: "1.234,5", unit: " % ", note: "Stichtag")
            .validated(for: Self.onlineShare, today: today, source: .csv)
        #expect(german == KPIMeasurement(measuredOn: today, value: 1234.5, note: "Stichtag", source: .csv))
        let negative = try KPIMeasurementInput(measuredOn: "2026-01-31", value: "-3,25").validated(for: Self.onlineShare, today: today, source: .hand)
        #expect(negative.value == -3.25)

        let failure = #expect(throws: ValidationFailure.self) {
            try KPIMeasurementInput(measuredOn: "2026-12-07", value: "", unit: "Tage")
                .validated(for: Self.onlineShare, today: today, source: .api, fieldPrefix: "measurements[2].")
        }
        #expect(failure?.problems == [FieldProblem("measurements[2].measuredOn", .dateInFuture),
                                      FieldProblem("measurements[2].value", .required),
                                      FieldProblem("measurements[2].unit", .unitMismatch(expected: "%"))])
        let badDate = #expect(throws: ValidationFailure.self) {
            try KPIMeasurementInput(measuredOn: "31.02.2026", value: "abc").validated(for: Self.onlineShare, today: today, source: .hand)
        }
        #expect(badDate?.problems == [FieldProblem("measuredOn", .invalidDate), FieldProblem("value", .notADecimal)])
    }

    @Test("progress is the share of the way from baseline to target, raw and clamped, for both directions")
    func progress() throws {
        let progress = try #require(KPIProgress.of(Self.onlineShare, measurements: Self.onlineMeasurements))
        #expect(progress.raw == 0.5)
        #expect(progress.clamped == 0.5)
        #expect(progress.latest.value == 45)
        #expect(KPIProgress.of(Self.onlineShare, measurements: []) == nil)

        let responseDays = KPIDefinition(name: "Bearbeitungszeit", unit: "Tage", direction: .decrease, baseline: 30,
                                         baselineOn: Self.day("2024-01-01"), target: 10, targetOn: Self.day("2026-01-01"))
        func at(_ value: Double) -> KPIProgress {
            KPIProgress.of(responseDays, measurements: [KPIMeasurement(measuredOn: Self.day("2025-01-01"), value: value)])!
        }
        #expect((at(25).raw, at(25).clamped) == (0.25, 0.25))
        #expect((at(35).raw, at(35).clamped) == (-0.25, 0))
        #expect((at(5).raw, at(5).clamped) == (1.25, 1))
    }

    @Test("trend: least squares by date, projected to the target date, on track or not")
    func trend() throws {
        let trend = try #require(KPITrend.of(Self.onlineShare, measurements: Self.onlineMeasurements))
        #expect(trend.slopePerDay == 0.125)
        #expect(trend.startValue == 20)
        #expect(trend.projectedAtTarget == 145)
        #expect(trend.onTrack)
        var ambitious = Self.onlineShare
        ambitious.target = 200
        #expect(KPITrend.of(ambitious, measurements: Self.onlineMeasurements)?.onTrack == false)

        // Scattered points (0, 1), (1, 3), (2, 2): slope 0.5, intercept 1.5, so 6.5 on day 10.
        var short = Self.onlineShare
        short.targetOn = Self.day("2024-01-11")
        short.target = 7
        let scattered = try #require(KPITrend.of(short, measurements: [
            KPIMeasurement(measuredOn: Self.day("2024-01-01"), value: 1), KPIMeasurement(measuredOn: Self.day("2024-01-02"), value: 3),
            KPIMeasurement(measuredOn: Self.day("2024-01-03"), value: 2),
        ]))
        #expect((scattered.slopePerDay, scattered.startValue, scattered.projectedAtTarget) == (0.5, 1.5, 6.5))
        #expect(!scattered.onTrack)
        #expect(scattered.value(on: Self.day("2024-01-05")) == 3.5)

        // A falling KPI is on track when the line gets down to the target.
        let falling = KPIDefinition(name: "Bearbeitungszeit", unit: "Tage", direction: .decrease, baseline: 30,
                                    baselineOn: Self.day("2024-01-01"), target: 10, targetOn: Self.day("2024-01-11"))
        let down = KPITrend.of(falling, measurements: [KPIMeasurement(measuredOn: Self.day("2024-01-01"), value: 30),
                                                       KPIMeasurement(measuredOn: Self.day("2024-01-03"), value: 26)])
        #expect(down?.projectedAtTarget == 10)
        #expect(down?.onTrack == true)

        // One day, however many values, has no direction.
        #expect(KPITrend.of(Self.onlineShare, measurements: [Self.onlineMeasurements[0], Self.onlineMeasurements[0]]) == nil)
    }

    @Test("stale after the cadence's window without a measurement; never measured is stale")
    func staleness() {
        let kpi = Self.onlineShare
        let last = Self.day("2026-01-01")
        #expect(KPIStaleness.of(kpi, lastMeasuredOn: last, today: Self.day("2026-04-11")) ==
                KPIStaleness(isStale: false, lastMeasuredOn: last, daysSinceLast: 100, windowDays: 100))
        #expect(KPIStaleness.of(kpi, lastMeasuredOn: last, today: Self.day("2026-04-12")).isStale)
        var monthly = kpi
        monthly.cadence = .monthly
        #expect(KPIStaleness.of(monthly, lastMeasuredOn: last, today: Self.day("2026-02-16")).isStale)
        #expect(KPIStaleness.of(kpi, lastMeasuredOn: nil, today: last) ==
                KPIStaleness(isStale: true, lastMeasuredOn: nil, daysSinceLast: nil, windowDays: 100))
    }

    @Test("units match ignoring case and blanks")
    func units() {
        #expect(Self.onlineShare.accepts(unit: " % "))
        var days = Self.onlineShare
        days.unit = "Tage"
        #expect(days.accepts(unit: "tage"))
        #expect(!days.accepts(unit: "Stunden"))
    }

    @Test("the KPI owner may enter measurements; only the goal's editors define KPIs")
    func permissions() {
        let reader = Permissions(role: .reader, isInstallationAdmin: false)
        let lead = Permissions(role: .departmentLead, isInstallationAdmin: false, ownDepartmentIDs: ["10"])
        let team = Permissions(role: .strategyTeam, isInstallationAdmin: false)
        #expect(team.canManageKPIs(ofGoalWithResponsibleDepartmentID: nil))
        #expect(lead.canManageKPIs(ofGoalWithResponsibleDepartmentID: "10"))
        #expect(!lead.canManageKPIs(ofGoalWithResponsibleDepartmentID: "20"))
        #expect(!reader.canRecordMeasurements(ofGoalWithResponsibleDepartmentID: "10", isOwner: false))
        #expect(reader.canRecordMeasurements(ofGoalWithResponsibleDepartmentID: "10", isOwner: true))
        #expect(!Permissions(role: nil, isInstallationAdmin: false).canRecordMeasurements(ofGoalWithResponsibleDepartmentID: nil, isOwner: true))
    }
}
