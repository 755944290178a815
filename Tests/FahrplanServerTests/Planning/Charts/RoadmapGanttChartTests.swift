import FahrplanCore
@testable import FahrplanServer
import Foundation
import Testing

@Suite("Planning charts: the roadmap (Gantt) as accessible SVG")
struct RoadmapGanttChartTests {
    /// The bars of project rows (the legend's samples are not in a row group), by the code in the row's tooltip.
    static func bars(_ chart: ParsedChart) -> [String: ParsedChart.Element] {
        var result: [String: ParsedChart.Element] = [:]
        var currentCode: String?
        for element in chart.elements where element.ancestorClasses.contains("gantt-row") {
            if element.name == "title" { currentCode = element.text.split(separator: " ").first.map(String.init) }
            if element.name == "rect", let code = currentCode { result[code] = element }
        }
        return result
    }

    @Test("a bar per scheduled project, at its start period's x and as wide as its duration; left-out projects have none")
    func barsAtTheirPeriods() throws {
        let chart = try ParsedChart(RoadmapGanttChart.svg(ChartFixtures.gantt(), language: .de))
        let bars = Self.bars(chart)
        #expect(Set(bars.keys) == ["P-01", "P-02", "P-03", "P-04"])
        let periodWidth = RoadmapGanttChart.periodWidth(8)
        #expect(periodWidth == 80)
        let left = RoadmapGanttChart.labelWidth + RoadmapGanttChart.marksWidth
        for (code, start, duration) in [("P-01", 0, 3), ("P-02", 1, 2), ("P-03", 1, 1), ("P-04", 4, 2)] {
            #expect(bars[code]?.int("x") == left + start * periodWidth + 3, "\(code)")
            #expect(bars[code]?.int("width") == duration * periodWidth - 6, "\(code)")
        }
        // Rows follow the fields of action in the given order; projects without one come last.
        let ys = ["P-03", "P-01", "P-02", "P-04"].compactMap { bars[$0]?.int("y") }
        #expect(ys == ys.sorted() && Set(ys).count == 4)
        let groups = chart.all("text").filter { $0.ancestors == ["svg"] && $0.classes == ["chart-text", "chart-strong"] }
        #expect(groups.map(\.text) == ["Bürgerservice (1)", "Verwaltung digital (1)", "\(ChartFixtures.hostile) (1)", "Ohne Handlungsfeld (1)"])
    }

    @Test("mandatory bars are hatched, fixed ones cross-hatched, changes by hand dashed, each with its letter")
    func marks() throws {
        let chart = try ParsedChart(RoadmapGanttChart.svg(ChartFixtures.gantt(), language: .de))
        let bars = Self.bars(chart)
        #expect(bars["P-01"]?.attributes["fill"] == "url(#roadmap-hatch)")
        #expect(bars["P-02"]?.attributes["fill"] == "url(#roadmap-cross)")
        #expect(bars["P-03"]?.attributes["fill"] == nil)
        #expect(bars["P-03"]?.classes.contains("gantt-manual") == true)
        #expect(bars["P-04"]?.classes == ["gantt-bar", "gantt-plain"])
        let letters = chart.elements.filter { $0.name == "text" && $0.ancestorClasses.contains("gantt-row") && $0.int("x") == RoadmapGanttChart.labelWidth + 4 }
        #expect(letters.map(\.text) == ["H", "P", "F"])
        #expect(chart.all("pattern").compactMap { $0.attributes["id"] } == ["roadmap-hatch", "roadmap-cross", "roadmap-over"])
        // English letters follow the English legend.
        let english = try ParsedChart(RoadmapGanttChart.svg(ChartFixtures.gantt(), language: .en))
        let englishLetters = english.elements.filter { $0.name == "text" && $0.ancestorClasses.contains("gantt-row") && $0.int("x") == RoadmapGanttChart.labelWidth + 4 }
        #expect(englishLetters.map(\.text) == ["H", "M", "F"])
        #expect(english.all("text").map(\.text).contains("M = mandatory"))
    }

    @Test("today's period is a marked column with a dashed edge and the word, in German and English")
    func today() throws {
        let svg = RoadmapGanttChart.svg(ChartFixtures.gantt(currentPeriod: 1), language: .de)
        let chart = try ParsedChart(svg)
        let column = chart.withClass("gantt-today").filter { !$0.classes.contains("gantt-today-swatch") }
        #expect(column.count == 1)
        #expect(column.first?.int("x") == RoadmapGanttChart.labelWidth + RoadmapGanttChart.marksWidth + 80)
        #expect(chart.withClass("gantt-today-line").first?.int("x1") == RoadmapGanttChart.labelWidth + RoadmapGanttChart.marksWidth + 80)
        #expect(chart.all("text").map(\.text).contains("▼ heute"))
        #expect(RoadmapGanttChart.svg(ChartFixtures.gantt(currentPeriod: 1), language: .en).contains("▼ today"))
        let outside = try ParsedChart(RoadmapGanttChart.svg(ChartFixtures.gantt(currentPeriod: nil), language: .de))
        #expect(outside.withClass("gantt-today").filter { !$0.classes.contains("gantt-today-swatch") }.isEmpty)
        #expect(outside.withClass("gantt-today-line").isEmpty)
    }

    @Test("the image is named by its title and a description of the plan in words, in both languages")
    func titleAndDescription() throws {
        let chart = try ParsedChart(RoadmapGanttChart.svg(ChartFixtures.gantt(), language: .de))
        #expect(chart.root?.attributes["role"] == "img")
        #expect(chart.root?.attributes["aria-labelledby"] == "roadmap-title roadmap-desc")
        #expect(chart.text(of: "title") == "Fahrplan 2027-H1 bis 2030-H2")
        #expect(chart.text(of: "desc") == "4 Projekte eingeplant in 4 Handlungsfeldern. Bürgerservice: 1 Projekt, in 2027-H2. "
            + "Verwaltung digital: 1 Projekt, von 2027-H1 bis 2028-H1. \(ChartFixtures.hostile): 1 Projekt, von 2027-H2 bis 2028-H1. "
            + "Ohne Handlungsfeld: 1 Projekt, von 2029-H1 bis 2029-H2. Pflichtprojekte: P-01. Fester Beginn: P-02. "
            + "Von Hand geändert: P-03. Nicht eingeplant: P-05. Heute liegt in 2027-H2. "
            + "Die Tabelle zum Fahrplan nennt jedes Projekt mit Beginn und Ende.")
        let english = try ParsedChart(RoadmapGanttChart.svg(ChartFixtures.gantt(), language: .en))
        #expect(english.text(of: "title") == "Roadmap 2027-H1 to 2030-H2")
        #expect(english.text(of: "desc") == "4 projects scheduled in 4 fields of action. Bürgerservice: 1 project, in 2027-H2. "
            + "Verwaltung digital: 1 project, from 2027-H1 to 2028-H1. \(ChartFixtures.hostile): 1 project, from 2027-H2 to 2028-H1. "
            + "Ohne Handlungsfeld: 1 project, from 2029-H1 to 2029-H2. Mandatory: P-01. Fixed start: P-02. "
            + "Changed by hand: P-03. Not scheduled: P-05. Today lies in 2027-H2. "
            + "The roadmap's table lists every project with its start and end.")
    }

    @Test("hostile project and field titles come out escaped in the image and in the table")
    func escaping() throws {
        for language in Language.allCases {
            let svg = RoadmapGanttChart.svg(ChartFixtures.gantt(), language: language)
            let table = RoadmapGanttChart.table(ChartFixtures.gantt(), language: language)
            for markup in [svg, table] {
                #expect(!markup.contains("<script"))
                #expect(markup.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;"))
            }
            _ = try ParsedChart(svg)
            _ = try ParsedChart(table)
        }
        // A control character in a title is dropped rather than breaking the XML.
        var input = ChartFixtures.gantt()
        input.groups[0].rows[0].title = "Bürger\u{1}portal"
        #expect(try ParsedChart(RoadmapGanttChart.svg(input, language: .de)).all("title").contains { $0.text.contains("Bürgerportal") })
    }

    @Test("the table lists every project with field, period and marks, left-out ones last, linking where a URL is given")
    func table() throws {
        let table = try ParsedChart(RoadmapGanttChart.table(ChartFixtures.gantt(), language: .de))
        let rows = table.all("tr").dropFirst().map { row in row.text }
        #expect(rows == [
            "BürgerserviceP-03 Bürgerportal2027-H2von Hand geändert",
            "Verwaltung digitalP-01 E-Akte2027-H1 bis 2028-H1Pflichtprojekt",
            "\(ChartFixtures.hostile)P-02 \(ChartFixtures.hostile)2027-H2 bis 2028-H1fester Beginn",
            "Ohne HandlungsfeldP-04 Schul-WLAN2029-H1 bis 2029-H2",
            "–P-05 Ratsinformationssystemnicht eingeplant",
        ])
        #expect(table.all("a").map { $0.attributes["href"] } == ["/m/musterstadt/projects/1"])
        #expect(table.text(of: "caption") == "Fahrplan 2027-H1 bis 2030-H2")
        let english = try ParsedChart(RoadmapGanttChart.table(ChartFixtures.gantt(), language: .en))
        #expect(english.all("th").prefix(4).map(\.text) == ["Field of action", "Project", "Period", "Marks"])
    }

    @Test("a bar running past the horizon is cut at its end, and the table says it goes beyond")
    func pastTheHorizon() throws {
        var input = ChartFixtures.gantt()
        input.groups[0].rows[0].start = 7
        input.groups[0].rows[0].duration = 3
        let bars = Self.bars(try ParsedChart(RoadmapGanttChart.svg(input, language: .de)))
        #expect(bars["P-03"]?.int("width") == 80 - 6)
        #expect(RoadmapGanttChart.table(input, language: .de).contains("ab 2030-H2, über 2030-H2 hinaus"))
    }

    @Test("a 500-project plan gives 500 bars in one well-formed image, and a long description names counts, not every project")
    func largePlan() throws {
        let fields = (1...6).map { "Handlungsfeld \($0)" }
        var projects: [RoadmapProblem.Project] = []
        var starts: [String: Int] = [:]
        var fieldOf: [String: String] = [:]
        for index in 1...500 {
            let id = "P-\(index)"
            projects.append(.init(id: id, title: "Projekt \(index) mit einem recht langen Titel, der gekürzt wird", value: 1,
                                  duration: 1 + index % 3, mandatory: index % 25 == 0))
            starts[id] = index % 8
            fieldOf[id] = fields[index % fields.count]
        }
        let problem = RoadmapProblem(periods: ChartFixtures.periods, discount: 1, resources: [], projects: projects)
        let input = GanttInput.make(problem: problem, schedule: RoadmapSchedule(starts: starts), fieldOf: fieldOf,
                                    fieldOrder: fields, noField: "–")
        let chart = try ParsedChart(RoadmapGanttChart.svg(input, language: .de))
        #expect(Self.bars(chart).count == 500)
        let description = chart.text(of: "desc") ?? ""
        #expect(description.hasPrefix("500 Projekte eingeplant in 6 Handlungsfeldern."))
        // Twenty mandatory projects: ten by name, then how many more.
        #expect(description.contains(" und 10 weitere."))
        #expect(description.count < 1_500)
        #expect(chart.root?.int("height") == RoadmapGanttChart.headerHeight + 6 * RoadmapGanttChart.groupHeight
            + 500 * RoadmapGanttChart.rowHeight + RoadmapGanttChart.legendHeight)
    }
}
