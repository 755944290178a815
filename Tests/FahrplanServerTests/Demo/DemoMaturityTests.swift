import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Musterstadt's maturity data (SQLite, or PostgreSQL with TEST_DATABASE_URL): the seeded counts, and that the
/// results show what the demo is meant to show — a weak "Daten"/"Smart City" profile, a better second round,
/// one unit withheld by the anonymity rule and no other, a first step that became a project idea. Test servers
/// load the demo without it (`loadsDemoMaturity`), so these tests switch it on.
@Suite("Demo: Musterstadt's maturity data", .serialized)
struct DemoMaturityTests {
    static func withDemo(on day: String? = nil, _ body: (TestServer) async throws -> Void) async throws {
        try await withServer(demo: false) { server in
            if let day { server.app.municipalCalendar = .fixed(at: try #require(DemoMonitoringTests.noon(day))) }
            server.app.loadsDemoMaturity = true
            let result = try await DemoLoader.load(on: server.app, password: TestServer.demoPassword)
            #expect(result.created)
            try await body(server)
        }
    }

    static func rounds(_ server: TestServer, _ team: MunicipalityContext) async throws -> [MaturityRoundRecord] {
        try await MaturityRoundRecord.query(on: server.db).filter(\.$municipality.$id == team.municipalityID).sort(\.$opensOn).all()
    }

    static func responseCounts(_ server: TestServer, _ rounds: [MaturityRoundRecord]) async throws -> [Int] {
        var counts: [Int] = []
        for round in rounds {
            counts.append(try await MaturityResponseRecord.query(on: server.db).filter(\.$round.$id == round.requireID()).count())
        }
        return counts
    }

    @Test("seeded counts: one questionnaire, three rounds (112, 138 and 11 answers), two Potenzialchecks, one project idea")
    func counts() async throws {
        try await Self.withDemo { server in
            let team = try await DemoMonitoringTests.team(server)
            let municipalityID = team.municipalityID
            let today = team.calendar.today
            let questionnaires = try await QuestionnaireRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).all()
            #expect(questionnaires.count == 1 && questionnaires.first?.statementCount == 56)

            let rounds = try await Self.rounds(server, team)
            #expect(rounds.map(\.title) == [DemoMaturityContent.lastYear.title, DemoMaturityContent.thisYear.title,
                                            DemoMaturityContent.trainees.title])
            let responseCounts = try await Self.responseCounts(server, rounds)
            #expect(responseCounts == [112, 138, 11])
            #expect(rounds.allSatisfy { $0.access == "public" && $0.publicToken != nil && $0.minimumGroupSize == 5 })
            #expect(rounds.map(\.invitedCount) == [596, 612, 46])
            let phases = rounds.map { round in
                SurveyPhase.on(today, opensOn: CalendarDay(iso: round.opensOn)!, closesOn: CalendarDay(iso: round.closesOn)!,
                               closedEarly: round.closedAt != nil)
            }
            #expect(phases == [.closed, .closed, .open])
            let firstOpened = try #require(CalendarDay(iso: rounds[0].opensOn)), secondOpened = try #require(CalendarDay(iso: rounds[1].opensOn))
            #expect((350...380).contains(firstOpened.days(to: secondOpened)), "the two all-staff rounds are a year apart")
            // Every answer arrived while its round was open, never after today.
            for (round, count) in zip(rounds, responseCounts) where count > 0 {
                let days = try await MaturityResponseRecord.query(on: server.db).filter(\.$round.$id == round.requireID()).all().map(\.receivedOn)
                #expect(days.allSatisfy { $0 >= round.opensOn && $0 <= min(round.closesOn, today.iso) })
            }

            let assessments = try await MaturityAssessmentRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID)
                .sort(\.$assessedOn).all()
            #expect(assessments.map(\.title) == [DemoMaturityContent.workshop.title, DemoMaturityContent.strategyTeam.title])
            for (assessment, content) in zip(assessments, [DemoMaturityContent.workshop, DemoMaturityContent.strategyTeam]) {
                let ratings = try await MaturityAssessmentRatingRecord.query(on: server.db).filter(\.$assessment.$id == assessment.requireID()).all()
                #expect(ratings.count == 56)
                #expect(ratings.filter(\.dontKnow).count == content.dontKnow.count)
                #expect(ratings.filter { $0.evidence != nil }.count == content.evidence.count)
                #expect(ratings.allSatisfy { $0.dontKnow || (0...4).contains($0.level ?? -1) })
            }

            let links = try await MaturityProjectLinkRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).all()
            #expect(links.count == 1)
            let link = try #require(links.first)
            #expect(link.statementKey == DemoMaturityContent.firstStepStatement && link.sourceKind == "round" && link.sourceID == rounds[1].id)
            let project = try #require(try await Project.find(link.$project.id, on: server.db))
            #expect(project.projectStatus == .idea && project.title == link.firstStep.prefix(project.title.count).description)
        }
    }

    @Test("results: Daten and Smart City weakest, Technik best, the second round better; unit 62 alone withheld, free texts shown")
    func results() async throws {
        try await Self.withDemo { server in
            let team = try await DemoMonitoringTests.team(server)
            let service = MaturityResultsService(db: server.db, context: team)
            let rounds = try await Self.rounds(server, team)
            let earlier = try #require(try await service.results(rounds[0]).results)
            let later = try await service.results(rounds[1], groupingKey: "department")
            let current = try #require(later.results)
            #expect(current.responseCount == 138 && earlier.responseCount == 112)
            let means = Dictionary(current.fields.map { ($0.key, $0.mean ?? 0) }, uniquingKeysWith: { a, _ in a })
            let ordered = current.fields.sorted { ($0.mean ?? 0) < ($1.mean ?? 0) }.map(\.key)
            #expect(Array(ordered.prefix(2)).sorted() == ["daten-sicherheit", "smart-city-region"], "\(means)")
            #expect(ordered.last == "technik-infrastruktur", "\(means)")
            #expect(try #require(current.overall) > (try #require(earlier.overall)) + 0.1)
            #expect(current.overall.map { (1.6...2.6).contains($0) } == true, "\(String(describing: current.overall))")
            #expect(later.freeTexts.flatMap { $0 }.count >= 10)

            // The anonymity rule: Vermessung und Geoinformation (4 answers) is withheld, every unit with
            // at least five is shown — the answers without a unit keep the difference at or above k.
            let breakdown = try #require(later.breakdown)
            let byName = Dictionary(breakdown.breakdown.groups.map { (breakdown.label($0.option), $0.outcome) }, uniquingKeysWith: { a, _ in a })
            #expect(byName["Vermessung und Geoinformation"] == .suppressed(.tooFewResponses(minimum: 5)))
            for name in ["Hauptamt", "Bürgeramt", "Kämmerei", "IT-Service", "Jugendamt", "Tiefbauamt"] {
                #expect(byName[name]?.results != nil, "\(name) should be shown")
            }
            let shown = breakdown.breakdown.groups.filter { $0.outcome.results != nil }
            #expect(shown.count == DemoMaturityContent.thisYear.departmentCounts.filter { $0.count >= 5 }.count)
            #expect(!breakdown.breakdown.groups.contains { $0.outcome == .suppressed(.differenceProtection) })

            let leadership = try #require(try await service.results(rounds[1], groupingKey: "leadership").breakdown)
            #expect(leadership.breakdown.groups.allSatisfy { $0.outcome.results != nil }, "leaders and staff both shown")

            // The trainees' open round: the total is shown (11 ≥ 5), no unit is.
            let trainees = try await service.results(rounds[2], groupingKey: "department")
            #expect(trainees.results?.responseCount == 11)
            #expect(trainees.breakdown?.breakdown.groups.allSatisfy { $0.outcome.results == nil } == true)

            // The Potenzialchecks: the recent one rates higher than the workshop a year ago.
            let assessments = try await MaturityAssessmentRecord.query(on: server.db).filter(\.$municipality.$id == team.municipalityID)
                .sort(\.$assessedOn).all()
            let workshop = try await service.results(assessments[0]).results, recent = try await service.results(assessments[1]).results
            #expect(try #require(recent.overall) > (try #require(workshop.overall)))

            // The pages show it.
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let page = try await client.get("/m/musterstadt/maturity/surveys/\(try rounds[1].requireID())/results?group=department")
            #expect(page.status == .ok, "\(page.status)")
            #expect(page.body.contains("Vermessung und Geoinformation") && page.body.contains("Hauptamt"))
        }
    }

    @Test("the same data on another day: the open round is open, last year's round a year old", arguments: ["2026-12-31", "2028-02-29"])
    func otherDays(day: String) async throws {
        try await Self.withDemo(on: day) { server in
            let team = try await DemoMonitoringTests.team(server)
            let rounds = try await Self.rounds(server, team)
            #expect(rounds.count == 3)
            let today = team.calendar.today
            #expect(rounds[2].opensOn <= today.iso && rounds[2].closesOn >= today.iso)
            #expect(rounds[1].closesOn < today.iso)
            #expect(try await Self.responseCounts(server, rounds) == [112, 138, 11])
        }
    }
}
