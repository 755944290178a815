import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("Quick-Check: answering anonymously at /q/:token")
struct SurveyAnswerTests {
    @Test("the form sets no cookie, shows the promise, fieldsets with legends and 'weiß nicht'; an answer is stored without anything about the sender")
    func answerStored() async throws {
        try await withServer { server in
            let context = try await SurveyFixtures.teamContext(on: server)
            let round = try await SurveyFixtures.round(context: context, on: server.db)
            let token = try #require(round.token)
            let visitor = server.client()
            // Cookies a browser might still have from Fahrplan's own pages must not matter either.
            visitor.setCookie("fp_session", "stale-session")
            for path in ["/q/\(token)", "/q/\(token)?lang=en"] {
                let page = try await visitor.get(path)
                #expect(page.status == .ok)
                #expect(page.headers["Set-Cookie"].isEmpty, "\(path) sets no cookie")
                #expect(page.headers.first(name: "Cache-Control") == "no-store")
            }
            let page = try await visitor.get("/q/\(token)")
            #expect(page.body.contains("Ihre Antworten sind anonym") && page.body.contains("mindestens 5 Personen"))
            #expect(page.body.contains("<legend><span class=\"survey-number\">1.</span> Die Verwaltungsspitze treibt die Digitalisierung voran.</legend>"))
            #expect(page.body.contains("value=\"dontKnow\"") && page.body.contains("weiß nicht"))
            #expect(page.body.contains("<details class=\"survey-explanation\"><summary>"))
            #expect(page.body.contains("/static/survey.js"))
            let departments = try await Department.query(on: server.db).filter(\.$municipality.$id == context.municipalityID).filter(\.$archivedAt == nil).all()
            let department = try #require(departments.first).requireID().uuidString
            #expect(page.body.contains("value=\"\(department)\""), "the department question offers the municipality's departments")
            let key = try #require(TestClient.hiddenValue("submissionKey", in: page.body))
            #expect(key.count >= 16)

            let sent = try await visitor.post("/q/\(token)", SurveyFixtures.formAnswer(key: key, department: department))
            #expect(sent.status == .ok)
            #expect(sent.body.contains("Vielen Dank"))
            #expect(sent.headers["Set-Cookie"].isEmpty)
            let rows = try await MaturityResponseRecord.query(on: server.db).filter(\.$round.$id == round.id).all()
            let row = try #require(rows.first)
            #expect(rows.count == 1)
            #expect(row.levels == "3?4")
            #expect(MaturityResponseCoding.decodeOptionals(row.groups, count: 2) == [department, "nein"])
            #expect(MaturityResponseCoding.decodeOptionals(row.freeTexts, count: 1) == ["Mehr Schulungen"])
            #expect(row.receivedOn == server.app.municipalCalendar.today.iso)

            let responses = try await SurveyService(db: server.db, context: context).responses(roundID: round.id)
            #expect(responses == [MaturityResponse(levels: [3, MaturityResponse.dontKnowCode, 4], groups: [department, "nein"], freeTexts: ["Mehr Schulungen"])])
        }
    }

    @Test("the same form sent twice is 'already received' and counted once")
    func duplicateKeyCountedOnce() async throws {
        try await withServer { server in
            let context = try await SurveyFixtures.teamContext(on: server)
            let round = try await SurveyFixtures.round(context: context, on: server.db)
            let token = try #require(round.token)
            let visitor = server.client()
            let key = SurveyFixtures.key()
            let first = try await visitor.post("/q/\(token)", SurveyFixtures.formAnswer(key: key))
            #expect(first.body.contains("Vielen Dank"))
            let second = try await visitor.post("/q/\(token)", SurveyFixtures.formAnswer(key: key, f1: "1"))
            #expect(second.status == .ok)
            #expect(second.body.contains("bereits abgeschickt"))
            #expect(try await SurveyFixtures.responseCount(round.id, on: server) == 1)
            let stored = try await MaturityResponseRecord.query(on: server.db).filter(\.$round.$id == round.id).first()
            #expect(stored?.levels == "3?4", "the first answer stays")
        }
    }

    @Test("an answer outside the scale is refused naming the statement, keeps every answer and stores nothing")
    func outOfScaleRefused() async throws {
        try await withServer { server in
            let context = try await SurveyFixtures.teamContext(on: server)
            let round = try await SurveyFixtures.round(context: context, on: server.db)
            let token = try #require(round.token)
            let key = SurveyFixtures.key()
            let visitor = server.client()
            let refused = try await visitor.post("/q/\(token)", SurveyFixtures.formAnswer(key: key, f1: "9") + [("groups.leitung", "vielleicht")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("id=\"error-summary\""))
            #expect(refused.body.contains("href=\"#q-s-f1\""), "the summary links to the statement")
            #expect(refused.body.contains("Aussage 1 („Die Verwaltungsspitze treibt die Digitalisierung voran.“)"))
            #expect(refused.body.contains("Bitte eine Zahl von 0 bis 4."))
            #expect(refused.body.contains("aria-describedby=\"q-s-f1-error\""))
            #expect(refused.body.contains("id=\"q-s-t1-4\" name=\"ratings.t1\" value=\"4\" checked"), "the other answers are kept")
            #expect(refused.body.contains("Mehr Schulungen"))
            #expect(TestClient.hiddenValue("submissionKey", in: refused.body) == key, "the form keeps its key")
            #expect(try await SurveyFixtures.responseCount(round.id, on: server) == 0)
            // Corrected, the same form is stored once.
            let fixed = try await visitor.post("/q/\(token)", SurveyFixtures.formAnswer(key: key, f1: "2"))
            #expect(fixed.body.contains("Vielen Dank"))
            #expect(try await SurveyFixtures.responseCount(round.id, on: server) == 1)
        }
    }

    @Test("unknown token 404, a round not open yet or closed 410 with a clear page, and nothing is stored")
    func closedAndUnknown() async throws {
        try await withServer { server in
            let context = try await SurveyFixtures.teamContext(on: server)
            let later = try await SurveyFixtures.round(context: context, opensOn: "2098-01-01", closesOn: "2098-12-31", on: server.db)
            let past = try await SurveyFixtures.round(context: context, opensOn: "2020-01-01", closesOn: "2020-12-31", on: server.db)
            let visitor = server.client()
            let unknown = try await visitor.get("/q/DiesenLinkGibtEsNicht123")
            #expect(unknown.status == .notFound)
            #expect(unknown.body.contains("Umfrage nicht gefunden"))
            #expect(unknown.headers["Set-Cookie"].isEmpty)
            let unknownPost = try await visitor.post("/q/DiesenLinkGibtEsNicht123", SurveyFixtures.formAnswer(key: SurveyFixtures.key()))
            #expect(unknownPost.status == .notFound)

            let notYet = try await visitor.get("/q/\(try #require(later.token))")
            #expect(notYet.status == .gone)
            #expect(notYet.body.contains("noch nicht gestartet") && notYet.body.contains("01.01.2098"))
            let closed = try await visitor.post("/q/\(try #require(past.token))", SurveyFixtures.formAnswer(key: SurveyFixtures.key()))
            #expect(closed.status == .gone)
            #expect(closed.body.contains("Umfrage beendet"))
            #expect(try await SurveyFixtures.responseCount(past.id, on: server) == 0)
            #expect(try await SurveyFixtures.responseCount(later.id, on: server) == 0)
        }
    }

    @Test("an invitation token allows exactly one answer; a reused token gets a clear message and nothing is counted")
    func invitationTokenOnce() async throws {
        try await withServer { server in
            let context = try await SurveyFixtures.teamContext(on: server)
            let round = try await SurveyFixtures.round(context: context, access: .invitation, on: server.db)
            #expect(round.token == nil)
            let stored = try await MaturityRoundRecord.find(round.id, on: server.db)
            let tokens = try await SurveyService(db: server.db, context: context).makeInvitations(try #require(stored), count: "2")
            #expect(tokens.count == 2)
            let hashes = try await MaturityInvitationRecord.query(on: server.db).filter(\.$round.$id == round.id).all().map(\.tokenHash)
            #expect(Set(hashes) == Set(tokens.map(Secrets.sha256)), "only hashes are stored")

            let visitor = server.client()
            let key = SurveyFixtures.key()
            #expect(try await visitor.post("/q/\(tokens[0])", SurveyFixtures.formAnswer(key: key)).body.contains("Vielen Dank"))
            let again = try await visitor.post("/q/\(tokens[0])", SurveyFixtures.formAnswer(key: SurveyFixtures.key()))
            #expect(again.status == .conflict)
            #expect(again.body.contains("bereits geantwortet"))
            let resent = try await visitor.post("/q/\(tokens[0])", SurveyFixtures.formAnswer(key: key))
            #expect(resent.status == .ok && resent.body.contains("bereits abgeschickt"), "the same form resent is 'already received'")
            let page = try await visitor.get("/q/\(tokens[0])")
            #expect(page.status == .conflict)
            #expect(try await SurveyFixtures.responseCount(round.id, on: server) == 1)
            let used = try await MaturityInvitationRecord.query(on: server.db).filter(\.$round.$id == round.id).filter(\.$used == true).count()
            #expect(used == 1)
            // The public link of another round does not open an invitation round, and a token of this round is not its public link.
            #expect(try await visitor.get("/q/\(tokens[1])").status == .ok)
        }
    }

    @Test("the rate limit per address and round answers 429 with Retry-After and a clear message")
    func rateLimited() async throws {
        try await withServer { server in
            server.app.surveyRateLimiter = SurveyRateLimiter(policy: SurveyRateLimit(limit: 2, window: 3_600))
            let context = try await SurveyFixtures.teamContext(on: server)
            let round = try await SurveyFixtures.round(context: context, on: server.db)
            let token = try #require(round.token)
            let visitor = server.client()
            for _ in 0..<2 { #expect(try await visitor.post("/q/\(token)", SurveyFixtures.formAnswer(key: SurveyFixtures.key())).status == .ok) }
            let refused = try await visitor.post("/q/\(token)", SurveyFixtures.formAnswer(key: SurveyFixtures.key()))
            #expect(refused.status == .tooManyRequests)
            let wait = try #require(refused.headers.first(name: "Retry-After").flatMap(Int.init))
            #expect(wait > 0 && wait <= 3_600)
            #expect(refused.body.contains("Zu viele Antworten von diesem Anschluss"))
            let api = try await visitor.api(.POST, "/api/v1/surveys/\(token)/responses", token: nil, json: SurveyFixtures.jsonAnswer(key: SurveyFixtures.key()))
            #expect(api.status == .tooManyRequests)
            #expect(api.headers.first(name: "Retry-After") != nil)
            #expect(try await SurveyFixtures.responseCount(round.id, on: server) == 2)
        }
    }

    @Test("the token stays out of the request log")
    func tokenNotLogged() {
        #expect(RequestLogMiddleware.loggable("/q/abcdefghijklmnop") == "/q/…")
        #expect(RequestLogMiddleware.loggable("/api/v1/surveys/abcdefghijklmnop/responses") == "/api/v1/surveys/…/responses")
        #expect(RequestLogMiddleware.loggable("/api/v1/surveys/abcdefghijklmnop") == "/api/v1/surveys/…")
        #expect(RequestLogMiddleware.loggable("/m/musterstadt/maturity/surveys") == "/m/musterstadt/maturity/surveys")
    }
}
