import FahrplanCore
@testable import FahrplanServer
import Foundation
import Testing

@Suite("Planning charts: capacity per period and the efficient frontier")
struct CapacityAndFrontierChartTests {
    static var capacity: CapacityChartInput {
        CapacityChartInput.make(problem: ChartFixtures.problem, schedule: ChartFixtures.schedule, currentPeriod: 0)
    }

    @Test("the use per resource and period is summed from the schedule's running projects")
    func useFromSchedule() {
        let input = Self.capacity
        #expect(input.series.map(\.id) == ["budget", "FD-IT"])
        #expect(input.series[0].used == [100_000, 300_000, 150_000, 0, 150_000, 150_000, 0, 0])
        #expect(input.series[1].used == [1.5, 4.5, 2, 0, 0.5, 0.5, 0, 0])
        #expect(input.series[1].capacity == Array(repeating: 4, count: 8))
        #expect(input.overAllocations == [.init(series: "FD-IT", label: "FD-IT", kind: .staff, period: 1, used: 4.5, capacity: 4)])
    }

    @Test("an over-allocated period gets a hatched cap above the limit and the words, only there")
    func overAllocationMarked() throws {
        let chart = try ParsedChart(CapacityChart.svg(Self.capacity, language: .de))
        let over = chart.withClass("cap-over")
        #expect(over.count == 1)
        let columnWidth = CapacityChart.columnWidth(8)
        let secondColumn = CapacityChart.axisWidth + columnWidth
        #expect(over.first.flatMap { $0.int("x") }.map { $0 > secondColumn && $0 < secondColumn + columnWidth } == true)
        #expect(over.first?.attributes["fill"] == "url(#capacity-over)")
        // In the FD-IT panel (the second), the cap sits on the limit line: its bottom is the capacity's top.
        let limits = chart.withClass("cap-limit").filter { $0.int("x").map { $0 > secondColumn && $0 < secondColumn + columnWidth } == true }
        #expect(limits.count == 2)
        if let cap = over.first, let limit = limits.last, let y = cap.int("y"), let height = cap.int("height"), let limitY = limit.int("y") {
            #expect(y + height == limitY + 1)
            #expect(height > 0)
        }
        let alerts = chart.withClass("chart-alert").map(\.text)
        #expect(alerts == ["▲ 113 %", "überbelegt"])
        #expect(try ParsedChart(CapacityChart.svg(Self.capacity, language: .en)).withClass("chart-alert").map(\.text) == ["▲ 113%", "over capacity"])
        // Bars for every period of both resources, capacities included.
        #expect(chart.withClass("cap-capacity").count == 16)
    }

    @Test("the description names each resource's busiest period and every over-allocation, in both languages")
    func description() throws {
        let german = try ParsedChart(CapacityChart.svg(Self.capacity, language: .de))
        #expect(german.root?.attributes["role"] == "img")
        #expect(german.text(of: "title") == "Auslastung je Periode: Budget und Personal")
        #expect(german.text(of: "desc") == "Haushalt investiv: höchste Auslastung 2027-H2 mit 300.000 € von 400.000 € (75 %). "
            + "FD-IT: höchste Auslastung 2027-H2 mit 4,5 VZÄ von 4 VZÄ (113 %). "
            + "Überbelegt: FD-IT 2027-H2 mit 4,5 VZÄ von 4 VZÄ (0,5 VZÄ zu viel).")
        let english = try ParsedChart(CapacityChart.svg(Self.capacity, language: .en))
        #expect(english.text(of: "desc") == "Haushalt investiv: highest use in 2027-H2, €300,000 of €400,000 (75%). "
            + "FD-IT: highest use in 2027-H2, 4.5 FTE of 4 FTE (113%). "
            + "Over capacity: FD-IT in 2027-H2, 4.5 FTE of 4 FTE (0.5 FTE too much).")
        var fitting = Self.capacity
        fitting.series[1].capacity = Array(repeating: 5, count: 8)
        let fine = try ParsedChart(CapacityChart.svg(fitting, language: .de))
        #expect(fine.text(of: "desc")?.hasSuffix("Keine Überbelegung: jede Periode liegt innerhalb der Kapazität.") == true)
        #expect(fine.withClass("cap-over").isEmpty && fine.withClass("chart-alert").isEmpty)
    }

    @Test("the capacity table has a row per resource and says 'überbelegt' in the over-allocated cell; labels are escaped")
    func capacityTable() throws {
        var input = Self.capacity
        input.series[1].label = ChartFixtures.hostile
        let markup = CapacityChart.table(input, language: .de)
        #expect(!markup.contains("<script"))
        #expect(!CapacityChart.svg(input, language: .de).contains("<script"))
        let table = try ParsedChart(markup)
        #expect(table.all("th").map(\.text) == ["Budget / Fachdienst"] + ChartFixtures.periods + ["Haushalt investiv", ChartFixtures.hostile])
        let over = table.all("td").filter { $0.classes.contains("over-allocated") }
        #expect(over.map(\.text) == ["4,5 / 4 VZÄ (113 %) – überbelegt"])
        #expect(table.all("td").first?.text == "100.000 € / 400.000 € (25 %)")
    }

    @Test("the chart's own use per period and over-allocations agree with the core's explanation and check")
    func agreesWithTheCore() {
        let problem = ChartFixtures.problem, schedule = ChartFixtures.schedule
        let fromCore = CapacityChartInput(periodUse: RoadmapExplanation.explain(schedule, in: problem).periodUse,
                                          periods: problem.periods, currentPeriod: 0)
        #expect(fromCore == Self.capacity)
        let violations = RoadmapCheck.violations(of: schedule, in: problem).filter { $0.resource != nil }
        #expect(violations.map { "\($0.resource ?? "") \($0.period ?? -1)" } == Self.capacity.overAllocations.map { "\($0.series) \($0.period)" })
    }

    @Test("points of the core's efficient frontier: infeasible levels have no value, unproven ones their bound, factor 1 is current")
    func frontierFromCore() {
        let points = EfficientFrontier.compute(ChartFixtures.problem, budgetFactors: [0.5, 1, 1.5], options: .init())
        let chart = points.map { FrontierChartPoint($0) }
        #expect(chart.map(\.factor) == [0.5, 1, 1.5])
        #expect(chart.map(\.isCurrent) == [false, true, false])
        for (point, shown) in zip(points, chart) {
            #expect(shown.budget == point.totalBudget)
            #expect(shown.value == (point.status == .infeasible ? nil : point.objective))
        }
        let unproven = EfficientFrontier.FrontierPoint(factor: 0.8, totalBudget: 10, objective: 5, bound: 6, status: .limitReached, selected: 2)
        #expect(FrontierChartPoint(unproven, currentFactor: 0.8) == FrontierChartPoint(factor: 0.8, budget: 10, value: 5, bound: 6, isCurrent: true))
    }

    static let frontier: [FrontierChartPoint] = [
        .init(factor: 1.2, budget: 3_840_000, value: 30.5, bound: 31.25),
        .init(factor: 0.4, budget: 1_280_000, value: nil),
        .init(factor: 0.8, budget: 2_560_000, value: 24),
        .init(factor: 1, budget: 3_200_000, value: 28.25, isCurrent: true),
    ]

    @Test("the frontier draws a point per feasible level joined by a line, the current plan as a labelled diamond")
    func frontierShape() throws {
        let chart = try ParsedChart(FrontierChart.svg(Self.frontier, language: .de))
        #expect(chart.withClass("frontier-point").count == 2)
        #expect(chart.withClass("frontier-open").count == 1)
        #expect(chart.withClass("frontier-current").count == 1)
        #expect(chart.withClass("frontier-infeasible").count == 1)
        #expect(chart.withClass("frontier-bound").count == 2)
        let line = chart.withClass("frontier-line").first?.attributes["points"] ?? ""
        let xs = line.split(separator: " ").compactMap { Int($0.split(separator: ",")[0]) }
        #expect(xs.count == 3 && xs == xs.sorted())
        #expect(chart.all("text").map(\.text).contains("aktueller Plan"))
        #expect(chart.all("text").map(\.text).contains("Gesamtbudget aller Perioden"))
        // Higher value is higher up: the 120 % point lies above the current plan's diamond.
        let open = chart.withClass("frontier-open").first?.int("cy") ?? 0
        #expect(open > 0 && line.hasSuffix(",\(open)"))
    }

    @Test("the frontier's description and table give every level, its value and status, in both languages")
    func frontierWords() throws {
        let german = try ParsedChart(FrontierChart.svg(Self.frontier, language: .de))
        #expect(german.text(of: "title") == "Effizienzkurve: Portfoliowert je Gesamtbudget")
        #expect(german.text(of: "desc") == "Portfoliowert für 4 Budgetstufen. 40 % (1.280.000 €): kein zulässiger Plan; "
            + "80 % (2.560.000 €): Wert 24; 100 % (3.200.000 €): Wert 28,3 – aktueller Plan; "
            + "120 % (3.840.000 €): Wert 30,5, beste gefundene Lösung, Schranke 31,3.")
        let english = try ParsedChart(FrontierChart.svg(Self.frontier, language: .en))
        #expect(english.text(of: "desc") == "Portfolio value for 4 budget levels. 40% (€1,280,000): no feasible plan; "
            + "80% (€2,560,000): value 24; 100% (€3,200,000): value 28.3 – current plan; "
            + "120% (€3,840,000): value 30.5, best plan found, bound 31.3.")
        let table = try ParsedChart(FrontierChart.table(Self.frontier, language: .de))
        #expect(table.all("tr").dropFirst().map(\.text) == [
            "40 %1.280.000 €–kein zulässiger Plan", "80 %2.560.000 €24optimal",
            "100 % (aktueller Plan)3.200.000 €28,3optimal", "120 %3.840.000 €30,5beste gefundene Lösung, Schranke 31,3",
        ])
        #expect(FrontierChart.svg([], language: .de).contains("Noch keine Budgetstufen berechnet."))
    }

    @Test("number words: German and English decimals, grouped thousands, short amounts")
    func numbers() {
        let de = ChartWording(language: .de), en = ChartWording(language: .en)
        #expect(de.decimal(1234.56, digits: 1) == "1.234,6")
        #expect(en.decimal(1234.56, digits: 1) == "1,234.6")
        #expect(de.decimal(2, digits: 2) == "2" && de.decimal(0.05, digits: 2) == "0,05" && de.decimal(-0.5) == "-0,5")
        #expect(de.shortAmount(1_250_000, kind: .budget) == "1,3 Mio. €" && en.shortAmount(1_250_000, kind: .budget) == "€1.3m")
        #expect(de.shortAmount(450_000, kind: .budget) == "450 T€" && en.shortAmount(450_000, kind: .budget) == "€450k")
        #expect(FrontierChart.niceCeiling(3_840_000 * 1.05) == 6_000_000)
        #expect(FrontierChart.ticks(upTo: 6_000_000) == [0, 2_000_000, 4_000_000, 6_000_000])
        let axis = FrontierChart.budgetAxis([1_280_000, 3_200_000, 3_840_000])
        #expect(axis.min == 1_000_000 && axis.max == 5_000_000 && axis.step == 1_000_000)
    }
}
