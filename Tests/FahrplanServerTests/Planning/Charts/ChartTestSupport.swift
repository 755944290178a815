import FahrplanCore
@testable import FahrplanServer
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A chart's markup read back as XML: every element with its attributes, the classes of its ancestors and its
/// text. Parsing fails on markup that is not well-formed, which is itself a check (an unescaped title breaks it).
struct ParsedChart {
    struct Element {
        var name: String
        var attributes: [String: String]
        var ancestors: [String]
        var ancestorClasses: [String]
        var text: String

        var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }
        func int(_ attribute: String) -> Int? { attributes[attribute].flatMap { Int($0) } }
    }

    var elements: [Element]

    init(_ markup: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = delegate
        guard parser.parse() else { throw ChartParseError(message: parser.parserError.map { "\($0)" } ?? "invalid XML") }
        elements = delegate.finished
    }

    var root: Element? { elements.first }
    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    func withClass(_ cssClass: String) -> [Element] { elements.filter { $0.classes.contains(cssClass) } }
    func text(of name: String) -> String? { all(name).first?.text }

    private final class Collector: NSObject, XMLParserDelegate {
        var open: [Element] = []
        var finished: [Element] = []
        private var order: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let classes = open.flatMap { ($0.attributes["class"] ?? "").split(separator: " ").map(String.init) }
            open.append(Element(name: name, attributes: attributes, ancestors: open.map(\.name), ancestorClasses: classes, text: ""))
            order.append(finished.count)
            finished.append(open[open.count - 1])
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for index in open.indices { open[index].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard let element = open.popLast(), let slot = order.popLast() else { return }
            finished[slot] = element
        }
    }
}

struct ChartParseError: Error { var message: String }

/// A small plan: three fields of action, eight half-years, a mandatory, a fixed and a hand-moved project.
enum ChartFixtures {
    static let periods = ["2027-H1", "2027-H2", "2028-H1", "2028-H2", "2029-H1", "2029-H2", "2030-H1", "2030-H2"]
    static let hostile = "<script>alert(\"x\")</script> & 'Co'"

    static var problem: RoadmapProblem {
        RoadmapProblem(name: "Musterstadt", periods: periods, discount: 0.95, resources: [
            .init(id: "budget", kind: .budget, label: "Haushalt investiv", capacity: Array(repeating: 400_000, count: 8)),
            .init(id: "FD-IT", kind: .staff, label: "FD-IT", capacity: Array(repeating: 4, count: 8)),
        ], projects: [
            .init(id: "P-01", title: "E-Akte", value: 10, duration: 3, usage: ["budget": [100_000, 100_000, 50_000], "FD-IT": [1.5, 1.5, 1]], mandatory: true),
            .init(id: "P-02", title: hostile, value: 8, duration: 2, usage: ["budget": [200_000, 100_000], "FD-IT": [2, 1]]),
            .init(id: "P-03", title: "Bürgerportal", value: 6, duration: 1, usage: ["FD-IT": [1]]),
            .init(id: "P-04", title: "Schul-WLAN", value: 5, duration: 2, usage: ["budget": [150_000, 150_000], "FD-IT": [0.5, 0.5]]),
            .init(id: "P-05", title: "Ratsinformationssystem", value: 1, duration: 2, usage: ["FD-IT": [1, 1]]),
        ])
    }

    /// P-05 is left out; P-03 was moved by hand into 2027-H2, where FD-IT then needs 4.5 of 4 FTE.
    static let schedule = RoadmapSchedule(starts: ["P-01": 0, "P-02": 1, "P-03": 1, "P-04": 4])

    static let fields = ["P-01": "Verwaltung digital", "P-02": hostile, "P-03": "Bürgerservice"]

    static func gantt(currentPeriod: Int? = 1) -> GanttInput {
        GanttInput.make(problem: problem, schedule: schedule, fieldOf: fields,
                        fieldOrder: ["Bürgerservice", "Verwaltung digital", hostile], fixed: ["P-02"], manual: ["P-03"],
                        urlOf: ["P-01": "/m/musterstadt/projects/1"], currentPeriod: currentPeriod, noField: "Ohne Handlungsfeld")
    }
}
