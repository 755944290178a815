import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The results API, the exports and the first-step button over real HTTP, with the seeded answers of
/// `ResultsFixtures`: every answer is checked against openapi.json (`APIConformance`), withheld groups carry no
/// figure in JSON, CSV or page, and a first step becomes one project idea, however often it is clicked.
@Suite("Maturity: results API, exports and first steps", .serialized)
struct ResultsAPITests {
    @Test("survey results: the seeded means, the breakdown with withheld groups (no figures, no texts), strict ?group=")
    func surveyResults() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            let path = "/api/v1/maturity/surveys/{survey}/results"
            let round = ["survey": seeded.round.uuidString]

            let whole = try await api.call(.GET, path, round, token: reader, expect: .ok).value()
            #expect(whole["kind"] == .string("survey") && whole["responseCount"] == .number(20) && whole["shown"] == .bool(true))
            #expect(whole["invitedCount"] == .number(40) && whole["responseRate"] == .number(0.5) && whole["minimumGroupSize"] == .number(5))
            let overall = try #require(whole["results"]?["overall"]?.number)
            #expect(abs(overall - 6.25 / 3) < 1e-9)
            let s1 = try #require(whole["results"]?["statements"]?.array?.first)
            #expect(s1["key"] == .string("s1") && s1["counts"] == .array([.number(10), .number(6), .number(4), .number(0), .number(0)]))
            #expect(s1["mean"]?.number.map { abs($0 - 0.7) < 1e-9 } == true)
            let fieldMeans = whole["results"]?["fields"]?.array?.map { $0["mean"]?.number ?? -1 } ?? []
            #expect(zip(fieldMeans, [0.95, 3.3, 2.0]).allSatisfy { abs($0 - $1) < 1e-9 } && fieldMeans.count == 3)
            #expect(whole["freeTexts"]?.array?.first?["answers"] == .array([.string("Geheimwunsch aus C"), .string("Mehr Laptops A"), .string("Wunsch aus B")]))
            #expect(whole["trend"]?.array?.compactMap { $0["title"]?.string } == ["Quick-Check 2025", "Quick-Check 2026", "Nachbefragung"])
            #expect(whole["trend"]?.array?.last?["shown"] == .bool(false) && whole["trend"]?.array?.last?["overall"] == nil)
            #expect(whole["firstSteps"]?.array?.compactMap { $0["statementKey"]?.string } == ["s1", "s2"])

            let byDepartment = try await api.call(.GET, path, round, query: "group=department", token: team, expect: .ok)
            let groups = try #require(byDepartment.value()["breakdown"]?["groups"]?.array)
            let (a, b, c) = (seeded.departments[0], seeded.departments[1], seeded.departments[2])
            let shownA = try #require(groups.first { $0["option"] == .string(a.id!.uuidString) })
            #expect(shownA["label"] == .string(a.name) && shownA["shown"] == .bool(true) && shownA["results"]?["responseCount"] == .number(10))
            #expect(shownA["freeTexts"] == nil, "free texts never by group")
            let withheldB = try #require(groups.first { $0["option"] == .string(b.id!.uuidString) })
            #expect(withheldB["shown"] == .bool(false) && withheldB["withheldReason"] == .string("differenceProtection"))
            #expect(withheldB["results"] == nil && withheldB["freeTexts"] == nil)
            let withheldC = try #require(groups.first { $0["option"] == .string(c.id!.uuidString) })
            #expect(withheldC["withheldReason"] == .string("tooFewResponses") && withheldC["results"] == nil)
            // Free texts only with the total: each text once in the answer, none inside the breakdown.
            #expect(try byDepartment.value()["freeTexts"]?.array?.first?["answers"]?.array?.count == 3)
            for text in ["Mehr Laptops A", "Wunsch aus B", "Geheimwunsch aus C"] {
                #expect(byDepartment.body.components(separatedBy: text).count == 2, "\(text)")
                #expect(try !(byDepartment.value()["breakdown"]?.jsonText.contains(text) ?? true))
            }

            for query in ["group=alter", "group=", "group=department&group=leadership"] {
                let refused = try await api.call(.GET, path, round, query: query, token: team, expect: .unprocessableEntity)
                #expect(try OpenAPIConformanceTests.fields(refused) == ["group"], "\(query)")
            }

            // Fewer than k: no figures, no texts, no first steps — only the count and the reason.
            let small = try await api.call(.GET, path, ["survey": seeded.small.uuidString], query: "group=department", token: team, expect: .ok)
            #expect(try small.value()["shown"] == .bool(false) && small.value()["withheldReason"] == .string("tooFewResponses"))
            #expect(try small.value()["results"] == nil && small.value()["firstSteps"] == .array([]) && small.value()["responseCount"] == .number(4))
            #expect(try small.value()["breakdown"]?["groups"]?.array?.allSatisfy { $0["shown"] == .bool(false) && $0["results"] == nil } == true)
            #expect(!small.body.contains("Nur vier"))

            // Another municipality's token: 404, nothing of the round.
            let other = try await Fixtures.otherMunicipality(on: server)
            let foreign = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")
            let hidden = try await api.call(.GET, path, round, token: foreign, expect: .notFound)
            #expect(!hidden.body.contains("Quick-Check"))
            try await api.call(.GET, "/api/v1/maturity/assessments/{assessment}/results", ["assessment": seeded.assessment.uuidString],
                               token: foreign, expect: .notFound)
        }
    }

    @Test("assessment results: the single ratings with evidence, the same figures")
    func assessmentResults() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let api = try await APIConformance(server: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            let value = try await api.call(.GET, "/api/v1/maturity/assessments/{assessment}/results", ["assessment": seeded.assessment.uuidString],
                                           token: reader, expect: .ok).value()
            #expect(value["kind"] == .string("assessment") && value["assessedOn"] == .string("2026-02-15"))
            #expect(value["results"]?["overall"]?.number.map { abs($0 - 6.5 / 3) < 1e-9 } == true)
            let ratings = try #require(value["ratings"]?.array)
            #expect(ratings.first?["value"] == .number(1) && ratings.first?["evidence"] == .string("Keine Agenda beschlossen"))
            #expect(ratings[1]["dontKnow"] == .bool(true) && ratings[1]["value"] == nil)
            #expect(value["firstSteps"]?.array?.compactMap { $0["statementKey"]?.string } == ["s1"])
        }
    }

    @Test("a first step becomes one project idea (status idea, description citing statement and round) with its link; clicking again makes none")
    func firstStepProject() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let db = server.db
            let municipalityID = seeded.context.municipalityID
            let unit = seeded.departments[1]
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let resultsPath = "/m/musterstadt/maturity/surveys/\(seeded.round.uuidString)/results"
            try await team.get(resultsPath)
            let projectsBefore = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).count()
            let form = [("sourceKind", "survey"), ("sourceID", seeded.round.uuidString), ("statementKey", "s1"), ("firstStep", "0"),
                        ("departmentID", unit.id!.uuidString)]
            let created = try await team.post("/m/musterstadt/maturity/first-steps/project", form)
            #expect(created.status == .seeOther)
            let location = try #require(created.location)
            #expect(location.hasPrefix(resultsPath + "?created="))
            let project = try #require(try await Project.query(on: db).filter(\.$municipality.$id == municipalityID)
                .filter(\.$title == "Agenda-Workshop mit der Verwaltungsspitze").first())
            #expect(project.status == ProjectStatus.idea.rawValue && project.$department.id == unit.id)
            #expect(project.summary == "Es gibt eine Digitale Agenda")
            let description = try #require(project.description)
            #expect(description.contains("„Quick-Check 2026“ (01.03.2026 bis 31.03.2026)") && description.contains("Themenfeld „Führung“"))
            #expect(description.contains("Mittelwert 0,7 auf der Skala 0–4 (20 Antworten)"))
            let links = try await MaturityProjectLinkRecord.query(on: db).filter(\.$municipality.$id == municipalityID).all()
            #expect(links.count == 1)
            #expect(links.first?.statementKey == "s1" && links.first?.firstStep == "Agenda-Workshop mit der Verwaltungsspitze")
            #expect(links.first?.sourceKind == "round" && links.first?.sourceID == seeded.round && links.first?.$project.id == project.id)
            #expect(links.first?.$questionnaire.id == seeded.questionnaireID)
            let audit = try await AuditEvent.query(on: db).filter(\.$entityID == project.id!).count()
            #expect(audit == 1, "the project's creation is recorded")

            let page = try await team.get(location)
            #expect(page.body.contains("id=\"mres-notice\">Projektidee \(project.code) Agenda-Workshop mit der Verwaltungsspitze angelegt."))
            let steps = try #require(ResultsFixtures.section(page.body, from: "id=\"mres-first-steps\"", to: "</section>"))
            #expect(steps.contains("Bereits als Projekt übernommen&#58; <a href=\"/m/musterstadt/projects/\(project.id!.uuidString)\">\(project.code) Agenda-Workshop"))
            #expect(steps.contains("Zuständigkeit benennen"), "the other first step keeps its button")

            // Clicked again (another tab): no second project, no second link.
            let again = try await team.post("/m/musterstadt/maturity/first-steps/project", form)
            #expect(again.status == .seeOther && again.location?.contains(project.id!.uuidString) == true)
            #expect(try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).count() == projectsBefore + 1)
            #expect(try await MaturityProjectLinkRecord.query(on: db).count() == 1)

            // Over the API: the same step is 200 with the project; a step of the assessment is new (201).
            let api = try await APIConformance(server: server)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let endpoint = "/api/v1/maturity/first-steps/project"
            let same = try await api.call(.POST, endpoint, token: token, json: ["sourceKind": "survey", "sourceId": seeded.round.uuidString,
                                                                              "statementKey": "s1", "firstStep": 0, "departmentId": unit.id!.uuidString],
                                          expect: .ok)
            #expect(try same.value()["created"] == .bool(false) && same.value()["projectId"] == .string(project.id!.uuidString))
            let fresh = try await api.call(.POST, endpoint, token: token, json: ["sourceKind": "assessment", "sourceId": seeded.assessment.uuidString,
                                                                               "statementKey": "s1", "firstStep": 1, "departmentId": unit.id!.uuidString],
                                           expect: .created)
            #expect(try fresh.value()["created"] == .bool(true) && fresh.value()["title"] == .string("Zuständigkeit benennen"))
            let freshID = try #require(UUID(uuidString: try fresh.value()["projectId"]?.string ?? ""))
            #expect(fresh.location == "/api/v1/projects/\(freshID.uuidString)")
            let freshProject = try #require(try await Project.find(freshID, on: db))
            #expect(freshProject.description?.contains("Potenzialcheck „Workshop Frühjahr“ vom 15.02.2026") == true)
            #expect(freshProject.description?.contains("bewertet mit 1 „trifft eher nicht zu“") == true)
            #expect(freshProject.description?.contains("Begründung: Keine Agenda beschlossen") == true)

            // Bad input names the field and writes nothing.
            let other = try await Fixtures.otherMunicipality(on: server)
            let foreignRound = try await ResultsFixtures.foreignRound(server, other)
            let cases: [([String: Any], String)] = [
                (["sourceKind": "survey", "sourceId": seeded.round.uuidString, "statementKey": "s9", "firstStep": 0, "departmentId": unit.id!.uuidString], "statementKey"),
                (["sourceKind": "survey", "sourceId": seeded.round.uuidString, "statementKey": "s1", "firstStep": 7, "departmentId": unit.id!.uuidString], "firstStep"),
                (["sourceKind": "survey", "sourceId": UUID().uuidString, "statementKey": "s1", "firstStep": 0, "departmentId": unit.id!.uuidString], "sourceId"),
                (["sourceKind": "survey", "sourceId": foreignRound.uuidString, "statementKey": "s1", "firstStep": 0, "departmentId": unit.id!.uuidString], "sourceId"),
                (["sourceKind": "umfrage", "sourceId": seeded.round.uuidString, "statementKey": "s1", "firstStep": 0, "departmentId": unit.id!.uuidString], "sourceKind"),
                (["sourceKind": "survey", "sourceId": seeded.round.uuidString, "statementKey": "s2", "firstStep": 0, "departmentId": other.departmentID.uuidString], "departmentId"),
            ]
            for (body, field) in cases {
                let refused = try await api.call(.POST, endpoint, token: token, json: body, expect: .unprocessableEntity)
                #expect(try OpenAPIConformanceTests.fields(refused) == [field], "\(body)")
            }
            #expect(try await MaturityProjectLinkRecord.query(on: db).count() == 2)

            // Readers may read, not create.
            let readerToken = try await Fixtures.token(for: Fixtures.reader, on: server)
            try await api.call(.POST, endpoint, token: readerToken, json: ["sourceKind": "survey", "sourceId": seeded.round.uuidString,
                                                                          "statementKey": "s2", "firstStep": 0, "departmentId": unit.id!.uuidString],
                               expect: .forbidden)
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            try await reader.get(resultsPath)
            let refused = try await reader.post("/m/musterstadt/maturity/first-steps/project",
                                                [("sourceKind", "survey"), ("sourceID", seeded.round.uuidString), ("statementKey", "s2"), ("firstStep", "0"),
                                                 ("departmentID", unit.id!.uuidString)])
            #expect(refused.status == .forbidden)
            #expect(try await MaturityProjectLinkRecord.query(on: db).count() == 2)
        }
    }

    @Test("exports: anonymous answers refused under k, never with a grouping column, rows sorted, formulas neutralised; results CSV and JSON")
    func exports() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let base = "/m/musterstadt/maturity/surveys/\(seeded.round.uuidString)/results"

            let plain = try await team.get(base + "/answers.csv")
            #expect(plain.status == .ok && plain.headers.first(name: "Content-Type")?.hasPrefix("text/csv") == true)
            #expect(plain.headers.first(name: "Content-Disposition")?.contains("quick-check-2026-antworten.csv") == true)
            let lines = plain.body.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "Antwort;s1;s2;s3;s4;s5;wunsch", "no grouping column without a breakdown")
            #expect(lines.count == 21)
            #expect(lines.filter { $0.hasSuffix(";0;1;4;4;2;") || $0.hasSuffix(";0;1;4;4;2;Mehr Laptops A") }.count == 10)

            let (a, b, c) = (seeded.departments[0].name, seeded.departments[1].name, seeded.departments[2].name)
            // No grouping column whatever the breakdown: two files with one grouping each could be joined on the ratings.
            for query in ["?group=department", "?group=leadership", "?group=department&group=leadership"] {
                let grouped = try await team.get(base + "/answers.csv" + query)
                #expect(grouped.status == .ok)
                #expect(grouped.body == plain.body, "\(query)")
                for value in [a, b, c, "ja", "nein"] + seeded.departments.map { $0.id!.uuidString } {
                    #expect(!grouped.body.contains(value), "\(query): \(value)")
                }
            }
            // Rows are sorted by their answers, numbered afresh.
            let rows = lines.dropFirst().map { $0.components(separatedBy: ";") }
            #expect(rows.map { $0[0] } == (1...20).map(String.init))
            #expect(rows.map { Array($0.dropFirst()) } == rows.map { Array($0.dropFirst()) }.sorted { $0.lexicographicallyPrecedes($1) })

            // Under k: no file at all. Readers get none either.
            let small = try await team.get("/m/musterstadt/maturity/surveys/\(seeded.small.uuidString)/results/answers.csv")
            #expect(small.status == .conflict && small.body.contains("weniger als 5 Antworten") && !small.body.contains("Nur vier"))
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            #expect(try await reader.get(base + "/answers.csv").status == .forbidden)

            // A free text that is a formula is written as text.
            let formula = try await ResultsFixtures.makeRound(
                title: "Formel", opensOn: "2026-05-01", closesOn: "2026-05-31", invited: nil, questionnaireID: seeded.questionnaireID,
                answers: Array(repeating: ([2, 2, 2, 2, 2], [nil, nil], "=HYPERLINK(\"http://x.example\";\"klick\")"), count: 5),
                context: seeded.context, on: server.db)
            let neutral = try await team.get("/m/musterstadt/maturity/surveys/\(formula.uuidString)/results/answers.csv")
            #expect(neutral.body.contains(";\"'=HYPERLINK(\"\"http://x.example\"\";\"\"klick\"\")\""))

            // Results CSV: total, field and statement rows; withheld groups with their reason only.
            let csv = try await team.get(base + "/results.csv?group=department")
            #expect(csv.status == .ok)
            #expect(csv.body.contains("Gesamt;gesamt;;;20;2,08;;;;;;;\r\n"))
            #expect(csv.body.contains("Gesamt;Themenfeld;fuehrung;Führung;;0,95;"))
            #expect(csv.body.contains("Gesamt;Aussage;s1;Es gibt eine Digitale Agenda;20;0,70;10;6;4;0;0;0;0\r\n"))
            #expect(csv.body.contains("\(a);Aussage;s1;Es gibt eine Digitale Agenda;10;0,00;10;0;0;0;0;0;0\r\n"))
            #expect(csv.body.contains("\(b);nicht gezeigt;;nicht gezeigt – sonst ließe sich"))
            #expect(csv.body.contains("\(c);nicht gezeigt;;nicht gezeigt – weniger als 5 Antworten\r\n"))
            #expect(!csv.body.contains("\(b);Aussage") && !csv.body.contains("\(c);Aussage"))
            let english = try await team.get(base + "/results.csv?lang=en")
            #expect(english.body.contains("Total;overall;;;20;2.08;"))

            let json = try await team.get(base + "/results.json?group=department")
            #expect(json.status == .ok && json.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
            let value = try json.value()
            #expect(value["kind"] == .string("survey") && value["responseCount"] == .number(20))
            #expect(value["breakdown"]?["groups"]?.array?.filter { $0["shown"] == .bool(true) }.count == 1)
            #expect(try !(json.value()["breakdown"]?.jsonText.contains("Geheimwunsch aus C") ?? true))

            // The Potenzialcheck: ratings with evidence, results.
            let ratings = try await team.get("/m/musterstadt/maturity/assessments/\(seeded.assessment.uuidString)/results/answers.csv")
            #expect(ratings.body.contains("Führung;s1;Es gibt eine Digitale Agenda;1;trifft eher nicht zu;Keine Agenda beschlossen\r\n"))
            #expect(ratings.body.contains("Führung;s2;Die Leitung fragt regelmäßig nach;weiß nicht;;\r\n"))
            let assessmentCSV = try await team.get("/m/musterstadt/maturity/assessments/\(seeded.assessment.uuidString)/results/results.csv?lang=de")
            #expect(assessmentCSV.body.contains("Workshop Frühjahr;gesamt;;;1;2,17;"))
            let assessmentJSON = try await team.get("/m/musterstadt/maturity/assessments/\(seeded.assessment.uuidString)/results/results.json")
            #expect(try assessmentJSON.value()["ratings"]?.array?.count == 5)
        }
    }
}

/// The results operations for `OpenAPIConformanceTests.everyOperationSucceeds`.
enum ResultsAPIExercise {
    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        let seeded = try await ResultsFixtures.seed(server)
        try await api.call(.GET, "/api/v1/maturity/surveys/{survey}/results", ["survey": seeded.round.uuidString], query: "group=department",
                           token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/maturity/assessments/{assessment}/results", ["assessment": seeded.assessment.uuidString],
                           token: token, expect: .ok)
        try await api.call(.POST, "/api/v1/maturity/first-steps/project", token: token,
                           json: ["sourceKind": "survey", "sourceId": seeded.round.uuidString, "statementKey": "s2", "firstStep": 0,
                                  "departmentId": seeded.departments[0].id!.uuidString], expect: .created)
    }
}
