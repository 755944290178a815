import FahrplanCore
import Foundation

/// The KPI target: the roll-up of a municipality with 200 KPIs and 5 years of monthly measurements
/// (12,000 values) under 20 ms in the core. One run does what the roll-up page needs per KPI — progress at the
/// latest value, the least-squares trend to the target date, staleness — and then rolls up goal → field of
/// action → strategy with the explanations. Deterministic (SplitMix64): 8 fields of action, 40 goals, 5 KPIs each.
enum KPIRollupBenchmark {
    static let fieldCount = 8
    static let goalsPerField = 5
    static let kpisPerGoal = 5
    static let months = 60
    static let runs = 200

    struct Subject {
        var id: String
        var goalID: String
        var definition: KPIDefinition
        var measurements: [KPIMeasurement]
    }

    static func run() throws {
        let (fields, goals, subjects) = makeMunicipality()
        let today = CalendarDay(year: 2026, month: 12, day: 6)!
        let values = subjects.reduce(0) { $0 + $1.measurements.count }
        print("kpi_rollup.kpis", subjects.count, "goals", goals.count, "fields", fields.count, "measurements", values)

        var rollup = rollUp(fields, goals, subjects, today: today)
        for _ in 0..<10 { rollup = rollUp(fields, goals, subjects, today: today) }  // warm-up
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let start = clock.now
            rollup = rollUp(fields, goals, subjects, today: today)
            times.append(DuplicatesBenchmark.ms(clock.now - start))
        }
        times.sort()
        let mean = times.reduce(0, +) / Double(times.count)
        print("kpi_rollup.runs", runs)
        print("kpi_rollup.mean_ms", format(mean))
        print("kpi_rollup.p50_ms", format(times[times.count / 2]))
        print("kpi_rollup.p99_ms", format(times[Int(Double(times.count) * 0.99) - 1]))
        print("kpi_rollup.worst_ms", format(times.last!))
        print("kpi_rollup.strategy_progress", format(rollup.strategy.progress ?? -1, decimals: 4))
        print("kpi_rollup.explanation", rollup.strategy.explanationEnglish.prefix(120))
    }

    static func format(_ value: Double, decimals: Int = 3) -> String { String(format: "%.\(decimals)f", value) }

    /// What the roll-up page computes for a municipality.
    static func rollUp(_ fields: [KPIRollup.FieldOfAction], _ goals: [KPIRollup.Goal], _ subjects: [Subject],
                       today: CalendarDay) -> KPIRollup {
        var items: [KPIRollup.KPI] = []
        items.reserveCapacity(subjects.count)
        var onTrack = 0, stale = 0
        for subject in subjects {
            let progress = KPIProgress.of(subject.definition, measurements: subject.measurements)
            if KPITrend.of(subject.definition, measurements: subject.measurements)?.onTrack == true { onTrack += 1 }
            if KPIStaleness.of(subject.definition, lastMeasuredOn: progress?.latest.measuredOn, today: today).isStale { stale += 1 }
            items.append(KPIRollup.KPI(id: subject.id, name: subject.definition.name, goalID: subject.goalID, progress: progress?.clamped))
        }
        precondition(onTrack + stale >= 0)
        return KPIRollup.compute(fields: fields, goals: goals, kpis: items)
    }

    /// Monthly values from January 2022 to December 2026 drifting from the baseline towards (or past) the target
    /// with noise; every tenth KPI falls the other way, every 25th has no measurement at all.
    static func makeMunicipality() -> ([KPIRollup.FieldOfAction], [KPIRollup.Goal], [Subject]) {
        var random = SplitMix64(seed: 16)
        var fields: [KPIRollup.FieldOfAction] = [], goals: [KPIRollup.Goal] = [], subjects: [Subject] = []
        for f in 0..<fieldCount {
            fields.append(KPIRollup.FieldOfAction(id: "F\(f)", name: "Handlungsfeld \(f + 1)"))
            for g in 0..<goalsPerField {
                let goalID = "G\(f)-\(g)"
                goals.append(KPIRollup.Goal(id: goalID, name: "Ziel \(f + 1).\(g + 1)", fieldOfActionID: "F\(f)"))
                for k in 0..<kpisPerGoal {
                    let index = subjects.count
                    let decreasing = index % 10 == 9
                    let baseline = 10 + 40 * random.uniform()
                    let target = decreasing ? baseline * 0.5 : baseline * 2
                    let definition = KPIDefinition(name: "Kennzahl \(f + 1).\(g + 1).\(k + 1)", unit: decreasing ? "Tage" : "%",
                                                   direction: decreasing ? .decrease : .increase, baseline: baseline,
                                                   baselineOn: CalendarDay(year: 2022, month: 1, day: 1)!, target: target,
                                                   targetOn: CalendarDay(year: 2028, month: 12, day: 31)!, cadence: .monthly)
                    let pace = 0.5 + random.uniform()
                    let measurements = index % 25 == 24 ? [] : (0..<months).map { month -> KPIMeasurement in
                        let share = pace * Double(month) / 84
                        let value = baseline + (target - baseline) * share + (random.uniform() - 0.5) * baseline * 0.05
                        return KPIMeasurement(measuredOn: CalendarDay(year: 2022 + month / 12, month: month % 12 + 1, day: 1)!, value: value)
                    }
                    subjects.append(Subject(id: "K\(index)", goalID: goalID, definition: definition, measurements: measurements))
                }
            }
        }
        return (fields, goals, subjects)
    }
}
