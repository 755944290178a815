@testable import FahrplanCore
import Testing

@Suite("RoadmapCheck: every rule a schedule breaks")
struct RoadmapCheckTests {
    let problem = smallRoadmap([
        .init(id: "P1", value: 10, duration: 2, usage: ["FD-IT": [1.5, 1], "budget": [60_000, 0]], earliestStart: 1),
        .init(id: "P2", value: 5, duration: 1, usage: ["FD-IT": [1]], latestFinish: 2, after: ["P1"]),
        .init(id: "P3", value: 5, duration: 1, usage: ["budget": [50_000]], mandatory: true),
        .init(id: "P4", value: 5, duration: 2, after: ["P3"]),
    ])

    @Test("a schedule that keeps every rule has no violations")
    func clean() {
        #expect(RoadmapCheck.violations(of: RoadmapSchedule(starts: ["P1": 1, "P2": 3, "P3": 0, "P4": 1]), in: problem).map(\.kind)
            == [.latestFinish])
        #expect(RoadmapCheck.violations(of: RoadmapSchedule(starts: ["P1": 1, "P3": 0, "P4": 1]), in: problem).isEmpty)
    }

    @Test("each kind: unknown project, earliest start, horizon, latest finish, mandatory, missing and overlapping predecessor")
    func kinds() {
        let violations = RoadmapCheck.violations(of: RoadmapSchedule(starts: ["X": 0, "P1": 0, "P2": 1, "P4": 3]), in: problem)
        #expect(violations.map(\.kind) == [.unknownProject, .earliestStart, .afterOverlap, .mandatory, .horizon, .afterMissing])
        #expect(violations.map(\.kind.rawValue).contains("after-overlap"))
        #expect(violations[1].message == "P1 beginnt 2027-H1, darf aber frühestens 2027-H2 beginnen.")
        #expect(violations[2].projects == ["P2", "P1"])
        #expect(violations[2].message == "P2 beginnt 2027-H2, P1 läuft aber bis 2027-H2; frühester Beginn wäre 2028-H1.")
        #expect(violations[3].message == "Das Pflichtprojekt P3 ist nicht eingeplant.")
        #expect(violations[5].messageEN == "P4 requires P3, which is not scheduled.")
    }

    @Test("budget and capacity overruns name period, use, limit, excess and the projects running then")
    func resources() {
        let crowded = smallRoadmap([
            .init(id: "A", value: 1, duration: 1, usage: ["FD-IT": [1.25], "budget": [70_000]]),
            .init(id: "B", value: 1, duration: 1, usage: ["FD-IT": [1.25], "budget": [40_000]]),
        ])
        let violations = RoadmapCheck.violations(of: RoadmapSchedule(starts: ["A": 2, "B": 2]), in: crowded)
        #expect(violations.map(\.kind) == [.budget, .capacity])
        #expect(violations[1].resource == "FD-IT" && violations[1].period == 2 && violations[1].projects == ["A", "B"])
        #expect(violations[1].used == 2.5 && violations[1].limit == 2 && violations[1].excess == 0.5)
        #expect(violations[1].message == "FD-IT 2028-H1: 2,5 VZÄ verplant, verfügbar sind 2,0 VZÄ (0,5 VZÄ zu viel): A und B.")
        #expect(violations[0].message == "Budget 2028-H1: 0,11 Mio. € verplant, verfügbar sind 0,1 Mio. € (10.000 € zu viel): A und B.")
    }

    @Test("sums of decimals that only miss the limit by rounding are not violations")
    func tolerance() {
        let tenths = smallRoadmap([.init(id: "A", value: 1, duration: 1, usage: ["FD-IT": [0.1]]),
                                   .init(id: "B", value: 1, duration: 1, usage: ["FD-IT": [0.2]])], it: [0.3, 0.3, 0.3, 0.3])
        let all = RoadmapSchedule(starts: ["A": 0, "B": 0])
        #expect(0.1 + 0.2 > 0.3)
        #expect(RoadmapCheck.violations(of: all, in: tenths).isEmpty)
        let over = smallRoadmap([.init(id: "A", value: 1, duration: 1, usage: ["FD-IT": [0.31]])], it: [0.3, 0.3, 0.3, 0.3])
        #expect(RoadmapCheck.violations(of: RoadmapSchedule(starts: ["A": 0]), in: over).map(\.kind) == [.capacity])
    }
}
