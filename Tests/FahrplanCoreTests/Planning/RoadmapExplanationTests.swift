@testable import FahrplanCore
import Testing

@Suite("RoadmapExplanation: what held each project back, and each period's use")
struct RoadmapExplanationTests {
    let problem = smallRoadmap([
        .init(id: "A", value: 10, duration: 2, usage: ["FD-IT": [2, 2]]),
        .init(id: "B", value: 5, duration: 1, usage: ["FD-IT": [1]]),
        .init(id: "C", value: 5, duration: 1, usage: ["budget": [50_000]], after: ["A"]),
        .init(id: "D", value: 5, duration: 1, usage: ["budget": [80_000]]),
        .init(id: "E", value: 5, duration: 4, usage: ["budget": [50_000, 50_000, 50_000, 50_000]]),
        .init(id: "F", value: 5, duration: 1, after: ["G"]),
        .init(id: "G", value: 5, duration: 5),
        .init(id: "H", value: 5, duration: 1, latestFinish: 0, after: ["A"]),
    ])
    let schedule = RoadmapSchedule(starts: ["A": 0, "B": 2, "C": 3, "E": 0])

    func reason(_ id: String, _ explanation: RoadmapExplanation) -> RoadmapExplanation.ProjectReason {
        explanation.projects.first { $0.id == id }!
    }

    @Test("outcomes: on time, late by the periods after the earliest possible start, left out")
    func outcomes() {
        let explanation = RoadmapExplanation.explain(schedule, in: problem)
        #expect(explanation.projects.map(\.id) == ["A", "B", "C", "D", "E", "F", "G", "H"])
        #expect(reason("A", explanation).outcome == .scheduledOnTime && reason("A", explanation).reasons.isEmpty)
        #expect(reason("B", explanation).outcome == .startedLate(by: 2))
        #expect(reason("C", explanation).outcome == .startedLate(by: 1))
        #expect(reason("C", explanation).earliestPossibleStart == 2)
        #expect(reason("D", explanation).outcome == .leftOut)
    }

    @Test("a later start names the full department in each earlier period, with the projects using it")
    func capacityReason() {
        let reasons = reason("B", RoadmapExplanation.explain(schedule, in: problem)).reasons
        #expect(reasons.map(\.kind) == [.capacity, .capacity])
        #expect(reasons.map(\.period) == [0, 1] && reasons.allSatisfy { $0.resource == "FD-IT" })
        #expect(reasons[0].starts == [0] && reasons[1].starts == [1])
        #expect(reasons[0].message == "FD-IT ist 2027-H1 zu 100 % ausgelastet (2,0 von 2,0 VZÄ: A), das Projekt braucht 1,0 VZÄ.")
        #expect(reasons[0].messageEN == "FD-IT is 100% used in 2027-H1 (2.0 of 2.0 FTE: A); the project needs 1.0 FTE.")
    }

    @Test("a left-out project names the budget in every period it could have started")
    func budgetReason() {
        let reasons = reason("D", RoadmapExplanation.explain(schedule, in: problem)).reasons
        #expect(reasons.map(\.kind) == [.budget, .budget, .budget, .budget])
        #expect(reasons.map(\.period) == [0, 1, 2, 3])
        #expect(reasons[0].message == "Budget 2027-H1: 50.000 € von 0,1 Mio. € verplant (E), das Projekt braucht 80.000 €.")
        #expect(reasons[3].message == "Budget 2028-H2: 0,1 Mio. € von 0,1 Mio. € verplant (C und E), das Projekt braucht 80.000 €.")
    }

    @Test("nothing blocks an earlier start: the plan's choice; predecessors missing or impossible windows are named")
    func otherReasons() {
        let explanation = RoadmapExplanation.explain(schedule, in: problem)
        let c = reason("C", explanation).reasons
        #expect(c.map(\.kind) == [.optimizerChoice] && c[0].starts == [2])
        #expect(c[0].message.hasPrefix("Ein Beginn 2028-H1 wäre mit allen anderen Projekten vereinbar"))
        let f = reason("F", explanation).reasons
        #expect(f.map(\.kind) == [.predecessorNotSelected, .noWindow] && f[0].predecessor == "G")
        #expect(f[1].message == "Passt nicht in den Planungszeitraum: Es kann erst nach seinen Vorgängern beginnen, und die sind frühestens an dessen Ende fertig.")
        #expect(f[0].message == "Setzt G voraus, das nicht eingeplant ist.")
        #expect(reason("G", explanation).reasons.first?.message.hasPrefix("Passt nicht in den Planungszeitraum") == true)
        #expect(reason("H", explanation).reasons.first?.message == "Kann seine Frist 2027-H1 nicht einhalten: frühestens fertig 2028-H1.")
    }

    @Test("a predecessor still running rules out the starts before its end")
    func predecessorRunning() {
        let late = RoadmapSchedule(starts: ["A": 1, "C": 3])
        let reasons = reason("C", RoadmapExplanation.explain(late, in: problem)).reasons
        #expect(reasons.map(\.kind) == [.predecessorNotFinished])
        #expect(reasons[0].starts == [2] && reasons[0].message == "Setzt A voraus, das erst 2028-H1 fertig wird.")
    }

    @Test("period use: used and capacity of every resource, with the projects in each period")
    func periodUse() {
        let use = RoadmapExplanation.explain(schedule, in: problem).periodUse
        #expect(use.map(\.id) == ["budget", "FD-IT"])
        #expect(use[1].used == [2, 2, 1, 0] && use[1].capacity == [2, 2, 2, 2])
        #expect(use[0].used == [50_000, 50_000, 50_000, 100_000])
        #expect(use[0].projects[3] == ["C", "E"])
        #expect(use[1].share(in: 2) == 0.5 && !use[1].isOverloaded(in: 0))
    }
}

@Suite("RoadmapComparison and EfficientFrontier")
struct RoadmapComparisonTests {
    @Test("each project in either schedule: added, dropped, earlier, later, unchanged, in problem order")
    func kinds() {
        let problem = smallRoadmap(["A", "B", "C", "D", "E", "F"].map { .init(id: $0, title: "Projekt \($0)", value: 1, duration: 1) })
        let changes = RoadmapComparison.compare(RoadmapSchedule(starts: ["A": 0, "B": 1, "C": 2, "D": 0]),
                                                RoadmapSchedule(starts: ["B": 0, "C": 3, "D": 0, "E": 1]), in: problem)
        #expect(changes.map(\.id) == ["A", "B", "C", "D", "E"])
        #expect(changes.map(\.kind) == [.dropped, .earlier, .later, .unchanged, .added])
        #expect(changes[2].shift == 1 && changes[2].title == "Projekt C" && changes[4].baseStart == nil && changes[4].otherStart == 1)
    }

    @Test("the frontier never falls as the budget grows, and reaches everything once money is no limit")
    func frontierMonotone() {
        let problem = smallRoadmap((1...6).map { index in
            .init(id: "P\(index)", value: Double(10 + index), duration: 2,
                  usage: ["budget": [Double(20_000 * index), 10_000], "FD-IT": [0.5, 0.5]])
        }, it: [3, 3, 3, 3], budget: [60_000, 60_000, 60_000, 60_000])
        let points = EfficientFrontier.compute(problem, budgetFactors: [0.25, 0.5, 1, 2, 4], options: .init())
        #expect(points.map(\.status) == Array(repeating: .optimal, count: 5))
        #expect(points.map(\.totalBudget) == [60_000, 120_000, 240_000, 480_000, 960_000])
        for (lower, higher) in zip(points, points.dropFirst()) { #expect(lower.objective <= higher.objective + 1e-9) }
        #expect(points[0].objective < points[4].objective)
        #expect(points[4].selected == 6)
    }

    @Test("a budget too small for the mandatory projects gives an infeasible point, not a crash")
    func frontierInfeasible() {
        let problem = smallRoadmap([.init(id: "P1", value: 1, duration: 1, usage: ["budget": [80_000]], mandatory: true)])
        let points = EfficientFrontier.compute(problem, budgetFactors: [0.5, 1], options: .init())
        #expect(points.map(\.status) == [.infeasible, .optimal])
    }
}

@Suite("RoadmapExplanation: one-line summaries")
struct RoadmapExplanationSummaryTests {
    @Test("the summary groups bottlenecks per resource and names predecessors")
    func summaries() {
        let problem = smallRoadmap([
            .init(id: "A", value: 10, duration: 2, usage: ["FD-IT": [2, 2]]),
            .init(id: "B", value: 5, duration: 1, usage: ["FD-IT": [1]]),
            .init(id: "C", value: 5, duration: 1, after: ["D"]),
            .init(id: "D", value: 5, duration: 1, usage: ["budget": [200_000]]),
        ])
        let explanation = RoadmapExplanation.explain(RoadmapSchedule(starts: ["A": 0, "B": 2]), in: problem)
        #expect(explanation.projects[0].summary == "Beginnt so früh wie möglich.")
        #expect(explanation.projects[1].summary == "Beginnt 2 Zeiträume später als möglich: Engpass FD-IT (2027-H1 und 2027-H2)")
        #expect(explanation.projects[1].summaryEN == "Starts 2 periods later than possible: bottleneck FD-IT (2027-H1 and 2027-H2)")
        #expect(explanation.projects[2].summary == "Nicht eingeplant: Vorgänger D nicht eingeplant")
        #expect(explanation.projects[3].summary == "Nicht eingeplant: Engpass Budget (2027-H1, 2027-H2, 2028-H1 und 1 weitere)")
    }
}
