@testable import FahrplanCore
import Testing

/// A small problem: four half-years, an IT department with 2 FTE and a budget of 100,000 € per period.
func smallRoadmap(_ projects: [RoadmapProblem.Project], it: [Double] = [2, 2, 2, 2],
                  budget: [Double] = [100_000, 100_000, 100_000, 100_000], discount: Double = 0.9) -> RoadmapProblem {
    RoadmapProblem(name: "klein", periods: ["2027-H1", "2027-H2", "2028-H1", "2028-H2"], discount: discount,
                   resources: [RoadmapProblem.Resource(id: "budget", kind: .budget, capacity: budget),
                               RoadmapProblem.Resource(id: "FD-IT", kind: .staff, capacity: it)],
                   projects: projects)
}

@Suite("RoadmapDiagnosis: why a roadmap problem has no feasible schedule")
struct RoadmapDiagnosisTests {
    @Test("a well-formed problem with room for everything has no conflicts")
    func noConflicts() {
        let problem = smallRoadmap([
            .init(id: "P1", value: 10, duration: 2, usage: ["FD-IT": [1, 1]], mandatory: true),
            .init(id: "P2", value: 5, duration: 1, usage: ["budget": [50_000]], after: ["P1"]),
        ])
        #expect(RoadmapDiagnosis.conflicts(in: problem).isEmpty)
    }

    @Test("malformed input is reported alone: lengths, signs, duplicates, discount, duration, unknown resource")
    func invalidInput() {
        var problem = smallRoadmap([
            .init(id: "P1", value: -1, duration: 0),
            .init(id: "P1", value: 1, duration: 2, usage: ["FD-IT": [1, 1, 1], "FD-XY": [1]]),
            .init(id: "P3", value: 1, duration: 1, usage: ["budget": [-5]], earliestStart: -1, after: ["P9"]),
        ], discount: 1.2)
        problem.resources[1].capacity = [2, 2, 2]
        let conflicts = RoadmapDiagnosis.conflicts(in: problem)
        #expect(conflicts.allSatisfy { $0.kind == .invalidInput })
        let text = conflicts.map(\.message).joined(separator: "\n")
        #expect(text.contains("Abzinsungsfaktor"))
        #expect(text.contains("FD-IT hat 3 Kapazitätswerte, der Plan aber 4 Zeiträume"))
        #expect(text.contains("Das Projekt P1 ist doppelt angegeben"))
        #expect(text.contains("P1: Die Dauer muss mindestens 1 Zeitraum sein (ist 0)"))
        #expect(text.contains("P1: Der Wert muss eine Zahl ab 0 sein (ist −1)"))
        #expect(text.contains("P1 braucht die Ressource FD-XY"))
        #expect(text.contains("Der Bedarf an FD-IT hat 3 Werte"))
        #expect(text.contains("P3: Der Bedarf an budget im 1. Laufzeitraum ist ungültig"))
        #expect(text.contains("P3: Der früheste Beginn darf nicht negativ sein"))
        #expect(conflicts.count == 9)
    }

    @Test("an unknown predecessor is named with the project that needs it")
    func unknownPredecessor() {
        let conflicts = RoadmapDiagnosis.conflicts(in: smallRoadmap([.init(id: "P1", value: 1, duration: 1, after: ["P9"])]))
        #expect(conflicts.map(\.kind) == [.unknownPredecessor])
        #expect(conflicts.first?.projects == ["P1", "P9"])
        #expect(conflicts.first?.message == "P1 setzt P9 voraus, das es in diesem Plan nicht gibt.")
    }

    @Test("a dependency cycle is named in order, a self-dependency too; projects behind a cycle are not miscounted")
    func cycles() {
        let conflicts = RoadmapDiagnosis.conflicts(in: smallRoadmap([
            .init(id: "A", value: 1, duration: 1, after: ["B"]),
            .init(id: "B", value: 1, duration: 1, after: ["C"]),
            .init(id: "C", value: 1, duration: 1, after: ["A"]),
            .init(id: "D", value: 1, duration: 1, after: ["D"]),
            .init(id: "E", value: 1, duration: 1, after: ["A"]),
        ]))
        #expect(conflicts.map(\.kind) == [.dependencyCycle, .dependencyCycle])
        #expect(conflicts[0].projects == ["A", "B", "C", "A"])
        #expect(conflicts[0].message.hasPrefix("Zirkuläre Abhängigkeit: A → B → C → A"))
        #expect(conflicts[1].message == "D setzt sich selbst voraus.")
    }

    @Test("a deadline before the earliest possible finish names the predecessor that pushes it back")
    func deadline() {
        let conflicts = RoadmapDiagnosis.conflicts(in: smallRoadmap([
            .init(id: "P1", value: 1, duration: 2),
            .init(id: "P2", value: 1, duration: 1, latestFinish: 1, after: ["P1"]),
        ]))
        #expect(conflicts.map(\.kind) == [.deadlineBeforeEarliestStart])
        #expect(conflicts[0].projects == ["P2", "P1"])
        #expect(conflicts[0].message == "P2 muss bis 2027-H2 abgeschlossen sein, kann aber frühestens 2028-H1 fertig werden: "
            + "Beginn frühestens 2028-H1 (nach P1), Dauer 1 Zeitraum.")
    }

    @Test("too long for the horizon: a conflict only when mandatory")
    func beyondHorizon() {
        let optional = RoadmapDiagnosis.conflicts(in: smallRoadmap([.init(id: "P1", value: 1, duration: 3, earliestStart: 2)]))
        #expect(optional.isEmpty)
        let mandatory = RoadmapDiagnosis.conflicts(in: smallRoadmap([.init(id: "P1", value: 1, duration: 3, earliestStart: 2, mandatory: true)]))
        #expect(mandatory.map(\.kind) == [.beyondHorizon])
        #expect(mandatory[0].message.contains("der Planungszeitraum endet 2028-H2"))
    }

    @Test("a mandatory project that fits in no start names resource, period, capacity and need")
    func mandatoryDoesNotFit() {
        let conflicts = RoadmapDiagnosis.conflicts(in: smallRoadmap([
            .init(id: "P007", value: 1, duration: 1, usage: ["FD-IT": [2.5]], earliestStart: 2, mandatory: true),
        ], it: [3, 3, 2, 2]))
        #expect(conflicts.map(\.kind) == [.mandatoryDoesNotFit])
        #expect(conflicts[0].resources == ["FD-IT"] && conflicts[0].periods == [2, 3])
        #expect(conflicts[0].message == "Pflichtprojekt P007 passt in keinem Zeitraum: FD-IT hat 2028-H1 nur 2,0 VZÄ, benötigt 2,5 VZÄ; "
            + "FD-IT hat 2028-H2 nur 2,0 VZÄ, benötigt 2,5 VZÄ.")
        let budget = RoadmapDiagnosis.conflicts(in: smallRoadmap([
            .init(id: "P8", value: 1, duration: 1, usage: ["budget": [250_000]], earliestStart: 3, mandatory: true),
        ]))
        #expect(budget.first?.message == "Pflichtprojekt P8 passt nicht: Budget hat 2028-H2 nur 0,1 Mio. €, benötigt 0,25 Mio. €.")
    }

    @Test("a mandatory project whose predecessor can never be scheduled names that predecessor and why")
    func impossiblePredecessor() {
        let conflicts = RoadmapDiagnosis.conflicts(in: smallRoadmap([
            .init(id: "P1", value: 1, duration: 1, usage: ["FD-IT": [5]]),
            .init(id: "P2", value: 1, duration: 1, after: ["P1"]),
            .init(id: "P3", value: 1, duration: 1, mandatory: true, after: ["P2"]),
        ]))
        #expect(conflicts.map(\.kind) == [.mandatoryPredecessorImpossible])
        #expect(conflicts[0].projects == ["P3", "P1"])
        #expect(conflicts[0].message.contains("P1 passt in keinem Zeitraum in die Kapazitäten"))
    }

    @Test("mandatory projects pinned to one start that together exceed a period are named together")
    func pinnedTogether() {
        let conflicts = RoadmapDiagnosis.conflicts(in: smallRoadmap([
            .init(id: "P1", value: 1, duration: 2, usage: ["FD-IT": [1.5, 1.5]], earliestStart: 0, latestFinish: 1, mandatory: true),
            .init(id: "P2", value: 1, duration: 1, usage: ["FD-IT": [1]], earliestStart: 1, latestFinish: 1, mandatory: true),
        ]))
        #expect(conflicts.map(\.kind) == [.mandatoryDoesNotFit])
        #expect(conflicts[0].projects == ["P1", "P2"] && conflicts[0].periods == [1])
        #expect(conflicts[0].message.contains("2027-H2 zusammen 2,5 VZÄ von FD-IT, verfügbar sind nur 2,0 VZÄ"))
    }

    @Test("all mandatory work against the whole horizon's capacity")
    func horizonTotal() {
        let conflicts = RoadmapDiagnosis.conflicts(in: smallRoadmap([
            .init(id: "P1", value: 1, duration: 2, usage: ["FD-IT": [2, 2]], mandatory: true),
            .init(id: "P2", value: 1, duration: 2, usage: ["FD-IT": [2, 2]], mandatory: true),
            .init(id: "P3", value: 1, duration: 1, usage: ["FD-IT": [1]], mandatory: true),
        ]))
        #expect(conflicts.map(\.kind) == [.mandatoryDoesNotFit])
        #expect(conflicts[0].message.contains("insgesamt 9,0 VZÄ"))
    }
}
