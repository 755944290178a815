import Foundation

/// A project's run in calendar periods (relative to the plan's first period, may be negative) and its money and
/// staff per running period, placed by the rules on `RoadmapPlanInput`.
struct RoadmapProfile {
    var start: Int
    var duration: Int
    /// Euros per running period.
    var oneOff: [Double]
    var running: [Double]
    /// FTE per department code and running period.
    var fte: [String: [Double]]
    var notes: [String] = []

    init(_ project: RoadmapPlanInput.Project, input: RoadmapPlanInput) {
        let perYear = input.periodsPerYear
        let moneyYears = project.costs.filter { $0.value.oneOffCents != 0 || $0.value.runningCents != 0 }.keys
        let staffYears = project.fte.values.flatMap { $0.filter { $0.value != 0 }.keys }
        let years = Set(moneyYears).union(staffYears)
        var start = project.startOn.flatMap(input.period(containing:))
        var end = start.flatMap { first in project.endOn.flatMap(input.period(containing:)).map { max(first, $0) } }
        if start == nil, let first = years.min() { start = input.firstPeriod(ofYear: first) }
        if end == nil, let first = start {
            end = years.max().map { max(first, input.firstPeriod(ofYear: $0) + perYear - 1) } ?? first
        }
        let first = start ?? 0
        let last = end ?? first
        self.start = first
        self.duration = last - first + 1
        self.oneOff = Array(repeating: 0, count: duration)
        self.running = Array(repeating: 0, count: duration)
        self.fte = [:]
        if years.isEmpty { notes.append("ohne Kosten- und Personalangaben") }

        var folded = Set<Int>()
        /// The running periods (as offsets) of a calendar year; a year outside the run counts in its nearest period.
        func offsets(ofYear year: Int) -> [Int] {
            let yearStart = input.firstPeriod(ofYear: year)
            let inside = (yearStart..<yearStart + perYear).filter { $0 >= first && $0 <= last }.map { $0 - first }
            if !inside.isEmpty { return inside }
            folded.insert(year)
            return [yearStart < first ? 0 : last - first]
        }
        for (year, cost) in project.costs.sorted(by: { $0.key < $1.key }) where cost.oneOffCents != 0 || cost.runningCents != 0 {
            let periods = offsets(ofYear: year)
            for offset in periods {
                oneOff[offset] += Double(cost.oneOffCents) / 100 / Double(periods.count)
                running[offset] += Double(cost.runningCents) / 100 / Double(periods.count)
            }
        }
        for (code, byYear) in project.fte {
            var levels = Array(repeating: 0.0, count: duration)
            for (year, hundredths) in byYear where hundredths != 0 {
                for offset in offsets(ofYear: year) { levels[offset] += Double(hundredths) / 100 }
            }
            fte[code] = levels
        }
        for year in folded.sorted() {
            let nearest = input.firstPeriod(ofYear: year) < first ? "ersten" : "letzten"
            notes.append("Angaben für \(year) liegen außerhalb der Laufzeit und zählen im \(nearest) Zeitraum des Projekts")
        }
    }

    mutating func dropFirst(_ count: Int) {
        start += count
        duration -= count
        oneOff.removeFirst(count)
        running.removeFirst(count)
        fte = fte.mapValues { Array($0.dropFirst(count)) }
    }
}
