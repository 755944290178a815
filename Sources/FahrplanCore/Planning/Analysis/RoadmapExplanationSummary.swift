import Foundation

extension RoadmapExplanation.ProjectReason {
    /// Fills `summary` and `summaryEN` from the outcome and the reasons: "Nicht eingeplant: Engpass Budget
    /// (2027-H1, 2027-H2 und 3 weitere); Engpass FD-IT (2028-H1)".
    mutating func summarize(in problem: RoadmapProblem) {
        summary = Self.summary(outcome, reasons, problem, english: false)
        summaryEN = Self.summary(outcome, reasons, problem, english: true)
    }

    private static func summary(_ outcome: RoadmapExplanation.Outcome, _ reasons: [RoadmapExplanation.Reason],
                                _ problem: RoadmapProblem, english: Bool) -> String {
        let text = PlanningText(english: english)
        let head: String
        switch outcome {
        case .scheduledOnTime:
            return english ? "Starts as early as possible." : "Beginnt so früh wie möglich."
        case .startedLate(let by):
            head = english ? "Starts \(by) period\(by == 1 ? "" : "s") later than possible: "
                : "Beginnt \(by) \(by == 1 ? "Zeitraum" : "Zeiträume") später als möglich: "
        case .leftOut:
            head = english ? "Not scheduled: " : "Nicht eingeplant: "
        }
        var parts: [String] = []
        var bottlenecks: [String: [Int]] = [:]
        var resourceOrder: [String] = []
        for reason in reasons {
            switch reason.kind {
            case .budget, .capacity:
                guard let id = reason.resource, let period = reason.period else { continue }
                if bottlenecks[id] == nil { resourceOrder.append(id) }
                bottlenecks[id, default: []].append(period)
            case .predecessorNotSelected:
                parts.append(english ? "requires \(reason.predecessor ?? ""), which is not scheduled"
                             : "Vorgänger \(reason.predecessor ?? "") nicht eingeplant")
            case .predecessorNotFinished:
                parts.append(english ? "waits for \(reason.predecessor ?? "")" : "wartet auf \(reason.predecessor ?? "")")
            case .noWindow:
                parts.append(english ? reason.messageEN : reason.message)
            case .optimizerChoice:
                parts.append(english ? "an earlier start would fit (the optimizer's choice)"
                             : "ein früherer Beginn wäre möglich (Wahl des Optimierers)")
            }
        }
        for id in resourceOrder {
            let resource = problem.resources.first { $0.id == id }
            let name = resource.map { text.resource($0) } ?? id
            let periods = Array(Set(bottlenecks[id]!)).sorted()
            let shown = periods.prefix(3).map { problem.periodLabel($0, english: english) }
                + (periods.count > 3 ? [english ? "\(periods.count - 3) more" : "\(periods.count - 3) weitere"] : [])
            parts.append((english ? "bottleneck " : "Engpass ") + "\(name) (\(text.list(shown)))")
        }
        return head + parts.joined(separator: "; ")
    }
}
