import Foundation
@testable import FahrplanCore
import Testing

@Suite("PlanningFormat: fahrplan-planning/1 and fahrplan-plan/1 in and out")
struct FormatTests {
    static let sample = #"""
    {"format":"fahrplan-planning/1","name":"mini","periods":["2027-H1","2027-H2","2028-H1"],"discount":0.97,
     "budget":[1000,1200,900.5],
     "departments":[{"id":"FD-IT","capacity":[1.5,1.5,2]},{"id":"FD-10","capacity":[0.5,0.5,0.5]}],
     "projects":[
      {"id":"P1","title":"E-Akte","value":73.5,"duration":2,"cost":[100,40],"effort":{"FD-IT":[0.5,0.25]},
       "earliestStart":1,"mandatory":true},
      {"id":"P2","title":"Wohngeld online","value":12,"duration":1,"cost":[300],"effort":{"FD-10":[0.27]},
       "latestFinish":1,"mandatory":false,"after":["P1"]}
     ]}
    """#

    static func problems(_ json: String) -> [FieldProblem] {
        do {
            _ = try PlanningFormat.decodeProblem(Data(json.utf8))
            return []
        } catch let failure as ValidationFailure {
            return failure.problems
        } catch {
            return [FieldProblem("unexpected", .invalidChoice)]
        }
    }

    @Test("decoding maps budget and departments to resources, cost and effort to usage")
    func decode() throws {
        let p = try PlanningFormat.decodeProblem(Data(Self.sample.utf8))
        #expect(p.name == "mini" && p.periods.count == 3 && p.discount == 0.97)
        #expect(p.resources.map(\.id) == ["budget", "FD-IT", "FD-10"])
        #expect(p.resources[0].kind == .budget && p.resources[1].kind == .staff && p.resources[0].capacity == [1000, 1200, 900.5])
        let first = p.projects[0]
        #expect(first.usage == ["budget": [100, 40], "FD-IT": [0.5, 0.25]] && first.earliestStart == 1 && first.mandatory)
        #expect(p.projects[1].after == ["P1"] && p.projects[1].latestFinish == 1 && p.projects[1].title == "Wohngeld online")
    }

    @Test("encode then decode gives the same problem, numbers written as in the file")
    func roundTrip() throws {
        let p = try PlanningFormat.decodeProblem(Data(Self.sample.utf8))
        let encoded = PlanningFormat.encodeProblem(p)
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains("\"budget\":[1000,1200,900.5]") && text.contains("[0.5,0.25]") && text.contains("0.27"))
        #expect(try PlanningFormat.decodeProblem(encoded) == p)
    }

    @Test("bad files name the JSON path of each problem")
    func badFiles() {
        func fields(_ replace: String, _ with: String) -> [String] {
            Self.problems(Self.sample.replacingOccurrences(of: replace, with: with)).map(\.field)
        }
        #expect(fields("\"budget\":[1000,1200,900.5]", "\"budget\":[1000,1200]") == ["budget"])
        #expect(fields("\"cost\":[100,40]", "\"cost\":[100,-40]") == ["projects[0].cost[1]"])
        #expect(fields("\"id\":\"P2\"", "\"id\":\"P1\"").contains("projects[1].id"))
        #expect(fields("\"after\":[\"P1\"]", "\"after\":[\"P9\"]") == ["projects[1].after[0]"])
        #expect(fields("\"discount\":0.97", "\"discount\":1.5") == ["discount"])
        #expect(fields("\"discount\":0.97", "\"discount\":0") == ["discount"])
        #expect(fields("fahrplan-planning/1", "fahrplan-planning/2") == ["format"])
        #expect(fields("\"effort\":{\"FD-IT\":[0.5,0.25]}", "\"effort\":{\"FD-99\":[0.5,0.25]}") == ["projects[0].effort.FD-99"])
        // Follow-on problems (vectors no longer matching the duration, effort for the dropped department) are named too.
        #expect(fields("\"duration\":2", "\"duration\":0").first == "projects[0].duration")
        #expect(fields("{\"id\":\"FD-10\"", "{\"id\":\"FD-IT\"").first == "departments[1].id")
        #expect(Self.problems("not json").map(\.field) == ["$"])
        let negative = Self.problems(Self.sample.replacingOccurrences(of: "\"cost\":[100,40]", with: "\"cost\":[100,-40]"))
        #expect(negative.first?.kind == .negative)
    }

    @Test("a solution is written as fahrplan-plan/1 and its schedule read back; unknown or repeated ids are named")
    func solution() throws {
        let p = try PlanningFormat.decodeProblem(Data(Self.sample.utf8))
        let schedule = RoadmapSchedule(starts: ["P1": 1])
        let solution = RoadmapSolution(schedule: schedule, objective: 71.295, bound: 80, status: .limitReached, nodes: 3)
        let data = PlanningFormat.encodeSolution(solution, problem: p)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["format"] as? String == "fahrplan-plan/1" && json["objective"] as? Double == 71.295 && json["bound"] as? Double == 80)
        #expect(json["status"] as? String == "limitReached")
        #expect(try PlanningFormat.decodeSchedule(data, for: p) == schedule)
        let bad = #"{"format":"fahrplan-plan/1","schedule":[{"id":"P9","start":0},{"id":"P1","start":0},{"id":"P1","start":1}]}"#
        #expect(throws: ValidationFailure([FieldProblem("schedule[0].id", .unknownReference), FieldProblem("schedule[2].id", .duplicate)])) {
            try PlanningFormat.decodeSchedule(Data(bad.utf8), for: p)
        }
    }
}
