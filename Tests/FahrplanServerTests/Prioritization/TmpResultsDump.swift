import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite struct TmpResultsDumpPrioritizationResults {
    @Test func dump() async throws {
        try await withServer { server in
            let round = try await ResultsRound.closed(on: server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            func save(_ name: String, _ path: String) async throws {
                let r = try await team.get(path)
                try r.body.write(toFile: "/tmp/results-pages/\(name).html", atomically: true, encoding: .utf8)
            }
            _ = try await team.post(round.path + "/ranking/override", [("projectID", round.projects[2].uuidString), ("decidedRank", "1"), ("decidedBy", "Stadtrat"), ("rationale", "x")])
            let created = try await team.post(round.path + "/scenarios", [("name", "Pandemie"), ("weights[urgency]", "40"), ("urgentProjectIDs[]", round.projects[2].uuidString), ("addedName", "Kontaktarm"), ("addedWeight", "20"), ("addedProjectIDs[]", round.projects[1].uuidString)])
            let sid = created.location!.components(separatedBy: "/").last!
            try await save("ranking", round.path + "/ranking")
            try await save("project", round.path + "/projects/\(round.projects[2])")
            try await save("sensitivity", round.path + "/sensitivity")
            try await save("scenarios", round.path + "/scenarios")
            try await save("scenario-new", round.path + "/scenarios/new")
            try await save("scenario-edit", round.path + "/scenarios/\(sid)/edit")
            try await save("scenario", round.path + "/scenarios/\(sid)")
            _ = try await team.post(round.path + "/scenarios/\(sid)/adopt", [("decidedBy", "Rat"), ("rationale", "ok")])
            try await save("ranking-v2", round.path + "/ranking")
            try await save("decisions", "/m/musterstadt/decisions")
            try await save("decisions-bad", "/m/musterstadt/decisions?from=31.02.2026")
            try await save("profile", "/m/musterstadt/projects/\(round.projects[2])")
            let bad = try await team.post(round.path + "/scenarios", [("name", ""), ("weights[urgency]", "x")])
            try bad.body.write(toFile: "/tmp/results-pages/scenario-bad.html", atomically: true, encoding: .utf8)
            let badO = try await team.post(round.path + "/ranking/override", [("decidedRank", "0")])
            try badO.body.write(toFile: "/tmp/results-pages/override-bad.html", atomically: true, encoding: .utf8)
            let badD = try await team.post("/m/musterstadt/decisions", [("decisionKind", "x")])
            try badD.body.write(toFile: "/tmp/results-pages/decision-bad.html", atomically: true, encoding: .utf8)
            try await save("sensitivity-bad", round.path + "/sensitivity?samples=0")
            // open round provisional + hidden
            let open = try await ResultsRound.open(on: server, submit: [0])
            try await save("ranking-provisional", open.path + "/ranking")
            let late = server.client()
            try await late.login(Fixtures.departmentLead)
            let hidden = try await late.get(open.path + "/ranking")
            try hidden.body.write(toFile: "/tmp/results-pages/hidden.html", atomically: true, encoding: .utf8)
        }
    }
}
