import FahrplanCore
import Foundation
import Testing

@Suite("Reporting: strategy versions and their diff")
struct ReportingStrategyVersionTests {
    typealias F = ReportingFixtures
    static let municipality = F.id(77)

    static func version(ranking: [(String, Int)] = [("a", 1), ("b", 2), ("c", 3)]) -> StrategyVersion {
        StrategyVersion(
            municipalityID: municipality, name: "Strategie 2026", adoptedOn: F.day("2026-01-20"), vision: "Digital und nah",
            elements: [
                .init(id: "g1", kind: .goal, position: 1, code: "Z1", title: "Online-Dienste", targetStatement: "80 % online",
                      targetYear: 2030, parentID: "f1"),
                .init(id: "f1", kind: .fieldOfAction, position: 1, code: "H1", title: "Verwaltung"),
                .init(id: "p1", kind: .principle, position: 1, title: "Nutzen vor Technik"),
            ],
            kpis: [.init(id: "k1", goalID: "g1", definition: KPIDefinition(
                name: "Online-Anteil", unit: "%", direction: .increase, baseline: 20, baselineOn: F.day("2025-01-01"),
                target: 60, targetOn: F.day("2027-12-31")))],
            ranking: ranking.map { .init(projectID: $0.0, code: "P-" + $0.0, title: "Projekt " + $0.0, position: $0.1) },
            roadmap: [.init(projectID: "a", code: "P-a", title: "Projekt a", status: .inProgress, startOn: F.day("2026-01-01"),
                            endOn: F.day("2026-12-31"))])
    }

    @Test("the JSON form is stable: sorted keys, canonical order whatever the input order, and decodes to the same value")
    func codable() throws {
        let version = Self.version()
        var reordered = Self.version(ranking: [("c", 3), ("a", 1), ("b", 2)])
        reordered.elements.reverse()
        let data = try version.encoded()
        #expect(try reordered.encoded() == data)
        #expect(try StrategyVersion.decode(data) == version)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""adoptedOn":"2026-01-20""#))
        #expect(text.contains(#""format":1"#))
        #expect(text.contains(#""baselineOn":"2025-01-01""#) && text.contains(#""direction":"increase""#))
        // Elements in kind order (principle, field of action, goal), whatever order they were given in.
        #expect(try StrategyVersion.decode(data).elements.map(\.id) == ["p1", "f1", "g1"])
    }

    @Test("a form newer than this code is refused, malformed JSON throws")
    func futureFormat() throws {
        var version = Self.version()
        version.format = StrategyVersion.currentFormat + 1
        let data = try JSONEncoder().encode(version)
        #expect(throws: ValidationFailure([FieldProblem("format", .outOfRange(min: 1, max: StrategyVersion.currentFormat))])) {
            try StrategyVersion.decode(data)
        }
        #expect(throws: (any Error).self) { try StrategyVersion.decode(Data("{\"format\":1}".utf8)) }
    }

    @Test("diff: added, removed, changed with old → new, re-ranked with old → new position")
    func diff() throws {
        let old = Self.version()
        var new = Self.version(ranking: [("b", 1), ("a", 2), ("d", 3)])
        new.vision = "Digital, nah und offen"
        new.elements[new.elements.firstIndex { $0.id == "g1" }!].targetStatement = "90 % online"
        new.elements.removeAll { $0.id == "p1" }
        new.elements.append(.init(id: "pr1", kind: .program, position: 1, title: "Portal", parentID: "g1"))
        new.kpis[0].definition.target = 70
        new.ranking[0].title = "Projekt b (neu)"
        new.roadmap[0].endOn = F.day("2027-03-31")
        let diff = try StrategyVersionDiff.compare(from: old, to: new)
        #expect(diff.added.map(\.id) == ["pr1", "d"])
        #expect(diff.added.map(\.section) == [.program, .ranking])
        #expect(diff.removed.map(\.id) == ["p1", "c"])
        #expect(diff.removed.map(\.label) == ["Nutzen vor Technik", "P-c Projekt c"])
        #expect(diff.changed.map(\.section) == [.vision, .goal, .kpi, .ranking, .roadmap])
        #expect(diff.changed[1].fields == [FieldChange(field: "targetStatement", old: "80 % online", new: "90 % online")])
        #expect(diff.changed[2].fields == [FieldChange(field: "target", old: "60", new: "70")])
        #expect(diff.changed[3].fields == [FieldChange(field: "title", old: "Projekt b", new: "Projekt b (neu)")])
        #expect(diff.changed[4].fields == [FieldChange(field: "endOn", old: "2026-12-31", new: "2027-03-31")])
        #expect(diff.reranked.map { "\($0.projectID) \($0.oldPosition)→\($0.newPosition)" } == ["b 2→1", "a 1→2"])
        #expect(diff.reranked.map(\.movedUp) == [1, -1])
    }

    @Test("the same version twice: no difference; a version of another municipality is refused")
    func sameAndForeign() throws {
        #expect(try StrategyVersionDiff.compare(from: Self.version(), to: Self.version()).isEmpty)
        var foreign = Self.version()
        foreign.municipalityID = F.id(78)
        #expect(throws: ValidationFailure([FieldProblem("from", .unknownReference)])) {
            try StrategyVersionDiff.compare(from: Self.version(), to: foreign)
        }
    }

    @Test("2,000 projects: the sample's changes are found, and a JSON round trip loses nothing")
    func large() throws {
        let (old, new) = ReportingSample.versions(projects: 2_000)
        let diff = try StrategyVersionDiff.compare(from: old, to: new)
        #expect(diff.added.contains { $0.section == .ranking && $0.label == "P-NEU Neues Projekt" })
        #expect(diff.removed.allSatisfy { $0.section == .ranking })
        #expect(diff.reranked.count > 50)
        #expect(diff.changed.filter { $0.section == .roadmap }.count == 40)
        #expect(diff.changed.filter { $0.section == .kpi }.count == 8)
        #expect(try StrategyVersion.decode(new.encoded()) == new)
    }
}
