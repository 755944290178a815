import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("Quick-Check: survey rounds for the strategy team")
struct SurveyRoundTests {
    @Test("the team creates a public round, edits it (k only upward), closes it early; answers are then refused; all audited")
    func lifecycle() async throws {
        try await withServer { server in
            let context = try await SurveyFixtures.teamContext(on: server)
            let questionnaire = try await SurveyFixtures.storeQuestionnaire(context: context, on: server.db)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let form = try await team.get("/m/musterstadt/maturity/surveys/new")
            #expect(form.status == .ok)
            #expect(form.body.contains("value=\"\(questionnaire.uuidString)\""))

            let bad = try await team.post("/m/musterstadt/maturity/surveys", [("questionnaireID", questionnaire.uuidString), ("title", ""),
                                                                              ("opensOn", "01.02.2026"), ("closesOn", "01.01.2026"),
                                                                              ("access", "public"), ("minimumGroupSize", "3")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Das Ende liegt vor dem Beginn.") && bad.body.contains("Bitte eine Zahl von 5 bis 1000."))

            let created = try await team.post("/m/musterstadt/maturity/surveys", [("questionnaireID", questionnaire.uuidString), ("title", "Quick-Check 2026"),
                                                                                  ("opensOn", "01.01.2020"), ("closesOn", "31.12.2099"),
                                                                                  ("access", "public"), ("invitedCount", "40"), ("minimumGroupSize", "6")])
            #expect(created.status == .seeOther)
            let path = try #require(created.location?.split(separator: "?").first.map(String.init))
            let id = try #require(UUID(uuidString: String(path.split(separator: "/").last ?? "")))
            let stored = try #require(try await MaturityRoundRecord.find(id, on: server.db))
            let token = try #require(stored.publicToken)
            let page = try await team.get(path)
            #expect(page.body.contains("/q/\(token)"))
            #expect(page.body.contains("Offen") && page.body.contains("0 Antworten · 0 % von 40 Eingeladenen"))

            // One answer, then k cannot go down and the questionnaire is fixed.
            #expect(try await server.client().post("/q/\(token)", SurveyFixtures.formAnswer(key: SurveyFixtures.key())).status == .ok)
            let other = try await SurveyFixtures.storeQuestionnaire(context: context, title: "Anderer Fragebogen", on: server.db)
            let edit = try await team.get("\(path)/edit")
            #expect(edit.body.contains("Es liegen Antworten vor"))
            let lowered = try await team.post(path, [("questionnaireID", other.uuidString), ("title", "Quick-Check 2026"), ("opensOn", "01.01.2020"),
                                                     ("closesOn", "31.12.2099"), ("invitedCount", "40"), ("minimumGroupSize", "5")])
            #expect(lowered.status == .unprocessableEntity)
            #expect(lowered.body.contains("Bitte eine Zahl von 6 bis 1000."))
            #expect(lowered.body.contains("Diese Auswahl ist nicht möglich."))
            try await team.get("\(path)/edit")
            let saved = try await team.post(path, [("questionnaireID", questionnaire.uuidString), ("title", "Quick-Check Frühjahr"), ("opensOn", "01.01.2020"),
                                                   ("closesOn", "31.12.2099"), ("invitedCount", "50"), ("minimumGroupSize", "8")])
            #expect(saved.status == .seeOther)
            let after = try #require(try await MaturityRoundRecord.find(id, on: server.db))
            #expect(after.title == "Quick-Check Frühjahr" && after.minimumGroupSize == 8 && after.invitedCount == 50 && after.version == 2)

            // A form based on the old version is refused with the conflict panel.
            let stale = try await team.post(path, [("questionnaireID", questionnaire.uuidString), ("title", "Veraltet"), ("opensOn", "01.01.2020"),
                                                   ("closesOn", "31.12.2099"), ("minimumGroupSize", "8"), ("version", "1")])
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("id=\"edit-conflict\""))

            try await team.get(path)
            let closed = try await team.post("\(path)/close", [])
            #expect(closed.status == .seeOther)
            let shown = try await team.get(path)
            #expect(shown.body.contains("Geschlossen") && shown.body.contains("1 Antwort · 2 % von 50 Eingeladenen"))
            let late = try await server.client().post("/q/\(token)", SurveyFixtures.formAnswer(key: SurveyFixtures.key()))
            #expect(late.status == .gone)
            #expect(try await SurveyFixtures.responseCount(id, on: server) == 1)

            let events = try await AuditEvent.query(on: server.db).filter(\.$entityID == id).sort(\.$occurredAt).all()
            #expect(events.map(\.action) == ["create", "update", "update"])
            #expect(events.allSatisfy { $0.entityType == "surveyRound" })
            #expect(events.last?.changes.contains("closed (1 responses)") == true)

            let list = try await team.get("/m/musterstadt/maturity/surveys")
            #expect(list.body.contains("Quick-Check Frühjahr") && list.body.contains("Geschlossen"))
        }
    }

    @Test("invitation codes are shown once with a CSV of code and link; readers cannot make codes")
    func invitationCodes() async throws {
        try await withServer { server in
            let context = try await SurveyFixtures.teamContext(on: server)
            let round = try await SurveyFixtures.round(context: context, access: .invitation, on: server.db)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let path = "/m/musterstadt/maturity/surveys/\(round.id)"
            let page = try await team.get(path)
            #expect(page.body.contains("name=\"count\""))
            let refused = try await team.post("\(path)/invitations", [("count", "0")])
            #expect(refused.status == .unprocessableEntity)
            let made = try await team.post("\(path)/invitations", [("count", "3")])
            #expect(made.status == .ok)
            let tokens = try #require(TestClient.hiddenValue("tokens", in: made.body)).split(separator: " ").map(String.init)
            #expect(tokens.count == 3)
            for token in tokens { #expect(made.body.contains("/q/\(token)</code>")) }
            #expect(made.body.contains("id=\"invitations-count\">3<"))

            let csv = try await team.post("\(path)/invitations.csv", [("tokens", tokens.joined(separator: " ") + " erfundenerCode12345")])
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: "Content-Type")?.hasPrefix("text/csv") == true)
            let lines = csv.body.split(separator: "\r\n").map(String.init)
            #expect(lines.count == 4, "header and the three codes of this round; a made-up code is left out")
            #expect(lines[1].hasPrefix("\(tokens[0]);http://") && lines[1].hasSuffix("/q/\(tokens[0])"))

            // Shown once: the round page afterwards holds no code.
            let again = try await team.get(path)
            for token in tokens { #expect(!again.body.contains(token)) }
            let stored = try #require(try await MaturityRoundRecord.find(round.id, on: server.db))
            #expect(stored.invitedCount == 3)

            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let view = try await reader.get(path)
            #expect(view.status == .ok)
            #expect(!view.body.contains("name=\"count\""))
            #expect(try await reader.post("\(path)/invitations", [("count", "2")]).status == .forbidden)
        }
    }

    @Test("core: k at least 5 and only upward, access fixed, closes after opens, phases")
    func roundRules() throws {
        let questionnaire = UUID()
        #expect(throws: ValidationFailure.self) {
            try SurveyRoundInput(questionnaireID: questionnaire.uuidString, title: "X", opensOn: "2026-01-01", closesOn: "2026-02-01",
                                 access: "public", minimumGroupSize: "4").validated()
        }
        let existing = SurveyRoundFacts(questionnaireID: questionnaire, access: .public, minimumGroupSize: 7, hasResponses: true)
        do {
            _ = try SurveyRoundInput(questionnaireID: UUID().uuidString, title: "X", opensOn: "2026-01-01", closesOn: "2026-02-01",
                                     access: "invitation", minimumGroupSize: "6").validated(existing: existing)
            Issue.record("expected problems")
        } catch {
            #expect(Set(error.problems.map(\.field)) == ["questionnaireID", "access", "minimumGroupSize"])
        }
        let kept = try SurveyRoundInput(questionnaireID: questionnaire.uuidString, title: "X", opensOn: "01.01.2026", closesOn: "01.02.2026")
            .validated(existing: existing)
        #expect(kept.minimumGroupSize == 7 && kept.access == .public)
        let day = { (iso: String) in CalendarDay(iso: iso)! }
        #expect(SurveyPhase.on(day("2026-01-01"), opensOn: day("2026-01-01"), closesOn: day("2026-01-31"), closedEarly: false) == .open)
        #expect(SurveyPhase.on(day("2026-01-31"), opensOn: day("2026-01-01"), closesOn: day("2026-01-31"), closedEarly: false) == .open)
        #expect(SurveyPhase.on(day("2026-02-01"), opensOn: day("2026-01-01"), closesOn: day("2026-01-31"), closedEarly: false) == .closed)
        #expect(SurveyPhase.on(day("2025-12-31"), opensOn: day("2026-01-01"), closesOn: day("2026-01-31"), closedEarly: false) == .planned)
        #expect(SurveyPhase.on(day("2026-01-05"), opensOn: day("2026-01-01"), closesOn: day("2026-01-31"), closedEarly: true) == .closed)

        var counter = SlidingWindowCounter(policy: SurveyRateLimit(limit: 2, window: 60))
        #expect(counter.attempt("a", now: 0) == .allowed)
        #expect(counter.attempt("a", now: 10) == .allowed)
        #expect(counter.attempt("a", now: 20) == .refused(retryAfter: 40))
        #expect(counter.attempt("b", now: 20) == .allowed, "another address or round counts alone")
        #expect(counter.attempt("a", now: 60.5) == .allowed)
        var open = SlidingWindowCounter(policy: SurveyRateLimit(limit: 0, window: 60))
        for second in 0..<1_000 { #expect(open.attempt("a", now: Double(second) / 100) == .allowed) }
    }
}
