import FahrplanCore

/// What the capacity chart draws: per budget line or department, per period, what the plan uses and what there is.
struct CapacityChartInput: Sendable, Equatable {
    struct Series: Sendable, Equatable {
        var id: String
        /// "Haushalt investiv", "FD-IT".
        var label: String
        var kind: RoadmapProblem.ResourceKind
        /// One value per period.
        var used: [Double]
        var capacity: [Double]
    }

    /// A period in which a series uses more than it has (possible after changes by hand, or in a scenario).
    struct OverAllocation: Sendable, Equatable {
        var series: String
        var label: String
        var kind: RoadmapProblem.ResourceKind
        var period: Int
        var used: Double
        var capacity: Double
        var excess: Double { used - capacity }
    }

    /// Unique on the page: names the title, the description and the patterns.
    var id: String = "capacity"
    var periods: [String]
    var series: [Series]
    var currentPeriod: Int? = nil

    /// Whether `used` goes beyond `capacity`: the core's rule (RoadmapCheck), with its tolerance for the rounding of
    /// sums of decimals, so the chart and the list of violations always agree.
    static func exceeds(_ used: Double, _ capacity: Double) -> Bool {
        used > capacity + 1e-9 * max(1, abs(capacity))
    }

    /// Every over-allocated period, series by series in order.
    var overAllocations: [OverAllocation] {
        series.flatMap { line in
            line.used.indices.compactMap { period -> OverAllocation? in
                let capacity = period < line.capacity.count ? line.capacity[period] : 0
                let used = line.used[period]
                guard Self.exceeds(used, capacity) else { return nil }
                return OverAllocation(series: line.id, label: line.label, kind: line.kind, period: period, used: used, capacity: capacity)
            }
        }
    }
}

extension CapacityChartInput {
    /// The use of every resource of the problem by a schedule (a project uses `usage[resource][k]` in its k-th
    /// running period); periods past the horizon are not drawn. Needs no solver, so a schedule changed by hand
    /// shows its over-allocation here before anyone re-optimizes.
    static func make(problem: RoadmapProblem, schedule: RoadmapSchedule, currentPeriod: Int? = nil,
                     id: String = "capacity") -> CapacityChartInput {
        let periods = problem.periods.count
        var used: [String: [Double]] = [:]
        for resource in problem.resources { used[resource.id] = Array(repeating: 0, count: periods) }
        for project in problem.projects {
            guard let start = schedule.starts[project.id] else { continue }
            for (resource, amounts) in project.usage where used[resource] != nil {
                for (offset, amount) in amounts.prefix(max(1, project.duration)).enumerated() {
                    let period = start + offset
                    guard period >= 0 && period < periods else { continue }
                    used[resource]![period] += amount
                }
            }
        }
        let series = problem.resources.map { resource in
            Series(id: resource.id, label: resource.label, kind: resource.kind, used: used[resource.id] ?? [],
                   capacity: resource.capacity)
        }
        return CapacityChartInput(id: id, periods: problem.periods, series: series, currentPeriod: currentPeriod)
    }

    /// The chart of the core's period use (`RoadmapExplanation.explain(...).periodUse`).
    init(periodUse: [RoadmapExplanation.ResourceUse], periods: [String], currentPeriod: Int? = nil, id: String = "capacity") {
        self.init(id: id, periods: periods,
                  series: periodUse.map { Series(id: $0.id, label: $0.label, kind: $0.kind, used: $0.used, capacity: $0.capacity) },
                  currentPeriod: currentPeriod)
    }
}
